package dev.accesslink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.mqtt.internal.Binding;
import dev.accesslink.mqtt.internal.NoDelaySocketFactory;
import dev.accesslink.mqtt.internal.TopicTemplate;
import dev.accesslink.mqtt.internal.Wire;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("MQTT door settings, profiles and sockets")
class MqttDoorSettingsTest {
  static final OrganizationId ORG = OrganizationId.of("acme");
  static final DoorId FRONT = DoorId.of("front");

  @Nested
  @DisplayName("settings")
  class Settings {
    @Test
    @DisplayName("defaults: TCP_NODELAY on, 10 s expiry, library topics, JSON profile, availability tracked")
    void defaults() {
      MqttDoorSettings s = MqttDoorSettings.builder("tcp://127.0.0.1:1883").build();
      assertThat(s.tcpNoDelay()).isTrue();
      assertThat(s.messageExpiry()).isEqualTo(Duration.ofSeconds(10));
      assertThat(s.commandTopic()).isEqualTo("accesslink/{organization}/doors/{door}/commands");
      assertThat(s.availabilityTopic()).isEqualTo("accesslink/{organization}/doors/{door}/availability");
      assertThat(s.trackAvailability()).isTrue();
      assertThat(s.profileFor(ORG, FRONT)).isEqualTo(LockProfile.accessLinkJson());
      assertThat(s.clientId()).startsWith("accesslink-");
    }

    @Test
    @DisplayName("the password never appears in toString")
    void passwordHidden() {
      MqttDoorSettings s = MqttDoorSettings.builder("tcp://127.0.0.1:1883")
          .credentials("door-service", "s3cret-Pa55").build();
      assertThat(s.toString()).contains("door-service").doesNotContain("s3cret-Pa55");
      assertThat(s.credentials().orElseThrow().password()).isEqualTo("s3cret-Pa55");
    }

    @Test
    @DisplayName("credentials in the server URI are refused without echoing them")
    void noCredentialsInUri() {
      assertThatThrownBy(() -> MqttDoorSettings.builder("tcp://user:hunter2@127.0.0.1:1883").build())
          .isInstanceOf(IllegalArgumentException.class)
          .message().doesNotContain("hunter2");
    }

