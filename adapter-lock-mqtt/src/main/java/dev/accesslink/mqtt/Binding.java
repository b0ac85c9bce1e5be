package dev.accesslink.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One door's profile made concrete: its topics, the payloads both sides send and how each side reads
 * them. Used by the controller and by the simulator, so both speak exactly the same protocol.
 */
final class Binding {
  final OrganizationId organization;
  final DoorId door;
  final LockProfile profile;
  final String commandTopic;
  final String availabilityTopic;
  /** Present for the state-confirmed profiles (no request/response). */
  final Optional<String> stateTopic;
  final String online;
  final String offline;

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

  static Binding of(OrganizationId organization, DoorId door, LockProfile profile, TopicTemplate commands,
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

  boolean requestResponse() {
    return stateTopic.isEmpty();
  }

  /** Whether the lock publishes availability at all. */
  boolean hasAvailability() {
    return !(profile instanceof LockProfile.HomeAssistant ha) || ha.availabilityTopic().isPresent();
  }

  // ---- controller side ----

  /** The command payload. */
  byte[] commandPayload(DoorCommand command) {
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
  Optional<DoorResponse> interpretState(byte[] payload) {
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

  Optional<LockAvailability> interpretAvailability(byte[] payload) {
    return Wire.availability(payload, online, offline);
  }

  // ---- lock side (simulator) ----

  /** The action a profile command payload asks for, if it is one. */
  Optional<LockAction> parseProfileCommand(byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8).strip();
    if (profile instanceof LockProfile.HomeAssistant ha) {
      return text.equals(ha.payloadUnlock()) ? Optional.of(LockAction.UNLOCK)
          : text.equals(ha.payloadOpen()) ? Optional.of(LockAction.OPEN) : Optional.empty();
    }
    if (profile instanceof LockProfile.Zigbee2Mqtt) {
      try {
        JsonNode n = Wire.JSON.readTree(text);
        return n != null && n.path("state").asText("").equalsIgnoreCase("UNLOCK")
            ? Optional.of(LockAction.UNLOCK) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return switch (text.toUpperCase(Locale.ROOT)) {
      case "UNLOCK" -> Optional.of(LockAction.UNLOCK);
      case "OPEN" -> Optional.of(LockAction.OPEN);
      default -> Optional.empty();
    };
  }

  /** The state a profile lock reports after a command, given how it behaves. */
  byte[] statePayload(LockBehaviour behaviour, LockAction action) {
    if (profile instanceof LockProfile.HomeAssistant ha) {
      return Wire.utf8(switch (behaviour) {
        case OPENS -> action == LockAction.OPEN ? ha.stateOpen() : ha.stateUnlocked();
        case JAMS -> ha.stateJammed();
        default -> "LOCKED";
      });
    }
    if (profile instanceof LockProfile.Zigbee2Mqtt) {
      ObjectNode n = Wire.JSON.createObjectNode();
      n.put("state", behaviour == LockBehaviour.OPENS ? "UNLOCK" : "LOCK");
      n.put("lock_state", switch (behaviour) {
        case OPENS -> "unlocked";
        case JAMS -> "not_fully_locked";
        default -> "locked";
      });
      return Wire.bytes(n);
    }
    return Wire.utf8(switch (behaviour) {
      case OPENS -> "UNLOCKED";
      case JAMS -> "JAMMED";
      default -> "LOCKED";
    });
  }

  byte[] availabilityPayload(boolean isOnline) {
    if (profile instanceof LockProfile.Zigbee2Mqtt) {
      ObjectNode n = Wire.JSON.createObjectNode();
      n.put("state", isOnline ? "online" : "offline");
      return Wire.bytes(n);
    }
    return Wire.utf8(isOnline ? online : offline);
  }
}
