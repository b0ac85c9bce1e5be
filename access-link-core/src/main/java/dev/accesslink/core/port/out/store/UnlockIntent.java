package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A door command about to be sent, written to the {@link dev.accesslink.core.port.out.UnlockJournal} before the command leaves:
 * until it is settled, the door may have opened without a record of it.
 *
 * @param id the door command's id; the unlock's outcome event (DOOR_UNLOCKED, UNLOCK_REFUSED or
 *     DOOR_UNREACHABLE) carries the same id
 * @param organization the door's organization
 * @param door the door the command opens
 * @param link the link the holder presented
 * @param recipient the name of the link's recipient, whom the unlock is credited to
 * @param sentAt when the command was sent
 * @param expiresAt after this instant the lock refuses the command: the outcome can no longer change
 */
public record UnlockIntent(
    UUID id,
    OrganizationId organization,
    DoorId door,
    AccessLinkId link,
    String recipient,
    Instant sentAt,
    Instant expiresAt) {
  public UnlockIntent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(door, "door");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (expiresAt.isBefore(sentAt)) {
      throw new IllegalArgumentException("expiresAt must not be before sentAt");
    }
  }
}
