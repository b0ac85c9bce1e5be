package dev.accesslink.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The JSON payloads of the library's own protocol (see docs/door-control-mqtt.md). */
final class Wire {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONTENT_TYPE = "application/json";
  static final int VERSION = 1;

  private Wire() {}

  /** A command as the lock reads it. */
  record Command(UUID commandId, LockAction action, long durationMs, String organization, String door,
      String link, Instant issuedAt, Instant expiresAt) {}

  /** A lock's answer. */
  record Reply(Optional<UUID> commandId, String status) {}

  static byte[] command(DoorCommand c, LockProfile.AccessLinkJson profile) {
    ObjectNode n = JSON.createObjectNode();
    n.put("v", VERSION);
    n.put("commandId", c.commandId().toString());
    n.put("action", profile.action().name().toLowerCase(Locale.ROOT));
    n.put("durationMs", profile.duration().toMillis());
    n.put("organization", c.organization().value());
    n.put("door", c.door().value());
    n.put("linkId", c.link().toString());
    n.put("issuedAt", c.issuedAt().toString());
    n.put("expiresAt", c.expiresAt().toString());
    return bytes(n);
  }

  static Optional<Command> parseCommand(byte[] payload) {
    try {
      JsonNode n = JSON.readTree(payload);
      if (n == null || !n.isObject()) {
        return Optional.empty();
      }
      return Optional.of(new Command(UUID.fromString(n.path("commandId").asText()),
          LockAction.valueOf(n.path("action").asText("unlock").toUpperCase(Locale.ROOT)),
          n.path("durationMs").asLong(0), n.path("organization").asText(""), n.path("door").asText(""),
          n.path("linkId").asText(""), Instant.parse(n.path("issuedAt").asText()),
          Instant.parse(n.path("expiresAt").asText())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static byte[] reply(UUID commandId, String door, String status) {
    ObjectNode n = JSON.createObjectNode();
    n.put("commandId", commandId.toString());
    n.put("door", door);
    n.put("status", status);
    return bytes(n);
  }

  static Optional<Reply> parseReply(byte[] payload) {
    try {
      JsonNode n = JSON.readTree(payload);
      if (n == null || !n.isObject() || !n.path("status").isTextual()) {
        return Optional.empty();
      }
      String id = n.path("commandId").asText("");
      return Optional.of(new Reply(id.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(id)),
          n.path("status").asText().toLowerCase(Locale.ROOT)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code unlocked}/{@code opened} open the door; anything else is a refusal with that status. */
  static DoorResponse response(String status) {
    return switch (status) {
      case "unlocked", "opened" -> new DoorResponse.Unlocked();
      case "jammed", "refused", "expired" -> new DoorResponse.Refused(status);
      default -> new DoorResponse.Refused("unknown status");
    };
  }

  /** Online/offline from a plain payload or {@code {"state":"online"}}; empty when neither. */
  static Optional<LockAvailability> availability(byte[] payload, String online, String offline) {
    String text = new String(payload, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return Optional.of(LockAvailability.UNKNOWN); // a cleared retained message
    }
    if (text.startsWith("{")) {
      try {
        JsonNode n = JSON.readTree(text);
        text = n.path("state").asText("");
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    if (text.equals(online)) {
      return Optional.of(LockAvailability.ONLINE);
    }
    if (text.equals(offline)) {
      return Optional.of(LockAvailability.OFFLINE);
    }
    return Optional.empty();
  }

  static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
