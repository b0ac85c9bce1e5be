package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One unlock command for a door. A command, never state: a lock must not act on it after {@code
 * expiresAt}, and the controller must not wait longer than {@code timeout} for the answer.
 *
 * @param commandId unique id, used to correlate the lock's answer
 * @param organization the door's organization
 * @param door the door to open
 * @param link the link the holder presented (for the lock's own log)
 * @param issuedAt when the command was issued
 * @param expiresAt after this instant the lock must refuse the command
 * @param timeout how long to wait for the lock's answer
 */
public record DoorCommand(
    UUID commandId,
    OrganizationId organization,
    DoorId door,
    AccessLinkId link,
    Instant issuedAt,
    Instant expiresAt,
    Duration timeout) {
  public DoorCommand {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(door, "door");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(timeout, "timeout");
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("expiresAt must be after issuedAt");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }
}
