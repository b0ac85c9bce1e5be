package dev.accesslink.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.domain.WebhookDelivery;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.port.in.CreateWebhookEndpointCommand;
import dev.accesslink.core.port.in.CreatedWebhookEndpoint;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.application.WebhookPolicy;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import dev.accesslink.jdbc.JdbcSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dispatcher JVM is killed with {@code kill -9} ({@link Process#destroyForcibly()} sends SIGKILL
 * on Linux) after the receiver got an event and before the dispatcher could record the answer:
 * after the claim's lease, another dispatcher sends the event again, with the same {@code
 * webhook-id}, and the receiver, de-duplicating on it, sees one event.
 */
@DisplayName("kill -9 between sending a webhook and recording it: the receiver gets it again, same id")
class DispatcherKilledTest {
  final OrganizationId org = OrganizationId.of("crash-co");

  @Test
  void resentWithTheSameId(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("webhooks").toAbsolutePath() + ";LOCK_TIMEOUT=20000";
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    AesGcmSecretSealer sealer = AesGcmSecretSealer.of(key);
    HttpWebhookSender http = HttpWebhookSender.create(WebhookSenderSettings.builder().plainHttpToLoopback(true).build());
    WebhookPolicy policy = WebhookPolicy.defaults().withPlainHttpToLoopback(true);

    CreatedWebhookEndpoint endpoint;
    SentAccessLink sent;
    try (Receiver receiver = new Receiver(WebhookVerifier.of(List.of("whsec_" + Base64.getEncoder().encodeToString(new byte[32]))))) {
      // (the receiver learns the endpoint's secret once it exists; nothing is sent before)
      // set-up, then close the database: on H2 the child opens the file alone
      try (HikariDataSource pool = pool(url)) {
        JdbcAccessLinkPersistence p = JdbcAccessLinkPersistence.create(pool);
        p.organizations().save(OrganizationSettings.of(org, "Crash Co", URI.create("https://crash.example/l/")));
        p.groups().save(new Group(org, GroupId.of("visitors"), "Visitors", List.of(new Door(DoorId.of("front"), "Front"))));
        try (AccessLinks links = AccessLinks.builder().persistence(p).doors(new RecordingDoorController())
            .webhooks(http, sealer).webhookPolicy(policy).webhookDispatchEvery(Duration.ZERO).build()) {
          endpoint = links.createWebhookEndpoint(new CreateWebhookEndpointCommand(org, AdminId.of("ops"),
              receiver.url("/hook").toString(), List.of("link.sent")));
          sent = links.send(SendAccessLinkCommand.manual(org, AdminId.of("ops"), "Ada", GroupId.of("visitors"),
              ValidityWindow.always()));
        }
      }
      receiver.verifier(WebhookVerifier.of(List.of(endpoint.secret().reveal())));

      Child child = Child.start(url, Base64.getEncoder().encodeToString(key));
      Receiver.Request first = receiver.next();
      String line = child.awaitLine("SENT");
      assertThat(line).startsWith("SENT " + first.verifiedId());
      child.kill();

      // a restart, its clock past the lease of the dead dispatcher's claim
      try (HikariDataSource pool = pool(url)) {
        JdbcAccessLinkPersistence p =
            JdbcAccessLinkPersistence.create(pool, JdbcSettings.builder().migrateOnCreate(false).build());
        try (AccessLinks links = AccessLinks.builder().persistence(p).doors(new RecordingDoorController())
            .webhooks(http, sealer).webhookPolicy(policy).webhookDispatchEvery(Duration.ZERO)
            .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2))).build()) {
          assertThat(links.dispatchWebhooks().delivered()).isEqualTo(1);
          Receiver.Request again = receiver.next();
          assertThat(first.failure()).isNull();
          assertThat(again.failure()).isNull();
          assertThat(again.verifiedId()).as("the same webhook-id").isEqualTo(first.verifiedId());
          assertThat(again.body()).isEqualTo(first.body());
          assertThat(new String(again.body(), StandardCharsets.UTF_8)).contains(sent.link().id().toString());
          WebhookDelivery d = links.webhookDeliveries(org, endpoint.endpoint().id(), 10).get(0);
          assertThat(d.status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
          assertThat(d.attempts()).isEqualTo(2);
          assertThat(links.dispatchWebhooks().delivered()).as("then never again").isZero();
        }
      }
    }
  }

  static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("sa");
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  static final class Child {
    final Process process;
    final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final Path stderr;

    private Child(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (java.io.IOException e) {
          // the pipe broke with the process
        }
      }, "webhook-crash-child-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(String url, String key) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Path stderr = Files.createTempFile("webhook-crash-child", ".log");
      Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
          WebhookCrashChild.class.getName(), url, "sa", key)
          .redirectError(stderr.toFile())
          .start();
      return new Child(process, stderr);
    }

    String awaitLine(String prefix) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line != null && line.startsWith(prefix)) {
          return line;
        }
      }
      throw new AssertionError("no " + prefix + " from the child; its stderr:\n" + Files.readString(stderr));
    }

    void kill() throws Exception {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Files.deleteIfExists(stderr);
    }
  }
}
