package dev.accesslink.mqtt.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.mqtt.LockAction;
import dev.accesslink.mqtt.LockAvailability;
import dev.accesslink.mqtt.LockProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One door's profile made concrete: its topics, the payloads both sides send and how each side reads
 * them. Used by the controller and by the simulator, so both speak exactly the same protocol.
 */
public final class Binding {
  public final OrganizationId organization;
  public final DoorId door;
  public final LockProfile profile;
  public final String commandTopic;
  public final String availabilityTopic;
  /** Present for the state-confirmed profiles (no request/response). */
  public final Optional<String> stateTopic;
  public final String online;
  public final String offline;

  private Binding(OrganizationId organization, DoorId door, LockProfile profile, String commandTopic,
      String availabilityTopic, Optional<String> stateTopic, String online, String offline) {
    this.organization = organization;
    this.door = door;
    this.profile = profile;
    this.commandTopic = commandTopic;
    this.availabilityTopic = availabilityTopic;
    this.stateTopic = stateTopic;
    this.online = online;
    this.offline = offline;
  }

  public static Binding of(OrganizationId organization, DoorId door, LockProfile profile, TopicTemplate commands,
      TopicTemplate availability) {
    if (profile instanceof LockProfile.AccessLinkJson) {
      Map<String, String> values = Map.of("organization", organization.value(), "door", door.value());
      return new Binding(organization, door, profile, commands.expand(values), availability.expand(values),
          Optional.empty(), "online", "offline");
    }
    if (profile instanceof LockProfile.HomeAssistant ha) {
      // A Home Assistant lock without availability topic: nothing will ever be published here.
      String avail = ha.availabilityTopic().orElse(ha.stateTopic() + "/availability");
      return new Binding(organization, door, profile, ha.commandTopic(), avail, Optional.of(ha.stateTopic()),
          ha.payloadAvailable(), ha.payloadNotAvailable());
    }
    if (profile instanceof LockProfile.Zigbee2Mqtt z) {
      return new Binding(organization, door, profile, z.commandTopic(), z.availabilityTopic(),
          Optional.of(z.stateTopic()), "online", "offline");
    }
    LockProfile.EspHome e = (LockProfile.EspHome) profile;
    return new Binding(organization, door, profile, e.commandTopic(), e.availabilityTopic(),
        Optional.of(e.stateTopic()), "online", "offline");
  }

  public boolean requestResponse() {
    return stateTopic.isEmpty();
  }

  /** Whether the lock publishes availability at all. */
  public boolean hasAvailability() {
    return !(profile instanceof LockProfile.HomeAssistant ha) || ha.availabilityTopic().isPresent();
  }

  // ---- controller side ----

  /** The command payload. */
  public byte[] commandPayload(DoorCommand command) {
    if (profile instanceof LockProfile.AccessLinkJson json) {
      return Wire.command(command, json);
    }
    if (profile instanceof LockProfile.HomeAssistant ha) {
      return Wire.utf8(ha.action() == LockAction.OPEN ? ha.payloadOpen() : ha.payloadUnlock());
    }
    if (profile instanceof LockProfile.Zigbee2Mqtt) {
      ObjectNode n = Wire.JSON.createObjectNode();
      n.put("state", "UNLOCK");
      return Wire.bytes(n);
    }
    LockProfile.EspHome e = (LockProfile.EspHome) profile;
    return Wire.utf8(e.action() == LockAction.OPEN ? "OPEN" : "UNLOCK");
  }

  /**
   * What a live state message says about a pending unlock: unlocked, jammed, or nothing yet. A
   * locked state completes nothing: devices report their state for many reasons, and a stale
   * "locked" must not be read as a refusal.
   */
  public Optional<DoorResponse> interpretState(byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8).strip();
    if (profile instanceof LockProfile.HomeAssistant ha) {
      if (text.equals(ha.stateUnlocked()) || text.equals(ha.stateOpen())) {
        return Optional.of(new DoorResponse.Unlocked());
      }
      return text.equals(ha.stateJammed()) ? Optional.of(new DoorResponse.Refused("jammed")) : Optional.empty();
    }
    if (profile instanceof LockProfile.Zigbee2Mqtt) {
      try {
        JsonNode n = Wire.JSON.readTree(text);
        if (n == null || !n.isObject()) {
          return Optional.empty();
        }
        String lockState = n.path("lock_state").asText("");
        if (lockState.equals("unlocked") || (lockState.isEmpty() && n.path("state").asText("").equals("UNLOCK"))) {
          return Optional.of(new DoorResponse.Unlocked());
        }
        return lockState.equals("not_fully_locked")
            ? Optional.of(new DoorResponse.Refused("jammed")) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    if (text.equals("UNLOCKED")) {
      return Optional.of(new DoorResponse.Unlocked());
    }
    return text.equals("JAMMED") ? Optional.of(new DoorResponse.Refused("jammed")) : Optional.empty();
  }

  public Optional<LockAvailability> interpretAvailability(byte[] payload) {
    return Wire.availability(payload, online, offline);
  }
}
