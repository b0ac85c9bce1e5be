package dev.accesslink.mqtt;

import static dev.accesslink.mqtt.MqttTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.mqtt.internal.Wire;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import dev.accesslink.mqtt.simulator.SimulatedLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The broker ACL recipe of docs/door-control-mqtt.md, run on a Mosquitto the test starts with
 * exactly that ACL and a password file made by {@code mosquitto_passwd}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("the Mosquitto ACL recipe: locks reach only their own door, applications only their own answers")
class MosquittoAclTest {
  /** The ACL file as docs/door-control-mqtt.md gives it (for organization acme, doors front and back). */
  static final String ACL = """
      # Applications: one user per instance, and its MQTT client id is its user name.
      user accesslink-app-a
      topic write accesslink/+/doors/+/commands
      topic read accesslink/+/doors/+/availability

      user accesslink-app-b
      topic write accesslink/+/doors/+/commands
      topic read accesslink/+/doors/+/availability

      # Each client reads only the response topics named after its own user name.
      pattern read accesslink/+/replies/%u

      # One user per lock: its own command topic, its own availability, answers to its organization.
      user lock-acme-front
      topic read accesslink/acme/doors/front/commands
      topic write accesslink/acme/doors/front/availability
      topic write accesslink/acme/replies/+

      user lock-acme-back
      topic read accesslink/acme/doors/back/commands
      topic write accesslink/acme/doors/back/availability
      topic write accesslink/acme/replies/+
      """;

  final OrganizationId acme = OrganizationId.of("acme");
  final DoorId front = DoorId.of("front");
  final DoorId back = DoorId.of("back");
  OwnMosquitto broker;
  MqttDoorController appA;
  MqttLockSimulator frontSim;
  MqttLockSimulator backSim;
  SimulatedLock frontLock;
  SimulatedLock backLock;

