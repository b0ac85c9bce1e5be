package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ValidityWindow;
import java.util.Objects;

/**
 * Give a link a new validity window (extend or shorten it, move its start).
 *
 * <p>Construction throws {@link dev.accesslink.core.domain.InvalidInputException} {@code
 * validity.out_of_range} for an end outside the years 1970 to 9999.
 *
 * @param organization the link's organization
 * @param changedBy the acting administrator
 * @param link the link
 * @param window the new window, checked like a send's (both ends in the years 1970 to 9999); an
 *     end in the past is allowed and ends the link at once
 */
public record ChangeValidityWindowCommand(
    OrganizationId organization, AdminId changedBy, AccessLinkId link, ValidityWindow window) {
  public ChangeValidityWindowCommand {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(changedBy, "changedBy");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(window, "window");
    window.requireSupportedRange();
  }
}
