package dev.accesslink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.mqtt.internal.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hand-written encoder and the streaming readers of the library's JSON protocol. */
class WireTest {
  private static final Random RANDOM = new Random(42);

  private static DoorCommand command(Instant issuedAt, Instant expiresAt) {
    return new DoorCommand(UUID.randomUUID(), OrganizationId.of("acme-1"), DoorId.of("front.door@b:2"),
        AccessLinkId.generate(issuedAt, RANDOM), issuedAt, expiresAt, Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("a command is valid JSON with every field, and the lock reads back what was sent")
  void commandRoundTrip() throws Exception {
    Instant issued = Instant.parse("2026-11-25T23:57:34.836238591Z");
    DoorCommand c = command(issued, issued.plusSeconds(10));
    LockProfile.AccessLinkJson open = new LockProfile.AccessLinkJson(LockAction.OPEN, Duration.ofSeconds(7));

    byte[] payload = Wire.command(c, open);

    JsonNode n = Wire.JSON.readTree(payload);
    assertThat(n.path("v").asInt()).isEqualTo(Wire.VERSION);
    assertThat(n.path("commandId").asText()).isEqualTo(c.commandId().toString());
    assertThat(n.path("action").asText()).isEqualTo("open");
    assertThat(n.path("durationMs").asLong()).isEqualTo(7000);
    assertThat(n.path("organization").asText()).isEqualTo("acme-1");
    assertThat(n.path("door").asText()).isEqualTo("front.door@b:2");
    assertThat(n.path("linkId").asText()).isEqualTo(c.link().toString());
    assertThat(n.path("issuedAt").asText()).isEqualTo(c.issuedAt().toString());
    assertThat(n.path("expiresAt").asText()).isEqualTo(c.expiresAt().toString());
    assertThat(Wire.parseCommand(payload)).hasValueSatisfying(read -> {
      assertThat(read.commandId()).isEqualTo(c.commandId());
      assertThat(read.action()).isEqualTo(LockAction.OPEN);
      assertThat(read.durationMs()).isEqualTo(7000);
      assertThat(read.organization()).isEqualTo("acme-1");
      assertThat(read.door()).isEqualTo("front.door@b:2");
      assertThat(read.link()).isEqualTo(c.link().toString());
      assertThat(read.issuedAt()).isEqualTo(c.issuedAt());
      assertThat(read.expiresAt()).isEqualTo(c.expiresAt());
      assertThat(read.signature()).isEmpty();
    });
  }

  static byte[] key(int seed) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) seed);
    return k;
  }

  @Test
  @DisplayName("a signed command verifies with the door's key, and with no other key or changed field")
  void signedCommands() {
    Instant issued = Instant.parse("2026-11-25T23:57:34.836Z");
    DoorCommand c = command(issued, issued.plusSeconds(10));
    CommandKeys keys = CommandKeys.of("k1", key(1));
    byte[] payload = Wire.command(c.commandId().toString(), c, LockProfile.accessLinkJson(), c.expiresAt(),
        Optional.of(keys));

    Wire.Command read = Wire.parseCommand(payload).orElseThrow();
    assertThat(read.keyId()).contains("k1");
    assertThat(read.signedBy(keys)).isTrue();
    assertThat(read.signedBy(CommandKeys.of("k1", key(2)))).isFalse();
    assertThat(read.signedBy(CommandKeys.of("k9", key(1)))).as("another key id").isFalse();

    String text = new String(payload, StandardCharsets.UTF_8);
    for (String[] change : new String[][] {
        {"\"door\":\"front.door@b:2\"", "\"door\":\"back\""},
        {c.expiresAt().toString(), issued.plusSeconds(3600).toString()},
        {c.issuedAt().toString(), issued.plusSeconds(5).toString()},
        {c.commandId().toString(), UUID.randomUUID().toString()},
        {"\"action\":\"unlock\"", "\"action\":\"open\""},
        {"\"durationMs\":5000", "\"durationMs\":3600000"}}) {
      assertThat(text).contains(change[0]);
      Wire.Command forged = Wire.parseCommand(text.replace(change[0], change[1]).getBytes(StandardCharsets.UTF_8))
          .orElseThrow();
      assertThat(forged.signedBy(keys)).as(change[1]).isFalse();
    }
  }

  @Test
  @DisplayName("rotation: a lock holding the old and the new key accepts commands signed with either")
  void rotation() {
    Instant issued = Instant.parse("2026-11-25T23:57:34Z");
    DoorCommand c = command(issued, issued.plusSeconds(10));
    CommandKeys lock = CommandKeys.of("old", key(1)).and("new", key(2));
    for (CommandKeys signer : List.of(CommandKeys.of("old", key(1)), CommandKeys.of("new", key(2)).and("old", key(1)))) {
      byte[] payload = Wire.command(c.commandId().toString(), c, LockProfile.accessLinkJson(), c.expiresAt(),
          Optional.of(signer));
      assertThat(Wire.parseCommand(payload).orElseThrow().signedBy(lock)).as(signer.toString()).isTrue();
      assertThat(Wire.parseCommand(payload).orElseThrow().signedBy(CommandKeys.of("newer", key(3)))).isFalse();
    }
  }

  @Test
  @DisplayName("keys: short keys and bad ids are refused without showing the key; toString shows ids only")
  void keyHygiene() {
    assertThatThrownBy(() -> CommandKeys.of("k", new byte[16])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> CommandKeys.of("bad id", key(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommandKeys.of("k", key(1)).and("k", key(2))).isInstanceOf(IllegalArgumentException.class);
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    CommandKeys keys = CommandKeys.of("k1", secret).and("k2", key(7));
    assertThat(keys.toString()).isEqualTo("CommandKeys[k1, k2]").doesNotContain("0123456789abcdef");
    secret[0] = 'X'; // copied in: changing the caller's array changes nothing
    assertThat(keys).isEqualTo(CommandKeys.of("k1", "0123456789abcdef0123456789abcdef".getBytes(
        StandardCharsets.US_ASCII)).and("k2", key(7)));
    MqttDoorSettings s = MqttDoorSettings.builder("tcp://h:1")
        .commandKeys(OrganizationId.of("acme"), DoorId.of("front"), keys).build();
    assertThat(s.toString()).doesNotContain("0123456789abcdef");
  }

  @Test
  @DisplayName("the lock reads commands whatever the field order, ignores unknown fields and refuses incomplete ones")
  void commandReading() {
    UUID id = UUID.randomUUID();
    String reordered = "{\"expiresAt\":\"2026-01-01T00:00:10Z\",\"extra\":{\"a\":[1,{\"b\":2}]},\"door\":\"d\","
        + "\"organization\":\"o\",\"commandId\":\"" + id + "\",\"issuedAt\":\"2026-01-01T00:00:00Z\",\"v\":1}";
    assertThat(Wire.parseCommand(reordered.getBytes(StandardCharsets.UTF_8))).hasValueSatisfying(c -> {
      assertThat(c.commandId()).isEqualTo(id);
      assertThat(c.action()).isEqualTo(LockAction.UNLOCK);
      assertThat(c.door()).isEqualTo("d");
      assertThat(c.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
    });
    for (String bad : new String[] {"", "[]", "\"x\"", "{", "{\"commandId\":\"" + id + "\"}",
        "{\"commandId\":\"nope\",\"issuedAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-01-01T00:00:10Z\"}",
        "{\"commandId\":\"" + id + "\",\"action\":\"explode\",\"issuedAt\":\"2026-01-01T00:00:00Z\","
            + "\"expiresAt\":\"2026-01-01T00:00:10Z\"}",
        "{\"commandId\":\"" + id + "\",\"issuedAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"tomorrow\"}"}) {
      assertThat(Wire.parseCommand(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isEmpty();
    }
  }

  @Test
  @DisplayName("string values are escaped, so any text stays one JSON string")
  void escaping() throws Exception {
    UUID id = UUID.randomUUID();
    String door = "a\"b\\c\nd\u0001é";

    byte[] reply = Wire.reply(id, door, "unlocked");

    JsonNode n = Wire.JSON.readTree(reply);
    assertThat(n.path("door").asText()).isEqualTo(door);
    assertThat(n.path("commandId").asText()).isEqualTo(id.toString());
    assertThat(Wire.parseReply(reply)).contains(new Wire.Reply(java.util.Optional.of(id), "unlocked"));
  }

  @Test
  @DisplayName("answers: status must be text, the command id is optional, the status is read case-insensitively")
  void replyReading() {
    assertThat(Wire.parseReply(Wire.utf8("{\"status\":\"JAMMED\"}")))
        .contains(new Wire.Reply(java.util.Optional.empty(), "jammed"));
    for (String bad : new String[] {"{}", "{\"status\":1}", "{\"status\":{\"a\":\"b\"}}", "not json", "[]",
        "{\"status\":\"unlocked\",\"commandId\":\"nope\"}"}) {
      assertThat(Wire.parseReply(Wire.utf8(bad))).as(bad).isEmpty();
    }
  }

  @Test
  @DisplayName("instants: the fast path agrees with Instant.parse, other ISO forms still work, bad ones fail")
  void instants() {
    for (int i = 0; i < 5_000; i++) {
      Instant t = Instant.ofEpochSecond(RANDOM.nextLong(-62_000_000_000L, 253_000_000_000L),
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> RANDOM.nextInt(1000) * 1_000_000;
            case 2 -> RANDOM.nextInt(1_000_000) * 1000;
            default -> RANDOM.nextInt(1_000_000_000);
          });
      assertThat(Wire.instant(t.toString())).isEqualTo(t);
    }
    for (String s : new String[] {"2024-02-29T12:00:00Z", "2026-01-01T00:00:00.5Z", "2026-01-01T00:00:00.12Z",
        "+12026-01-01T00:00:00Z", "2026-01-01T01:00:00+01:00", "2026-12-31T23:59:59.999999999Z",
        "2026-01-01T24:00:00Z", "2026-01-01T00:00:00.Z", "2026-01-01T23:59:60Z"}) {
      // the last three are oddities Instant.parse accepts: they take the fallback, so they still do
      assertThat(Wire.instant(s)).as(s).isEqualTo(Instant.parse(s));
    }
    for (String s : new String[] {"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-01-01T00:60:00Z", "2026-01-01T00:00:00.1234567890Z", "2026-01-0xT00:00:00Z",
        "2026-01-01 00:00:00Z", ""}) {
      assertThatThrownBy(() -> Wire.instant(s)).as(s).isInstanceOf(DateTimeParseException.class);
    }
  }

  @Test
  @DisplayName("instants are written exactly as Instant.toString writes them")
  void instantText() {
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochSecond(RANDOM.nextLong(-62_000_000_000L, 300_000_000_000L),
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> RANDOM.nextInt(1000) * 1_000_000;
            case 2 -> RANDOM.nextInt(1_000_000) * 1000;
            default -> RANDOM.nextInt(1_000_000_000);
          });
      assertThat(Wire.text(t)).isEqualTo(t.toString());
    }
    for (Instant t : new Instant[] {Instant.EPOCH, Instant.parse("9999-12-31T23:59:59.999999999Z"),
        Instant.parse("+10000-01-01T00:00:00Z"), Instant.ofEpochSecond(-1), Instant.parse("2024-02-29T12:00:00.001Z"),
        Instant.parse("2026-01-01T00:00:00.000001Z"), Instant.parse("2026-01-01T00:00:00.000000001Z")}) {
      assertThat(Wire.text(t)).isEqualTo(t.toString());
    }
  }

  @Test
  @DisplayName("the signed bytes are the documented encoding: tag, then per field a newline, UTF-8 length, colon, text")
  void signedBytesEncoding() {
    String[][] cases = {
        {"acme", "front", "0b6f5c52-6a39-4c0c-9d5c-3f3d9d1a2b7e", "unlock", "5000", "01J0000000000000000000000",
            "2026-03-01T09:00:00Z", "2026-03-01T09:00:04.5Z"},
        {"ökö-ü", "tür:1\n2", "", "open", "0", "x", "2026-03-01T09:00:00.123456789Z", "y".repeat(1234)}};
    for (String[] f : cases) {
      StringBuilder expected = new StringBuilder("accesslink-command-v1");
      for (String field : f) {
        expected.append('\n').append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field);
      }
      assertThat(dev.accesslink.mqtt.internal.CommandMac.signedBytes(f[0], f[1], f[2], f[3], Long.parseLong(f[4]),
          f[5], f[6], f[7])).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
