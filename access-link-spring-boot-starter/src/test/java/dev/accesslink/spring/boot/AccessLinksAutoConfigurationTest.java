package dev.accesslink.spring.boot;

import static dev.accesslink.spring.boot.TestBeans.ACME;
import static dev.accesslink.spring.boot.TestBeans.ADMIN;
import static dev.accesslink.spring.boot.TestBeans.FRONT;
import static dev.accesslink.spring.boot.TestBeans.VISITORS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.UnlockBookkeeping;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.AccessLinkPersistence;
import dev.accesslink.core.port.out.AccessLinkTelemetry;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.email.EmailLinkNotifier;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import dev.accesslink.micrometer.AccessLinkMetrics;
import dev.accesslink.mqtt.MqttDoorController;
import dev.accesslink.sms.SmsLinkNotifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import dev.accesslink.testsupport.ExternalServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@DisplayName("The auto-configuration")
class AccessLinksAutoConfigurationTest {
  final ApplicationContextRunner base = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AccessLinksAutoConfiguration.class,
          AccessLinksHealthAutoConfiguration.class));
  final ApplicationContextRunner runner = base.withUserConfiguration(TestBeans.Doors.class);

  @Nested
  @DisplayName("persistence")
  class Persistence {
    @Test
    @DisplayName("builds AccessLinks on the application's DataSource and runs the migrations on start")
    void jdbcOnTheDataSource() {
      runner.withUserConfiguration(TestBeans.H2.class).run(context -> {
        assertThat(context).hasSingleBean(AccessLinks.class).hasSingleBean(JdbcAccessLinkPersistence.class);
        assertThat(tableExists(context.getBean(DataSource.class), "AL_LINK")).isTrue();
        AccessLinks links = TestBeans.withAcme(context.getBean(AccessLinks.class));
        context.getBean(JdbcAccessLinkPersistence.class).groups().createGroup(ACME, VISITORS, "Visitors");
        SentAccessLink sent = links.send(SendAccessLinkCommand.manual(ACME, ADMIN, "Ada", VISITORS,
            ValidityWindow.always()));
        assertThat(links.getLink(ACME, sent.link().id()).id()).isEqualTo(sent.link().id());
      });
    }

    @Test
    @DisplayName("accesslink.jdbc.migrate-on-start=false leaves the schema alone")
    void migrationsOff() {
      runner.withUserConfiguration(TestBeans.H2.class)
          .withPropertyValues("accesslink.jdbc.migrate-on-start=false")
          .run(context -> {
            assertThat(context).hasSingleBean(JdbcAccessLinkPersistence.class);
            assertThat(tableExists(context.getBean(DataSource.class), "AL_LINK")).isFalse();
          });
    }

    @Test
    @DisplayName("backs off when the application has its own persistence")
    void ownPersistence() {
      runner.withUserConfiguration(TestBeans.H2.class, TestBeans.InMemory.class).run(context -> {
        assertThat(context).doesNotHaveBean(JdbcAccessLinkPersistence.class)
            .hasSingleBean(AccessLinkPersistence.class).hasSingleBean(AccessLinks.class);
        assertThat(tableExists(context.getBean(DataSource.class), "AL_LINK")).isFalse();
      });
    }

    @Test
    @DisplayName("without a DataSource or a persistence the context fails, naming what is missing")
    void nothingToStoreIn() {
      runner.run(context -> {
        assertThat(context).hasFailed();
        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(AccessLinkPersistence.class.getName());
      });
    }

    @Test
    @DisplayName("backs off when the application builds AccessLinks itself")
    void ownAccessLinks() {
      runner.withUserConfiguration(TestBeans.InMemory.class, OwnAccessLinks.class).run(context -> {
        assertThat(context).hasSingleBean(AccessLinks.class);
        assertThat(context.getBean(AccessLinks.class)).isSameAs(context.getBean(OwnAccessLinks.class).links);
      });
    }
  }

  @Nested
  @DisplayName("adapters")
  class Adapters {
    final ApplicationContextRunner inMemory = runner.withUserConfiguration(TestBeans.InMemory.class);

    @Test
    @DisplayName("EMAIL over SMTP when accesslink.email.host is set, not otherwise")
    void email() {
      inMemory.run(context -> assertThat(context).doesNotHaveBean(EmailLinkNotifier.class));
      inMemory.withPropertyValues("accesslink.email.host=127.0.0.1", "accesslink.email.port=2525",
              "accesslink.email.security=none", "accesslink.email.from-address=doors@acme.example")
          .run(context -> assertThat(context).hasSingleBean(EmailLinkNotifier.class));
    }

    @Test
    @DisplayName("the SMTP connection-reuse properties reach the notifier's settings")
    void emailConnectionReuse() {
      ApplicationContextRunner email = inMemory.withPropertyValues("accesslink.email.host=127.0.0.1",
          "accesslink.email.security=none", "accesslink.email.from-address=doors@acme.example");
      email.withPropertyValues("accesslink.email.max-idle-connections=0",
              "accesslink.email.connection-idle-timeout=2s", "accesslink.email.max-messages-per-connection=1")
          .run(context -> assertThat(context).hasNotFailed().hasSingleBean(EmailLinkNotifier.class));
      for (String bad : new String[] {"max-idle-connections=-1=maxIdleConnections",
          "connection-idle-timeout=0s=connectionIdleTimeout", "max-messages-per-connection=0=maxMessagesPerConnection"}) {
        String[] p = bad.split("=");
        email.withPropertyValues("accesslink.email." + p[0] + "=" + p[1]).run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(p[2]);
        });
      }
    }

    @Test
    @DisplayName("no EMAIL notifier without adapter-email on the classpath, even with its properties")
    void emailModuleMissing() {
      inMemory.withClassLoader(new FilteredClassLoader(EmailLinkNotifier.class))
          .withPropertyValues("accesslink.email.host=127.0.0.1", "accesslink.email.from-address=doors@acme.example")
          .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LinkNotifier.class));
    }

    @Test
    @DisplayName("the application's own EmailLinkNotifier wins")
    void ownEmail() {
      inMemory.withUserConfiguration(OwnEmail.class)
          .withPropertyValues("accesslink.email.host=127.0.0.1", "accesslink.email.from-address=doors@acme.example")
          .run(context -> assertThat(context).getBean(EmailLinkNotifier.class)
              .isSameAs(context.getBean(OwnEmail.class).notifier));
    }

    @Test
    @DisplayName("a dispatch parallelism below 1 fails the start with the property's name")
    void dispatchParallelism() {
      inMemory.withPropertyValues("accesslink.dispatch.parallelism=0").run(context -> {
        assertThat(context).hasFailed();
        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("accesslink.dispatch.parallelism");
      });
      inMemory.withPropertyValues("accesslink.dispatch.parallelism=1").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    @DisplayName("a missing from-address fails the start with the property's name")
    void emailWithoutFrom() {
      inMemory.withPropertyValues("accesslink.email.host=127.0.0.1").run(context -> {
        assertThat(context).hasFailed();
        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("accesslink.email.from-address");
      });
    }

    @Test
    @DisplayName("SMS through Twilio when accesslink.sms.twilio.account-sid is set; not without adapter-sms")
    void sms() {
      String[] twilio = {"accesslink.sms.twilio.account-sid=AC00000000000000000000000000000000",
          "accesslink.sms.twilio.auth-token=not-a-real-token", "accesslink.sms.twilio.from-number=+12025550123",
          "accesslink.sms.twilio.api-base-url=http://127.0.0.1:9"};
      inMemory.run(context -> assertThat(context).doesNotHaveBean(SmsLinkNotifier.class));
      inMemory.withPropertyValues(twilio).run(context -> {
        assertThat(context).hasSingleBean(SmsLinkNotifier.class);
        AccessLinks links = TestBeans.withAcme(context.getBean(AccessLinks.class));
        assertThat(links.quotaUsage(ACME).channels()).isNotEmpty();
      });
      inMemory.withClassLoader(new FilteredClassLoader(SmsLinkNotifier.class)).withPropertyValues(twilio)
          .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LinkNotifier.class));
    }

    @Test
    @DisplayName("every LinkNotifier bean of the application is used")
    void ownNotifiers() {
      inMemory.withUserConfiguration(TestBeans.RecordingEmail.class).run(context -> {
        AccessLinks links = TestBeans.withAcme(context.getBean(AccessLinks.class));
        links.send(SendAccessLinkCommand.email(ACME, ADMIN, "Ada", "ada@example.com", VISITORS,
            ValidityWindow.always()));
        assertThat(context.getBean(RecordingLinkNotifier.class).delivered()).hasSize(1);
      });
    }

    @Test
    @DisplayName("no MQTT door controller without accesslink.mqtt.server-uri, or without adapter-lock-mqtt")
    void mqttOff() {
      inMemory.run(context -> assertThat(context).doesNotHaveBean(MqttDoorController.class));
      inMemory.withClassLoader(new FilteredClassLoader(MqttDoorController.class))
          .withPropertyValues("accesslink.mqtt.server-uri=tcp://127.0.0.1:1")
          .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MqttDoorController.class));
    }

    @Test
    @DisplayName("the application's own DoorController wins over accesslink.mqtt.server-uri (nothing connects)")
    void ownDoors() {
      inMemory.withPropertyValues("accesslink.mqtt.server-uri=tcp://127.0.0.1:1")
          .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MqttDoorController.class)
              .getBean(DoorController.class).isInstanceOf(RecordingDoorController.class));
    }

    @Test
    @DisplayName("an unreachable broker fails the start")
    void brokerDown() {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(AccessLinksAutoConfiguration.class))
          .withUserConfiguration(TestBeans.InMemory.class)
          .withPropertyValues("accesslink.mqtt.server-uri=tcp://127.0.0.1:1", "accesslink.mqtt.connection-timeout=1s")
          .run(context -> assertThat(context).hasFailed());
    }
  }

  @Nested
  @DisplayName("settings")
  class Settings {
    @Test
    @DisplayName("accesslink.door.*, dispatch.*, bookkeeping.* and cache.* reach the builder")
    void policies() {
      runner.withUserConfiguration(TestBeans.InMemory.class)
          .withPropertyValues("accesslink.door.timeout=200ms", "accesslink.door.clock-skew-allowance=50ms",
              "accesslink.bookkeeping.mode=before-answer", "accesslink.cache.directory-ttl=0",
              "accesslink.dispatch.every=0")
          .run(context -> {
            AccessLinks links = TestBeans.withAcme(context.getBean(AccessLinks.class));
            SentAccessLink sent = links.send(SendAccessLinkCommand.manual(ACME, ADMIN, "Ada", VISITORS,
                ValidityWindow.always()));
            links.unlock(new UnlockDoorCommand(sent.manualUrlIfAny().orElseThrow().reveal(), FRONT));
            DoorCommand command = context.getBean(RecordingDoorController.class).commands().get(0);
            assertThat(command.timeout()).isEqualTo(Duration.ofMillis(200));
            // the command expires the allowance before the wait ends
            assertThat(Duration.between(command.issuedAt(), command.expiresAt())).isEqualTo(Duration.ofMillis(150));
            assertThat(context.getBean(AccessLinkProperties.class).getBookkeeping().getMode())
                .isEqualTo(UnlockBookkeeping.BEFORE_ANSWER);
          });
    }

    @Test
    @DisplayName("AccessLinksCustomizer beans run last")
    void customizers() {
      runner.withUserConfiguration(TestBeans.InMemory.class)
          .withBean(AccessLinksCustomizer.class, () -> b -> b.clock(java.time.Clock.fixed(
              java.time.Instant.parse("2030-01-01T00:00:00Z"), java.time.ZoneOffset.UTC)))
          .run(context -> {
            AccessLinks links = TestBeans.withAcme(context.getBean(AccessLinks.class));
            SentAccessLink sent = links.send(SendAccessLinkCommand.manual(ACME, ADMIN, "Ada", VISITORS,
                ValidityWindow.always()));
            assertThat(sent.link().createdAt()).hasToString("2030-01-01T00:00:00Z");
          });
    }
  }

  @Nested
  @DisplayName("lifecycle")
  class Lifecycle {
    @Test
    @DisplayName("closing the context closes AccessLinks (queued bookkeeping written) before the door controller")
    void closeOrder() {
      List<String> order = new CopyOnWriteArrayList<>();
      base.withUserConfiguration(TestBeans.InMemory.class)
          .withBean("closingDoors", ClosingDoors.class, () -> new ClosingDoors(order))
          .withBean(AccessLinksCustomizer.class, () -> b -> b.uses(uses -> order.add("bookkeeping")))
          .run(context -> {
            AccessLinks links = TestBeans.withAcme(context.getBean(AccessLinks.class));
            SentAccessLink sent = links.send(SendAccessLinkCommand.manual(ACME, ADMIN, "Ada", VISITORS,
                ValidityWindow.always()));
            assertThat(links.unlock(new UnlockDoorCommand(sent.manualUrlIfAny().orElseThrow().reveal(), FRONT)))
                .isInstanceOf(UnlockOutcome.Unlocked.class);
          });
      assertThat(order).containsExactly("bookkeeping", "doors closed");
    }
  }

  @Nested
  @DisplayName("Micrometer")
  class Metrics {
    final ApplicationContextRunner withRegistry = runner.withUserConfiguration(TestBeans.InMemory.class)
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    @DisplayName("with a MeterRegistry, sends are counted")
    void counted() {
      withRegistry.run(context -> {
        assertThat(context).hasSingleBean(AccessLinkMetrics.class);
        AccessLinks links = TestBeans.withAcme(context.getBean(AccessLinks.class));
        links.send(SendAccessLinkCommand.manual(ACME, ADMIN, "Ada", VISITORS, ValidityWindow.always()));
        assertThat(context.getBean(MeterRegistry.class).get(AccessLinkMetrics.LINKS_SENT)
            .tags("channel", "manual", "outcome", "issued").counter().count()).isEqualTo(1);
      });
    }

    @Test
    @DisplayName("accesslink.outbox.pending reads the store from the start")
    void outboxGauge() {
      withRegistry.run(context -> assertThat(context.getBean(MeterRegistry.class)
          .get(AccessLinkMetrics.OUTBOX_PENDING).gauge().value()).as("not NaN: no pass needed").isZero());
    }

    @Test
    @DisplayName("accesslink.metrics.quota-organization binds the quota gauges")
    void quotaGauges() {
      withRegistry.withPropertyValues("accesslink.metrics.quota-organization=acme")
          .run(context -> {
            TestBeans.withAcme(context.getBean(AccessLinks.class));
            assertThat(context.getBean(MeterRegistry.class).get(AccessLinkMetrics.QUOTA_USED)
                .tag("channel", "email").gauge().value()).isZero();
          });
    }

    @Test
    @DisplayName("none without a MeterRegistry, without access-link-micrometer, or when switched off")
    void off() {
      runner.withUserConfiguration(TestBeans.InMemory.class)
          .run(context -> assertThat(context).doesNotHaveBean(AccessLinkTelemetry.class));
      withRegistry.withClassLoader(new FilteredClassLoader(AccessLinkMetrics.class))
          .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AccessLinkTelemetry.class));
      withRegistry.withPropertyValues("accesslink.metrics.enabled=false")
          .run(context -> assertThat(context).doesNotHaveBean(AccessLinkTelemetry.class));
    }

    @Test
    @DisplayName("the application's own telemetry wins")
    void ownTelemetry() {
      withRegistry.withBean(AccessLinkTelemetry.class, AccessLinkTelemetry::none)
          .run(context -> assertThat(context).doesNotHaveBean(AccessLinkMetrics.class)
              .hasSingleBean(AccessLinkTelemetry.class));
    }
  }

  @Nested
  @DisplayName("health")
  class HealthIndicators {
    @Test
    @DisplayName("the outbox indicator is on by default: UP while nothing is overdue, DOWN once a delivery is")
    void outbox() {
      TestBeans.MovableClock clock = new TestBeans.MovableClock();
      runner.withUserConfiguration(TestBeans.InMemory.class, TestBeans.RecordingEmail.class)
          .withPropertyValues("accesslink.dispatch.every=0", "accesslink.health.outbox.overdue-after=5m")
          .withBean(AccessLinksCustomizer.class, () -> b -> b.clock(clock))
          .run(context -> {
            HealthIndicator indicator = context.getBean("accessLinkOutboxHealthIndicator", HealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            context.getBean(RecordingLinkNotifier.class).failNext(new DeliveryResult.TransientFailure("smtp.421"));
            AccessLinks links = TestBeans.withAcme(context.getBean(AccessLinks.class));
            links.send(SendAccessLinkCommand.email(ACME, ADMIN, "Ada", "ada@example.com", VISITORS,
                ValidityWindow.always()));
            assertThat(indicator.health().getStatus()).as("waiting for its retry").isEqualTo(Status.UP);

            clock.advance(Duration.ofMinutes(10));
            Health down = indicator.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("pending", 1L).containsEntry("overdue", 1L)
                .containsKey("oldestDueAt");
          });
    }

    @Test
    @DisplayName("switched off by accesslink.health.outbox.enabled=false, or without spring-boot-health")
    void outboxOff() {
      ApplicationContextRunner inMemory = runner.withUserConfiguration(TestBeans.InMemory.class);
      inMemory.withPropertyValues("accesslink.health.outbox.enabled=false")
          .run(context -> assertThat(context).doesNotHaveBean(AccessLinkOutboxHealthIndicator.class));
      inMemory.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
          .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AccessLinks.class)
              .doesNotHaveBean(AccessLinkOutboxHealthIndicator.class));
    }

    @Test
    @DisplayName("no MQTT indicator without the starter's MQTT door controller")
    void noMqttIndicator() {
      runner.withUserConfiguration(TestBeans.InMemory.class)
          .run(context -> assertThat(context).doesNotHaveBean(AccessLinkMqttHealthIndicator.class));
    }
  }

  @Nested
  @DisplayName("MQTT on a real broker")
  class Mqtt {
    final ApplicationContextRunner onMosquitto = base.withUserConfiguration(TestBeans.InMemory.class)
        .withPropertyValues("accesslink.mqtt.server-uri=tcp://127.0.0.1:1883");

    @BeforeEach
    void mosquitto() {
      ExternalServices.assumeTcp("Mosquitto", "127.0.0.1", 1883, "mosquitto -d -c /etc/mosquitto/mosquitto.conf");
    }

    @Test
    @DisplayName("accesslink.mqtt.server-uri connects the door controller; its health indicator is UP, DOWN once it is closed")
    void connectsAndReports() {
      onMosquitto.run(context -> {
        assertThat(context).hasSingleBean(MqttDoorController.class);
        assertThat(context.getBean(AccessLinks.class)).isNotNull();
        HealthIndicator indicator = context.getBean("accessLinkMqttHealthIndicator", HealthIndicator.class);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        assertThat(indicator.health().getDetails()).containsKey("clientId").doesNotContainKey("password");
        context.getBean(MqttDoorController.class).close();
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
      });
    }

    @Test
    @DisplayName("accesslink.health.mqtt.enabled=false leaves the indicator out")
    void indicatorOff() {
      onMosquitto.withPropertyValues("accesslink.health.mqtt.enabled=false")
          .run(context -> assertThat(context).hasSingleBean(MqttDoorController.class)
              .doesNotHaveBean(AccessLinkMqttHealthIndicator.class));
    }
  }

  static boolean tableExists(DataSource ds, String table) throws Exception {
    try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
      return rs.next();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnAccessLinks {
    final AccessLinks links = AccessLinks.builder().persistence(new InMemoryAccessLinkPersistence())
        .doors(new RecordingDoorController()).build();

    @Bean(destroyMethod = "close")
    AccessLinks ownLinks() {
      return links;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnEmail {
    final EmailLinkNotifier notifier = EmailLinkNotifier.create(dev.accesslink.email.SmtpSettings.builder()
        .host("127.0.0.1").fromAddress("own@acme.example").build());

    @Bean
    EmailLinkNotifier ownEmail() {
      return notifier;
    }
  }

  /** A door controller that notes when it is closed. */
  static final class ClosingDoors implements DoorController, AutoCloseable {
    private final List<String> order;

    ClosingDoors(List<String> order) {
      this.order = order;
    }

    @Override
    public DoorResponse unlock(DoorCommand command) {
      return new DoorResponse.Unlocked();
    }

    @Override
    public void close() {
      order.add("doors closed");
    }
  }
}
