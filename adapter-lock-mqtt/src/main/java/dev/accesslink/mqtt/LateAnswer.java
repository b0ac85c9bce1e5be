package dev.accesslink.mqtt;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * A lock's answer that arrived after the caller of {@link MqttDoorController#unlock} had stopped
 * waiting (and was told the door was unreachable). An {@link DoorResponse.Unlocked} here means the
 * door did open: record it (a late {@code DOOR_UNLOCKED}) so the audit log tells the truth.
 *
 * @param commandId the command's id
 * @param organization the door's organization
 * @param door the door
 * @param response what the lock answered
 * @param delay how long after the caller's wait ended the answer arrived
 */
public record LateAnswer(UUID commandId, OrganizationId organization, DoorId door, DoorResponse response,
    Duration delay) {
  /** Checks that no component is null. */
  public LateAnswer {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(door, "door");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(delay, "delay");
  }
}
