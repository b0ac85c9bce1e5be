package dev.accesslink.mqtt.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.mqtt.CommandKeys;
import dev.accesslink.mqtt.LockAction;
import dev.accesslink.mqtt.LockAvailability;
import dev.accesslink.mqtt.LockProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The JSON payloads of the library's own protocol (see docs/door-control-mqtt.md). */
public final class Wire {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String CONTENT_TYPE = "application/json";
  public static final int VERSION = 1;

  private Wire() {}

  /**
   * A command as the lock reads it.
   *
   * @param signedBytes the bytes its signature must cover, rebuilt from the texts as received
   * @param keyId the signing key's id, if the command names one
   * @param signature the signature, if the command is signed
   */
  public record Command(UUID commandId, LockAction action, long durationMs, String organization, String door,
      String link, Instant issuedAt, Instant expiresAt, byte[] signedBytes, Optional<String> keyId,
      Optional<byte[]> signature) {
    /** Whether the signature is present and valid under one of {@code keys}. */
    public boolean signedBy(CommandKeys keys) {
      return signature.isPresent() && keys.verify(keyId, signedBytes, signature.get());
    }
  }

  /** A lock's answer. */
  public record Reply(Optional<UUID> commandId, String status) {}

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** The command as sent, unsigned, with its own expiry. */
  public static byte[] command(DoorCommand c, LockProfile.AccessLinkJson profile) {
    return command(c.commandId().toString(), c, profile, c.expiresAt(), Optional.empty());
  }

  /**
   * The command with its id already in text (the controller sends the same text as correlation
   * data) and the expiry the lock must hold to ({@code expiresAt}, which may be earlier than the
   * command's own). Signed with the first of {@code keys} when present. Written by hand: a fixed,
   * flat object, with every string value escaped.
   */
  public static byte[] command(String commandId, DoorCommand c, LockProfile.AccessLinkJson profile,
      Instant expiresAt, Optional<CommandKeys> keys) {
    String action = switch (profile.action()) {
      case UNLOCK -> "unlock";
      case OPEN -> "open";
    };
    long durationMs = profile.duration().toMillis();
    String issued = text(c.issuedAt());
    String expires = text(expiresAt);
    String link = c.link().toString();
    StringBuilder b = new StringBuilder(400).append("{\"v\":").append(VERSION);
    string(b, "commandId", commandId);
    string(b, "action", action);
    b.append(",\"durationMs\":").append(durationMs);
    string(b, "organization", c.organization().value());
    string(b, "door", c.door().value());
    string(b, "linkId", link);
    string(b, "issuedAt", issued);
    string(b, "expiresAt", expires);
    if (keys.isPresent()) {
      byte[] mac = keys.get().sign(CommandMac.signedBytes(c.organization().value(), c.door().value(), commandId,
          action, durationMs, link, issued, expires));
      string(b, "kid", keys.get().signingKeyId());
      string(b, "sig", B64.encodeToString(mac));
    }
    return utf8(b.append('}').toString());
  }

  /** The command in {@code payload}, or empty when it is not one (never throws). */
  public static Optional<Command> parseCommand(byte[] payload) {
    String commandId = null;
    String action = "unlock";
    long durationMs = 0;
    String durationText = "0";
    String organization = "";
    String door = "";
    String link = "";
    String issuedAt = null;
    String expiresAt = null;
    String kid = null;
    String sig = null;
    try (JsonParser p = JSON.getFactory().createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value.isStructStart()) {
          p.skipChildren();
          continue;
        }
        switch (field) {
          case "commandId" -> commandId = p.getValueAsString();
          case "action" -> action = p.getValueAsString("unlock");
          case "durationMs" -> {
            durationMs = p.getValueAsLong(0);
            durationText = p.getText();
          }
          case "organization" -> organization = p.getValueAsString("");
          case "door" -> door = p.getValueAsString("");
          case "linkId" -> link = p.getValueAsString("");
          case "issuedAt" -> issuedAt = p.getValueAsString();
          case "expiresAt" -> expiresAt = p.getValueAsString();
          case "kid" -> kid = p.getValueAsString();
          case "sig" -> sig = p.getValueAsString();
          default -> { } // unknown fields are ignored (newer senders)
        }
      }
      if (commandId == null || issuedAt == null || expiresAt == null) {
        return Optional.empty();
      }
      Optional<byte[]> signature = Optional.empty();
      if (sig != null) {
        try {
          signature = Optional.of(Base64.getUrlDecoder().decode(sig));
        } catch (IllegalArgumentException e) {
          signature = Optional.of(new byte[0]); // present but unreadable: verifies as wrong
        }
      }
      // A duration written any other way than the sender writes it cannot match the signature.
      long signedDuration = durationText.equals(Long.toString(durationMs)) ? durationMs : -1;
      byte[] signed = CommandMac.signedBytes(organization, door, commandId, action, signedDuration, link,
          issuedAt, expiresAt);
      return Optional.of(new Command(UUID.fromString(commandId),
          LockAction.valueOf(action.toUpperCase(Locale.ROOT)), durationMs, organization, door, link,
          instant(issuedAt), instant(expiresAt), signed, Optional.ofNullable(kid), signature));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A lock's answer to {@code commandId}. */
  public static byte[] reply(UUID commandId, String door, String status) {
    StringBuilder b = new StringBuilder(96).append('{');
    b.append("\"commandId\":\"").append(commandId).append('"'); // a UUID needs no escaping
    string(b, "door", door);
    string(b, "status", status);
    return utf8(b.append('}').toString());
  }