    @Test
    @DisplayName("bad URIs, client ids, durations and templates are refused")
    void invalid() {
      assertThatThrownBy(() -> MqttDoorSettings.builder("http://127.0.0.1").build())
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> MqttDoorSettings.builder("tcp://h:1").clientId("a/b").build())
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> MqttDoorSettings.builder("tcp://h:1").messageExpiry(Duration.ofMillis(500)).build())
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> MqttDoorSettings.builder("tcp://h:1").commandTopic("x/{organization}/cmd").build())
          .hasMessageContaining("{door}").isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> MqttDoorSettings.builder("tcp://h:1").commandTopic("x/d-{door}/{organization}").build())
          .hasMessageContaining("whole topic level");
      assertThatThrownBy(() -> MqttDoorSettings.builder("tcp://h:1").commandTopic("x/+/{door}/{organization}").build())
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> MqttDoorSettings.builder("tcp://h:1").replyTopic("replies/{organization}").build())
          .hasMessageContaining("client");
    }

    @Test
    @DisplayName("a door's own profile wins over the default")
    void perDoorProfile() {
      LockProfile z2m = LockProfile.zigbee2mqtt("front_lock");
      MqttDoorSettings s = MqttDoorSettings.builder("tcp://h:1").door(ORG, FRONT, z2m).build();
      assertThat(s.profileFor(ORG, FRONT)).isEqualTo(z2m);
      assertThat(s.profileFor(OrganizationId.of("other"), FRONT)).isEqualTo(LockProfile.accessLinkJson());
    }
  }

  @Nested
  @DisplayName("command expiry and security")
  class ExpiryAndSecurity {
    final Instant now = Instant.parse("2026-12-01T10:00:00Z");

    DoorCommand command(Duration timeout, Duration lifetime) {
      return new DoorCommand(java.util.UUID.randomUUID(), ORG, FRONT,
          dev.accesslink.core.domain.AccessLinkId.generate(now, new java.util.Random(1)), now, now.plus(lifetime), timeout);
    }

    @Test
    @DisplayName("a lock is told an expiry no later than the caller's wait minus the skew allowance (at most half the wait)")
    void lockExpiry() {
      Duration skew = Duration.ofSeconds(1);
      assertThat(MqttDoorController.lockExpiry(command(Duration.ofSeconds(5), Duration.ofSeconds(10)), now, skew))
          .isEqualTo(now.plusSeconds(4));
      assertThat(MqttDoorController.lockExpiry(command(Duration.ofSeconds(5), Duration.ofSeconds(3)), now, skew))
          .as("the command's own expiry when earlier").isEqualTo(now.plusSeconds(3));
      assertThat(MqttDoorController.lockExpiry(command(Duration.ofSeconds(1), Duration.ofSeconds(10)), now, skew))
          .as("allowance capped at half the wait").isEqualTo(now.plusMillis(500));
      assertThat(MqttDoorController.lockExpiry(command(Duration.ofSeconds(5), Duration.ofSeconds(10)),
          now.plusSeconds(2), skew)).as("counted from sending").isEqualTo(now.plusSeconds(6));
    }

    @Test
    @DisplayName("a warning at start for each door whose profile cannot check signatures, without TLS only")
    void insecureProfileWarnings() {
      MqttDoorSettings plain = MqttDoorSettings.builder("tcp://h:1883")
          .door(ORG, FRONT, LockProfile.zigbee2mqtt("front_lock"))
          .door(ORG, DoorId.of("json"), LockProfile.accessLinkJson()).build();
      assertThat(new Doors(plain).securityWarnings()).singleElement().asString()
          .contains("front", "ZIGBEE2MQTT", "TLS");
      MqttDoorSettings tls = MqttDoorSettings.builder("ssl://h:8883")
          .door(ORG, FRONT, LockProfile.zigbee2mqtt("front_lock")).build();
      assertThat(new Doors(tls).securityWarnings()).isEmpty();
    }

    @Test
    @DisplayName("signing keys for a door whose profile cannot check them, and a negative skew, are refused")
    void invalid() {
      assertThatThrownBy(() -> MqttDoorSettings.builder("tcp://h:1")
          .door(ORG, FRONT, LockProfile.espHome("node", "lock"))
          .commandKeys(ORG, FRONT, CommandKeys.of("k", new byte[32])).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot check signatures");
      assertThatThrownBy(() -> MqttDoorSettings.builder("tcp://h:1").clockSkewAllowance(Duration.ofSeconds(-1)).build())
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(MqttDoorSettings.builder("tcp://h:1").build().clockSkewAllowance()).isEqualTo(Duration.ofSeconds(1));
    }
  }

  @Nested
  @DisplayName("topic templates")
  class Templates {
    final TopicTemplate t = TopicTemplate.parse(MqttDoorSettings.DEFAULT_COMMAND_TOPIC, "t",
        TopicTemplate.DOOR_PLACEHOLDERS, TopicTemplate.DOOR_PLACEHOLDERS);

    @Test
    @DisplayName("expand, filter and match are consistent")
    void roundTrip() {
      java.util.Map<String, String> v = java.util.Map.of("organization", "acme", "door", "front");
      assertThat(t.expand(v)).isEqualTo("accesslink/acme/doors/front/commands");
      assertThat(t.filter(java.util.Map.of())).isEqualTo("accesslink/+/doors/+/commands");
      assertThat(t.match("accesslink/acme/doors/front/commands")).contains(v);
      assertThat(t.match("accesslink/acme/doors/front/availability")).isEmpty();
    }
  }

  @Nested
  @DisplayName("profiles")
  class Profiles {
    @Test
    @DisplayName("Zigbee2MQTT and ESPHome topics follow those projects' layouts")
    void topics() {
      LockProfile.Zigbee2Mqtt z = LockProfile.zigbee2mqtt("front_lock");
      assertThat(z.commandTopic()).isEqualTo("zigbee2mqtt/front_lock/set");
      assertThat(z.stateTopic()).isEqualTo("zigbee2mqtt/front_lock");
      assertThat(z.availabilityTopic()).isEqualTo("zigbee2mqtt/front_lock/availability");
      LockProfile.EspHome e = LockProfile.espHome("gate-node", "gate_lock");
      assertThat(e.commandTopic()).isEqualTo("gate-node/lock/gate_lock/command");
      assertThat(e.stateTopic()).isEqualTo("gate-node/lock/gate_lock/state");
      assertThat(e.availabilityTopic()).isEqualTo("gate-node/status");
    }

    @Test
    @DisplayName("state-confirmed profiles: unlocked confirms, jammed refuses, a plain LOCKED report decides nothing")
    void stateInterpretation() {
      TopicTemplate c = TopicTemplate.parse(MqttDoorSettings.DEFAULT_COMMAND_TOPIC, "c",
          TopicTemplate.DOOR_PLACEHOLDERS, TopicTemplate.DOOR_PLACEHOLDERS);
      TopicTemplate a = TopicTemplate.parse(MqttDoorSettings.DEFAULT_AVAILABILITY_TOPIC, "a",
          TopicTemplate.DOOR_PLACEHOLDERS, TopicTemplate.DOOR_PLACEHOLDERS);
      Binding ha = Binding.of(ORG, FRONT, LockProfile.homeAssistant("h/set", "h/state", "h/avail"), c, a);
      assertThat(ha.interpretState(Wire.utf8("UNLOCKED"))).contains(new DoorResponse.Unlocked());
      assertThat(ha.interpretState(Wire.utf8("OPEN"))).contains(new DoorResponse.Unlocked());
      assertThat(ha.interpretState(Wire.utf8("JAMMED"))).contains(new DoorResponse.Refused("jammed"));
      assertThat(ha.interpretState(Wire.utf8("LOCKED"))).isEmpty();
      assertThat(ha.interpretAvailability(Wire.utf8("offline"))).contains(LockAvailability.OFFLINE);

      Binding z = Binding.of(ORG, FRONT, LockProfile.zigbee2mqtt("l"), c, a);
      assertThat(z.interpretState(Wire.utf8("{\"state\":\"UNLOCK\",\"lock_state\":\"unlocked\"}")))
          .contains(new DoorResponse.Unlocked());
      assertThat(z.interpretState(Wire.utf8("{\"state\":\"LOCK\",\"lock_state\":\"not_fully_locked\"}")))
          .contains(new DoorResponse.Refused("jammed"));
      assertThat(z.interpretState(Wire.utf8("{\"state\":\"LOCK\",\"battery\":90}"))).isEmpty();
      assertThat(z.interpretAvailability(Wire.utf8("{\"state\":\"online\"}"))).contains(LockAvailability.ONLINE);
      assertThat(z.interpretAvailability(Wire.utf8("offline"))).contains(LockAvailability.OFFLINE);
    }

    @Test
    @DisplayName("an unknown status from a lock is a refusal, never an unlock")
    void unknownStatus() {
      assertThat(Wire.response("unlocked")).isEqualTo(new DoorResponse.Unlocked());
      assertThat(Wire.response("opened")).isEqualTo(new DoorResponse.Unlocked());
      assertThat(Wire.response("expired")).isEqualTo(new DoorResponse.Refused("expired"));
      assertThat(Wire.response("maybe")).isEqualTo(new DoorResponse.Refused("unknown status"));
    }
  }

  @Nested
  @DisplayName("sockets")
  class Sockets {
    @Test
    @DisplayName("TCP_NODELAY is set on plain and TLS sockets, and can be switched off")
    void noDelay() throws Exception {
      try (Socket s = NoDelaySocketFactory.forScheme("tcp", Optional.empty(), true).createSocket()) {
        assertThat(s.getTcpNoDelay()).isTrue();
      }
      try (Socket s = NoDelaySocketFactory.forScheme("ssl", Optional.of(SSLContext.getDefault()), true).createSocket()) {
        assertThat(s).isInstanceOf(SSLSocket.class);
        assertThat(s.getTcpNoDelay()).isTrue();
      }
      try (Socket s = NoDelaySocketFactory.forScheme("tcp", Optional.empty(), false).createSocket()) {
        assertThat(s.getTcpNoDelay()).isFalse();
      }
    }
  }
}
