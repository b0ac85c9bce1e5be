package dev.accesslink.mqtt.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslink.mqtt.LockAction;
import dev.accesslink.mqtt.LockProfile;
import dev.accesslink.mqtt.internal.Binding;
import dev.accesslink.mqtt.internal.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The device side of the state-confirmed profiles: what a lock reads and what it reports. */
final class DeviceSide {
  private DeviceSide() {}


  /** The action a profile command payload asks for, if it is one. */
  static Optional<LockAction> parseProfileCommand(Binding binding, byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8).strip();
    if (binding.profile instanceof LockProfile.HomeAssistant ha) {
      return text.equals(ha.payloadUnlock()) ? Optional.of(LockAction.UNLOCK)
          : text.equals(ha.payloadOpen()) ? Optional.of(LockAction.OPEN) : Optional.empty();
    }
    if (binding.profile instanceof LockProfile.Zigbee2Mqtt) {
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
  static byte[] statePayload(Binding binding, LockBehaviour behaviour, LockAction action) {
    if (binding.profile instanceof LockProfile.HomeAssistant ha) {
      return Wire.utf8(switch (behaviour) {
        case OPENS -> action == LockAction.OPEN ? ha.stateOpen() : ha.stateUnlocked();
        case JAMS -> ha.stateJammed();
        default -> "LOCKED";
      });
    }
    if (binding.profile instanceof LockProfile.Zigbee2Mqtt) {
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

  /** The availability payload the lock publishes (and its last will). */
  static byte[] availabilityPayload(Binding binding, boolean isOnline) {
    if (binding.profile instanceof LockProfile.Zigbee2Mqtt) {
      ObjectNode n = Wire.JSON.createObjectNode();
      n.put("state", isOnline ? "online" : "offline");
      return Wire.bytes(n);
    }
    return Wire.utf8(isOnline ? binding.online : binding.offline);
  }
}
