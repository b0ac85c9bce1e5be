package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.LinkRecords;
import java.util.Objects;

/**
 * What {@link LinkRecords#changeWindow} writes: the link's new window, and the live-links quota it
 * may have to take a unit of again.
 *
 * @param organization the link's organization
 * @param link the link
 * @param window the new window
 * @param quota the link's live-links quota (key, limit, and the instant the change happens), for a
 *     link counted that way (EMAIL, MANUAL); for an SMS link its key is the monthly one and it is
 *     not used
 */
public record WindowChange(OrganizationId organization, AccessLinkId link, ValidityWindow window, QuotaReservation quota) {
  public WindowChange {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(quota, "quota");
    if (!quota.key().organization().equals(organization)) {
      throw new IllegalArgumentException("the quota is another organization's");
    }
  }
}
