package dev.accesslink.mqtt;

import static dev.accesslink.mqtt.MqttTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.mqtt.MqttConnectionException.Reason;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import dev.accesslink.mqtt.simulator.SimulatedLock;
import java.nio.file.Files;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TLS end to end against a Mosquitto the test runs itself, with a CA, server and client
 * certificates the test generates: the broker's certificate is verified (host name included), and
 * client certificates are the application's and the locks' identities (mutual TLS).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("TLS to a real Mosquitto: verified server, client certificates, typed failures")
class MosquittoTlsTest {
  final OrganizationId org = OrganizationId.of("acme");
  TestPki pki;
  TestPki otherPki;
  TestPki.Identity app;
  OwnMosquitto broker;

  @BeforeAll
  void start() throws Exception {
    OwnMosquitto.assumeInstalled();
    var dir = OwnMosquitto.folder();
    pki = TestPki.create(dir, "test-ca");
    otherPki = TestPki.create(dir, "other-ca");
    TestPki.Identity server = pki.server("localhost");
    TestPki.Identity expiredServer = pki.expiredServer("localhost");
    app = pki.client("accesslink-app");
    broker = OwnMosquitto.start(dir, 2, ports -> String.join("\n",
        "per_listener_settings false",
        "allow_anonymous true",
        "persistence false",
        "log_dest stdout",
        "listener " + ports.get(0) + " 127.0.0.1",
        "cafile " + pki.caFile(),
        "certfile " + server.certificate(),
        "keyfile " + server.key(),
        "require_certificate true",
        "use_identity_as_username true",
        "listener " + ports.get(1) + " 127.0.0.1",
        "cafile " + pki.caFile(),
        "certfile " + expiredServer.certificate(),
        "keyfile " + expiredServer.key()));
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  String uri() {
    return "ssl://localhost:" + broker.port(0);
  }

  MqttDoorSettings.Builder settings(String uri, SSLContext tls) {
    return MqttDoorSettings.builder(uri).clientId("app-" + MqttTesting.runId()).tls(tls)
        .connectionTimeout(Duration.ofSeconds(5));
  }

  SSLContext appTls() {
    return MqttTls.withClientCertificate(pki.caFile(), app.certificate(), app.key());
  }

  @Test
  @DisplayName("controller and lock, each with its own client certificate, unlock over a verified TLS connection")
  void mutualTls() {
    TestPki.Identity lockId = pki.client("lock-acme-front");
    DoorId door = DoorId.of("front");
    try (MqttDoorController controller = MqttDoorController.connect(settings(uri(), appTls()).build());
        MqttLockSimulator sim = MqttLockSimulator.builder(uri())
            .tls(MqttTls.withClientCertificate(pki.caFile(), lockId.certificate(), lockId.key())).build()) {
      SimulatedLock lock = sim.addLock(org, door);
      await("the lock online", Duration.ofSeconds(5),
          () -> controller.availability(org, door) == LockAvailability.ONLINE);
      assertThat(controller.unlock(MqttTesting.command(org, door))).isEqualTo(new DoorResponse.Unlocked());
      assertThat(lock.executions()).hasSize(1);
    }
  }

  @Test
  @DisplayName("a broker certificate that does not name the host connected to is refused (host name checked)")
  void hostName() {
    assertFails(settings("ssl://127.0.0.1:" + broker.port(0), appTls()), Reason.SERVER_HOST_NAME_MISMATCH);
  }

  @Test
  @DisplayName("a broker certificate from another CA is refused")
  void wrongCa() {
    assertFails(settings(uri(), MqttTls.withClientCertificate(otherPki.caFile(), app.certificate(), app.key())),
        Reason.SERVER_CERTIFICATE_UNTRUSTED);
  }

  @Test
  @DisplayName("an expired broker certificate is refused")
  void expiredServer() {
    assertFails(settings("ssl://localhost:" + broker.port(1), appTls()), Reason.SERVER_CERTIFICATE_EXPIRED);
  }

  @Test
  @DisplayName("an expired client certificate is refused by the broker, and the error says so")
  void expiredClient() {
    TestPki.Identity expired = pki.expiredClient("accesslink-app");
    assertFails(settings(uri(), MqttTls.withClientCertificate(pki.caFile(), expired.certificate(), expired.key())),
        Reason.CLIENT_CERTIFICATE_EXPIRED);
  }

  @Test
  @DisplayName("no client certificate: the controller and a simulated lock both fail with CLIENT_CERTIFICATE_REQUIRED")
  void missingClientCertificate() {
    assertFails(settings(uri(), MqttTls.trusting(pki.caFile())), Reason.CLIENT_CERTIFICATE_REQUIRED);
    try (MqttLockSimulator sim = MqttLockSimulator.builder(uri()).tls(MqttTls.trusting(pki.caFile())).build()) {
      assertThatThrownBy(() -> sim.addLock(org, DoorId.of("back")))
          .isInstanceOfSatisfying(MqttConnectionException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.CLIENT_CERTIFICATE_REQUIRED));
    }
  }

  void assertFails(MqttDoorSettings.Builder settings, Reason reason) {
    String key;
    try {
      key = Files.readString(app.key());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    String keyBody = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    assertThatThrownBy(() -> MqttDoorController.connect(settings.build()).close())
        .isInstanceOfSatisfying(MqttConnectionException.class, e -> {
          assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
          assertThat(e.getMessage()).contains(reason.description()).doesNotContain(keyBody)
              .doesNotContain("PRIVATE KEY");
        });
  }
}
