package dev.accesslink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.testkit.Fixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 5, with a real crash: a child JVM hands an e-mail over to its "provider" and is
 * killed with {@code kill -9} before it records the outcome. After the restart the dispatcher
 * (its lease passed) sends a second e-mail with a new secret, and the first e-mail's link still
 * opens the door, as does the second's.
 */
@DisplayName("kill -9 between handing an e-mail over and recording it: both e-mails' links open the door")
class HandOverCrashTest {

  @Test
  @DisplayName("H2 file")
  void h2File(@TempDir Path dir) throws Exception {
    crashAndRetry(CrashRecoveryTest.h2(dir));
  }

  @Test
  @DisplayName("PostgreSQL")
  void postgres() throws Exception {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL)) {
      crashAndRetry(new CrashRecoveryTest.Db(db.url(), db.user()));
    }
  }

  @Test
  @DisplayName("MariaDB")
  void mariaDb() throws Exception {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.MARIADB)) {
      crashAndRetry(new CrashRecoveryTest.Db(db.url(), db.user()));
    }
  }

  void crashAndRetry(CrashRecoveryTest.Db db) throws Exception {
    OrganizationId org = Fixtures.newOrganization();
    DoorId front = DoorId.of("front");
    try (HikariDataSource pool = CrashRecoveryTest.pool(db)) {
      JdbcAccessLinkPersistence p = JdbcAccessLinkPersistence.create(pool);
      p.organizations().save(new OrganizationSettings(org, "Crash Co", ZoneId.of("UTC"), QuotaLimits.defaults(),
          URI.create("https://crash.example/l/")));
      p.groups().save(Fixtures.group(org, "visitors", "Visitors", "front"));
    } // on H2 the last connection closes the database: the child opens it alone

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path stderr = Files.createTempFile("handover-child", ".log");
    Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
        HandOverCrashChild.class.getName(), db.url(), db.user(), org.value(), "visitors")
        .redirectError(stderr.toFile())
        .start();
    String handed;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      handed = CompletableFuture.supplyAsync(() -> {
        try {
          return in.readLine();
        } catch (java.io.IOException e) {
          return null;
        }
      }).get(120, TimeUnit.SECONDS);
      assertThat(handed).as("the child handed a message over; its stderr:%n%s", Files.readString(stderr))
          .startsWith("HANDED ");
      child.destroyForcibly(); // kill -9: the attempt's outcome is never recorded
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
      Files.deleteIfExists(stderr);
    }
    String[] fields = handed.split(" ");
    AccessLinkId link = AccessLinkId.parse(fields[1]);
    String firstSecret = fields[2];

    try (HikariDataSource pool = CrashRecoveryTest.pool(db)) {
      JdbcAccessLinkPersistence p =
          JdbcAccessLinkPersistence.create(pool, JdbcSettings.builder().migrateOnCreate(false).build());
      RecordingLinkNotifier email = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
      // the restarted instance's clock is past the dead attempt's lease (2 minutes by default)
      try (AccessLinks links = AccessLinks.builder().persistence(p).notifier(email)
          .doors(new RecordingDoorController()).clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3)))
          .dispatchEvery(Duration.ZERO).build()) {
        assertThat(links.dispatchDue().sent()).as("the retry").isEqualTo(1);
        List<LinkMessage> retried = email.delivered();
        assertThat(retried).singleElement().satisfies(m -> assertThat(m.link()).isEqualTo(link));
        String url = retried.get(0).url().reveal();
        String secondSecret = url.substring(url.lastIndexOf('/') + 1);
        assertThat(secondSecret).isNotEqualTo(firstSecret);
        assertThat(links.getLink(org, link).delivery().status()).isEqualTo(DeliveryStatus.SENT);
        for (String secret : List.of(firstSecret, secondSecret)) {
          assertThat(links.unlock(new UnlockDoorCommand(secret, front)))
              .as("the door opens with each e-mail's link").isInstanceOf(UnlockOutcome.Unlocked.class);
        }
        assertThat(links.dispatchDue().claimed()).as("no third e-mail once the provider answered").isZero();
      }
    }
  }
}
