package dev.accesslink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SaveOrganizationCommand;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import dev.accesslink.mqtt.MqttDoorController;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import dev.accesslink.testsupport.ExternalServices;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a real Spring Boot application: the DataSource from {@code spring.datasource.*}
 * on PostgreSQL (a schema of its own), the MQTT door controller on Mosquitto, a simulated lock.
 */
@SpringBootTest(classes = SpringBootStarterTest.App.class, properties = {
    "spring.main.banner-mode=off", "accesslink.mqtt.server-uri=" + SpringBootStarterTest.BROKER})
@DisplayName("A Spring Boot application with the starter")
class SpringBootStarterTest {
  static final String BROKER = "tcp://127.0.0.1:1883";
  static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  static final String SCHEMA = "al_sb_" + SUFFIX;
  static final OrganizationId ORG = OrganizationId.of("sb-" + SUFFIX);   // topics of its own, too
  static final GroupId VISITORS = GroupId.of("visitors");
  static final Door FRONT = new Door(DoorId.of("front"), "Front door");

  @Autowired AccessLinks links;
  @Autowired JdbcAccessLinkPersistence persistence;
  @Autowired MqttDoorController doors;
  @Autowired HealthIndicator accessLinkMqttHealthIndicator;
  @Autowired HealthIndicator accessLinkOutboxHealthIndicator;

  @BeforeAll
  static void services() throws SQLException {
    ExternalServices.assumeTcp("PostgreSQL", "127.0.0.1", 5432, "start PostgreSQL with db 'test', trust auth");
    ExternalServices.assumeTcp("Mosquitto", "127.0.0.1", 1883, "mosquitto -d -c /etc/mosquitto/mosquitto.conf");
    sql("CREATE SCHEMA " + SCHEMA);
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (ExternalServices.tcpOpen("127.0.0.1", 5432)) {
      sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> POSTGRES + "?currentSchema=" + SCHEMA);
    registry.add("spring.datasource.username", () -> "postgres");
  }

  @Test
  @DisplayName("sends a link and opens a door with it; both health indicators are UP")
  void sendsAndUnlocks() {
    try (MqttLockSimulator locks = MqttLockSimulator.builder(BROKER).build()) {
      locks.addLock(ORG, FRONT.id());
      AdminId admin = AdminId.of("alice");
      links.saveOrganization(new SaveOrganizationCommand(ORG, admin, "Acme", ZoneId.of("UTC"),
          URI.create("https://doors.acme.example/l/")));
      persistence.groups().createGroup(ORG, VISITORS, "Visitors");
      persistence.groups().addDoor(ORG, VISITORS, FRONT);

      SentAccessLink sent = links.send(SendAccessLinkCommand.manual(ORG, admin, "Ada", VISITORS,
          ValidityWindow.always()));
      UnlockOutcome outcome = links.unlock(new UnlockDoorCommand(sent.manualUrlIfAny().orElseThrow().reveal(),
          FRONT.id()));

      assertThat(outcome).isInstanceOf(UnlockOutcome.Unlocked.class);
      assertThat(locks.locks().get(0).executions()).hasSize(1);
      assertThat(doors.isConnected()).isTrue();
      assertThat(accessLinkMqttHealthIndicator.health().getStatus()).isEqualTo(Status.UP);
      assertThat(accessLinkOutboxHealthIndicator.health().getStatus()).isEqualTo(Status.UP);
    }
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", ""); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** The application: auto-configuration only, no component scan (this package holds other tests' beans). */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