  public static Optional<Reply> parseReply(byte[] payload) {
    String id = "";
    String status = null;
    try (JsonParser p = JSON.getFactory().createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value.isStructStart()) {
          p.skipChildren();
          if (field.equals("status")) {
            status = null; // must be text
          }
          continue;
        }
        if (field.equals("status")) {
          status = value == JsonToken.VALUE_STRING ? p.getText() : null;
        } else if (field.equals("commandId")) {
          id = p.getValueAsString("");
        }
      }
      if (status == null) {
        return Optional.empty();
      }
      return Optional.of(new Reply(id.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(id)),
          status.toLowerCase(Locale.ROOT)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * {@link Instant#parse}, with a fast path for the form {@link Instant#toString} writes
   * ({@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}); anything else goes to {@code Instant.parse}.
   *
   * @throws java.time.format.DateTimeParseException if it is not an ISO-8601 instant
   */
  public static Instant instant(String text) {
    int n = text.length();
    if (n >= 20 && n <= 30 && n != 21 && text.charAt(4) == '-' && text.charAt(7) == '-'
        && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':'
        && text.charAt(n - 1) == 'Z' && (n == 20 || text.charAt(19) == '.')) {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      int hour = digits(text, 11, 13);
      int minute = digits(text, 14, 16);
      int second = digits(text, 17, 19);
      int nano = n == 20 ? 0 : digits(text, 20, n - 1);
      if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour <= 23 && minute >= 0
          && minute <= 59 && second >= 0 && second <= 59 && nano >= 0) {
        for (int i = n - 21; n > 20 && i < 9; i++) {
          nano *= 10;
        }
        int lastDay = YearMonth.of(year, month).lengthOfMonth();
        if (day <= lastDay) {
          long epochDay = LocalDate.of(year, month, day).toEpochDay();
          return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nano);
        }
      }
    }
    return Instant.parse(text); // other forms, and the error message for bad ones
  }

  /** The last instant {@link #text} writes by hand: 9999-12-31T23:59:59.999999999Z. */
  private static final long LAST_FAST_SECOND = 253_402_300_799L;

  /**
   * Exactly {@link Instant#toString} ({@code yyyy-MM-ddTHH:mm:ss}, then the fraction in groups of
   * three digits as needed, then {@code Z}), written by hand for the years 1970 to 9999: two per
   * command, and {@code DateTimeFormatter} costs more than the rest of the command's text.
   */
  public static String text(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds > LAST_FAST_SECOND) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
    int secondOfDay = (int) (seconds % 86_400);
    int nano = instant.getNano();
    char[] out = new char[30];
    int n = 0;
    n = pad(out, n, date.getYear(), 4);
    out[n++] = '-';
    n = pad(out, n, date.getMonthValue(), 2);
    out[n++] = '-';
    n = pad(out, n, date.getDayOfMonth(), 2);
    out[n++] = 'T';
    n = pad(out, n, secondOfDay / 3600, 2);
    out[n++] = ':';
    n = pad(out, n, secondOfDay / 60 % 60, 2);
    out[n++] = ':';
    n = pad(out, n, secondOfDay % 60, 2);
    if (nano != 0) {
      out[n++] = '.';
      if (nano % 1_000_000 == 0) {
        n = pad(out, n, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        n = pad(out, n, nano / 1_000, 6);
      } else {
        n = pad(out, n, nano, 9);
      }
    }
    out[n++] = 'Z';
    return new String(out, 0, n);
  }

  /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code at}; returns the end. */
  private static int pad(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }

  /** The decimal number in {@code text[from, to)}, or -1 if a character is not an ASCII digit. */
  private static int digits(String text, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char ch = text.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }

  /** Appends {@code ,"name":"value"} (or without the comma right after the opening brace). */
  private static void string(StringBuilder b, String name, String value) {
    if (b.charAt(b.length() - 1) != '{') {
      b.append(',');
    }
    b.append('"').append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (ch < 0x20) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    b.append('"');
  }

  /**
   * {@code unlocked}/{@code opened} open the door; the statuses of docs/door-control-mqtt.md are
   * refusals with that status as reason; anything else is a refusal {@code "unknown status"}.
   */
  public static DoorResponse response(String status) {
    return switch (status) {
      case "unlocked", "opened" -> new DoorResponse.Unlocked();
      case "jammed", "refused", "expired", "not-yet-valid", "out-of-window", "unsigned", "bad-signature",
          "replayed", "busy" -> new DoorResponse.Refused(status);
      default -> new DoorResponse.Refused("unknown status");
    };
  }

  /** Online/offline from a plain payload or {@code {"state":"online"}}; empty when neither. */
  public static Optional<LockAvailability> availability(byte[] payload, String online, String offline) {
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

  public static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