  @BeforeAll
  void start() throws Exception {
    OwnMosquitto.assumeInstalled();
    Path dir = OwnMosquitto.folder();
    Path passwd = dir.resolve("passwd");
    for (String user : new String[] {"accesslink-app-a", "accesslink-app-b", "lock-acme-front", "lock-acme-back"}) {
      OwnMosquitto.addUser(passwd, user, "pw-" + user);
    }
    Files.writeString(dir.resolve("acl"), ACL);
    broker = OwnMosquitto.start(dir, 1, ports -> String.join("\n",
        "per_listener_settings false",
        "allow_anonymous false",
        "password_file " + passwd,
        "acl_file " + dir.resolve("acl"),
        "persistence false",
        "log_dest stdout",
        "listener " + ports.get(0) + " 127.0.0.1"));
    appA = MqttDoorController.connect(MqttDoorSettings.builder(uri()).clientId("accesslink-app-a")
        .credentials("accesslink-app-a", "pw-accesslink-app-a").build());
    frontSim = MqttLockSimulator.builder(uri()).credentials("lock-acme-front", "pw-lock-acme-front").build();
    backSim = MqttLockSimulator.builder(uri()).credentials("lock-acme-back", "pw-lock-acme-back").build();
    frontLock = frontSim.addLock(acme, front);
    backLock = backSim.addLock(acme, back);
    await("both locks online", Duration.ofSeconds(5), () -> appA.availability(acme, front) == LockAvailability.ONLINE
        && appA.availability(acme, back) == LockAvailability.ONLINE);
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {appA, frontSim, backSim, broker}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // closing the rest matters more
      }
    }
  }

  String uri() {
    return "tcp://127.0.0.1:" + broker.port(0);
  }

  @Test
  @DisplayName("the application unlocks both doors through the ACL")
  void allowed() {
    assertThat(appA.unlock(MqttTesting.command(acme, front))).isEqualTo(new DoorResponse.Unlocked());
    assertThat(appA.unlock(MqttTesting.command(acme, back))).isEqualTo(new DoorResponse.Unlocked());
  }

  @Test
  @DisplayName("a lock's credentials cannot publish an unlock for another door (or its own), nor read another door's commands")
  void lockCredentialsStayAtTheirDoor() throws Exception {
    int before = backLock.receivedCount();
    DoorCommand forged = MqttTesting.command(acme, back);
    try (RawClient stolen = new RawClient(uri(), "thief", "lock-acme-front", "pw-lock-acme-front")) {
      MqttProperties p = new MqttProperties();
      p.setResponseTopic("accesslink/acme/replies/thief");
      assertThat(stolen.tryPublish("accesslink/acme/doors/back/commands",
          Wire.command(forged, LockProfile.accessLinkJson()), p)).isEqualTo(0x87);
      assertThat(stolen.tryPublish("accesslink/acme/doors/front/commands",
          Wire.command(MqttTesting.command(acme, front), LockProfile.accessLinkJson()), p)).isEqualTo(0x87);
      // Mosquitto grants a subscription the ACL does not cover, but delivers nothing through it.
      stolen.trySubscribe("accesslink/+/doors/+/commands");
      // A real command after the forged one: once it is handled, the forged one would have been too.
      DoorCommand real = MqttTesting.command(acme, back);
      assertThat(appA.unlock(real)).isEqualTo(new DoorResponse.Unlocked());
      assertThat(backLock.receivedCount()).isEqualTo(before + 1);
      assertThat(backLock.executions()).noneMatch(e -> e.commandId().equals(java.util.Optional.of(forged.commandId())));
      // The thief's own door's command does reach it; the other door's, sent before, did not.
      DoorCommand own = MqttTesting.command(acme, front);
      assertThat(appA.unlock(own)).isEqualTo(new DoorResponse.Unlocked());
      RawClient.Received first = stolen.next(5);
      assertThat(first.topic()).isEqualTo("accesslink/acme/doors/front/commands");
      assertThat(new String(first.message().getPayload(), java.nio.charset.StandardCharsets.UTF_8))
          .contains(own.commandId().toString());
    }
  }

  @Test
  @DisplayName("an application cannot read another application's response topics")
  void applicationsReadOnlyTheirOwnAnswers() throws Exception {
    try (RawClient appB = new RawClient(uri(), "accesslink-app-b", "accesslink-app-b", "pw-accesslink-app-b");
        RawClient lock = new RawClient(uri(), "marker", "lock-acme-front", "pw-lock-acme-front")) {
      appB.trySubscribe("accesslink/acme/replies/accesslink-app-a");
      appB.trySubscribe("accesslink/+/replies/+");
      // App A's unlock is answered on app A's response topic ...
      assertThat(appA.unlock(MqttTesting.command(acme, front))).isEqualTo(new DoorResponse.Unlocked());
      // ... and then a lock answers on app B's: app B gets that one only.
      lock.publish("accesslink/acme/replies/accesslink-app-b", Wire.utf8("{\"status\":\"marker\"}"), false,
          new MqttProperties());
      RawClient.Received first = appB.next(5);
      assertThat(first.topic()).isEqualTo("accesslink/acme/replies/accesslink-app-b");
      assertThat(appB.received).isEmpty();
    }
  }

  @Test
  @DisplayName("a wrong password is a typed BAD_CREDENTIALS error that does not show the password")
  void badPassword() {
    assertThatThrownBy(() -> MqttDoorController.connect(MqttDoorSettings.builder(uri()).clientId("accesslink-app-a")
            .credentials("accesslink-app-a", "not-the-password").build()).close())
        .isInstanceOfSatisfying(MqttConnectionException.class, e -> {
          assertThat(e.reason()).isIn(MqttConnectionException.Reason.BAD_CREDENTIALS,
              MqttConnectionException.Reason.NOT_AUTHORIZED);
          assertThat(e.getMessage()).doesNotContain("not-the-password");
        });
  }
}
