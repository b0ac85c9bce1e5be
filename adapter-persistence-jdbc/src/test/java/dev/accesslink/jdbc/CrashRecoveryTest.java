package dev.accesslink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.UnlockBookkeeping;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.LinkFilter;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.out.store.LinkQuery;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.testkit.Fixtures;
import dev.accesslink.core.memory.RecordingDoorController;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, tried as an operator's bad day: a separate JVM runs the real adapter and the library
 * on a database under a burst of sends and unlocks, and is killed with {@code kill -9}
 * ({@link Process#destroyForcibly()} sends SIGKILL on Linux) in the middle of it. Then the database
 * is reopened and two instances start together, as after a restart:
 *
 * <ul>
 *   <li>every link the child acknowledged is there, with its {@code LINK_SENT} event and its quota
 *       unit (the list of links, the audit log and the quota counter agree);
 *   <li>every door the child's door controller opened has a record: its {@code DOOR_UNLOCKED}
 *       event, or exactly one {@code UNLOCK_OUTCOME_UNKNOWN} for its command; the journal is empty;
 *   <li>each link's last use is the latest of its {@code DOOR_UNLOCKED} events.
 * </ul>
 */
@DisplayName("kill -9 under load loses nothing acknowledged, and leaves no opening without a record")
class CrashRecoveryTest {
  static final Duration BURST = Duration.ofMillis(1000);
  static final int SENDERS = 4;
  static final int UNLOCKERS = 8;

  record Db(String url, String user) {}

  @Test
  @DisplayName("H2 file (the embedded default), guaranteed unlocks")
  void h2File(@TempDir Path dir) throws Exception {
    crashAndCheck(h2(dir), UnlockBookkeeping.GUARANTEED);
  }

  @Test
  @DisplayName("PostgreSQL, guaranteed unlocks")
  void postgres() throws Exception {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL)) {
      crashAndCheck(new Db(db.url(), db.user()), UnlockBookkeeping.GUARANTEED);
    }
  }

  @Test
  @DisplayName("MariaDB, guaranteed unlocks")
  void mariaDb() throws Exception {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.MARIADB)) {
      crashAndCheck(new Db(db.url(), db.user()), UnlockBookkeeping.GUARANTEED);
    }
  }

  @Test
  @DisplayName("H2 file, MAY_LOSE_OPENINGS_ON_CRASH: links still all kept; the openings it lost are counted")
  void h2FileLossy(@TempDir Path dir) throws Exception {
    Result r = crashAndCheck(h2(dir), UnlockBookkeeping.MAY_LOSE_OPENINGS_ON_CRASH);
    System.out.printf("MAY_LOSE_OPENINGS_ON_CRASH on H2 file: %d of %d openings without a record%n",
        r.openingsWithoutRecord(), r.openings());
  }

  static Db h2(Path dir) {
    // no WRITE_DELAY in the URL: the adapter itself makes the file database durable
    return new Db("jdbc:h2:file:" + dir.resolve("crash").toAbsolutePath() + ";LOCK_TIMEOUT=20000", "sa");
  }

  record Result(int links, int openings, int unknown, int openingsWithoutRecord) {}

  Result crashAndCheck(Db db, UnlockBookkeeping mode) throws Exception {
    OrganizationId org = Fixtures.newOrganization();
    List<String> secrets = new ArrayList<>();
    try (HikariDataSource pool = pool(db)) {
      JdbcAccessLinkPersistence p = JdbcAccessLinkPersistence.create(pool);
      p.organizations().save(new OrganizationSettings(org, "Crash Co", ZoneId.of("UTC"), QuotaLimits.defaults(),
          URI.create("https://crash.example/l/")));
      p.groups().save(Fixtures.group(org, "visitors", "Visitors", "front", "back", "side"));
      // the links the child unlocks with (sent here, where the JVM is warm: the child starts faster)
      try (AccessLinks links = AccessLinks.builder().persistence(p)
          .doors(new RecordingDoorController()).build()) {
        for (int i = 0; i < 16; i++) {
          SentAccessLink sent = links.send(SendAccessLinkCommand.manual(org, AdminId.of("crash-test"), "Holder " + i,
              GroupId.of("visitors"), ValidityWindow.always()));
          String url = sent.manualUrlIfAny().orElseThrow().reveal();
          secrets.add(url.substring(url.lastIndexOf('/') + 1));
        }
      }
    } // on H2 the last connection closes the database: the child opens it alone

    Child child = Child.start(db, mode, org, secrets);
    child.awaitBurst();
    child.kill();

    try (HikariDataSource pool1 = pool(db); HikariDataSource pool2 = pool(db)) {
      JdbcAccessLinkPersistence one =
          JdbcAccessLinkPersistence.create(pool1, JdbcSettings.builder().migrateOnCreate(false).build());
      JdbcAccessLinkPersistence two =
          JdbcAccessLinkPersistence.create(pool2, JdbcSettings.builder().migrateOnCreate(false).build());

      // acknowledged links: all there, and the list, the audit log and the quota counter agree
      List<AccessLink> stored = allLinks(one, org);
      Set<AccessLinkId> storedIds = stored.stream().map(AccessLink::id).collect(Collectors.toSet());
      assertThat(child.links).as("links acknowledged before the kill").isNotEmpty();
      assertThat(storedIds).containsAll(child.links);
      List<AccessEvent> events = one.events().recent(org, 1_000_000);
      assertThat(events.stream().filter(e -> e.type() == AccessEventType.LINK_SENT).map(AccessEvent::link))
          .as("LINK_SENT events").containsExactlyInAnyOrderElementsOf(storedIds);
      assertThat(one.links().quotaUsed(QuotaKey.live(org, DeliveryChannel.MANUAL), Instant.now()))
          .as("MANUAL quota units").isEqualTo(stored.size());

      // a restart: two instances start together and reconcile what the crash left (their clock is
      // two minutes ahead, past every command's expiry and the grace)
      if (mode != UnlockBookkeeping.MAY_LOSE_OPENINGS_ON_CRASH) {
        startTogether(one, two, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));
        assertThat(one.unlockJournal().unsettled(Instant.now().plus(Duration.ofDays(1)), 10)).isEmpty();
      }
      events = one.events().recent(org, 1_000_000);
      Map<String, AccessEvent> unlocked = new HashMap<>();
      Map<String, List<AccessEvent>> unknownByCommand = new HashMap<>();
      for (AccessEvent e : events) {
        if (e.type() == AccessEventType.DOOR_UNLOCKED) {
          unlocked.put(e.id().toString(), e);
        } else if (e.type() == AccessEventType.UNLOCK_OUTCOME_UNKNOWN) {
          String command = e.detail().substring("command:".length(), "command:".length() + 36);
          unknownByCommand.computeIfAbsent(command, c -> new ArrayList<>()).add(e);
        }
      }
      assertThat(unknownByCommand.values()).as("one unknown-outcome event per command at most")
          .allSatisfy(list -> assertThat(list).hasSize(1));
      assertThat(unknownByCommand.keySet()).as("no command both unlocked and unknown")
          .doesNotContainAnyElementsOf(unlocked.keySet());
      int withoutRecord = 0;
      List<String> missing = new ArrayList<>(); // which ones, for a failure's message
      for (int i = 0; i < child.openings.size(); i++) {
        Opening o = child.openings.get(i);
        AccessEvent record = unlocked.get(o.command());
        if (record == null && unknownByCommand.containsKey(o.command())) {
          record = unknownByCommand.get(o.command()).get(0);
        }
        if (record == null) {
          withoutRecord++;
          missing.add(o + " (opening " + (i + 1) + " of " + child.openings.size() + ")");
        } else {
          assertThat(record.link()).hasToString(o.link());
          assertThat(record.door().value()).isEqualTo(o.door());
        }
      }
      assertThat(child.openings).as("doors opened before the kill").isNotEmpty();
      if (mode != UnlockBookkeeping.MAY_LOSE_OPENINGS_ON_CRASH) {
        assertThat(withoutRecord).as("openings without a record: %s; %d DOOR_UNLOCKED, %d unknown-outcome events",
            missing, unlocked.size(), unknownByCommand.size()).isZero();
      }

      // each link's last use is its latest DOOR_UNLOCKED event
      Map<AccessLinkId, Instant> latest = new HashMap<>();
      for (AccessEvent e : unlocked.values()) {
        latest.merge(e.link(), e.at(), (a, b) -> a.isAfter(b) ? a : b);
      }
      for (AccessLink link : allLinks(one, org)) {
        assertThat(link.lastUsed()).as("last use of %s", link.id()).isEqualTo(Optional.ofNullable(latest.get(link.id())));
      }
      System.out.printf("%s %s: %d links acknowledged, %d stored; %d doors opened, %d UNLOCK_OUTCOME_UNKNOWN,"
          + " %d openings without a record%n", db.url().replaceAll("[;?].*", ""), mode, child.links.size(), stored.size(),
          child.openings.size(), unknownByCommand.size(), withoutRecord);
      return new Result(stored.size(), child.openings.size(), unknownByCommand.size(), withoutRecord);
    }
  }

  /** Two instances built at the same moment, as after a restart of a two-node deployment; both reconcile. */
  static void startTogether(JdbcAccessLinkPersistence one, JdbcAccessLinkPersistence two, Clock clock)
      throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    Function<JdbcAccessLinkPersistence, CompletableFuture<AccessLinks>> start = p -> CompletableFuture.supplyAsync(() -> {
      try {
        go.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return AccessLinks.builder().persistence(p).doors(new RecordingDoorController()).clock(clock)
          .build();
    });
    CompletableFuture<AccessLinks> a = start.apply(one);
    CompletableFuture<AccessLinks> b = start.apply(two);
    go.countDown();
    a.get(60, TimeUnit.SECONDS).close();
    b.get(60, TimeUnit.SECONDS).close();
  }

  static List<AccessLink> allLinks(JdbcAccessLinkPersistence p, OrganizationId org) {
    List<AccessLink> all = new ArrayList<>();
    AccessLinkId before = null;
    while (true) {
      List<AccessLink> page = p.links().list(new LinkQuery(org, LinkFilter.all(), before, 500));
      all.addAll(page);
      if (page.size() < 500) {
        return all;
      }
      before = page.get(page.size() - 1).id();
    }
  }

  static HikariDataSource pool(Db db) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.url());
    config.setUsername(db.user());
    config.setPassword("");
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(1);
    return new HikariDataSource(config);
  }

  record Opening(String command, String link, String door) {}

  /** The child process and what it acknowledged, read from its stdout. */
  static final class Child {
    final Process process;
    final Set<AccessLinkId> links = new HashSet<>(); // guarded by this
    final List<Opening> openings = new ArrayList<>(); // guarded by this
    private boolean ready; // guarded by this
    private boolean ended; // guarded by this
    private final Thread reader;
    private final Path stderr;

    private Child(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
      this.reader = new Thread(this::read, "crash-child-reader");
      reader.start();
    }

    static Child start(Db db, UnlockBookkeeping mode, OrganizationId org, List<String> secrets) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Path stderr = Files.createTempFile("crash-child", ".log");
      Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
          CrashChild.class.getName(), db.url(), db.user(), mode.name(), org.value(), "visitors", "front,back,side",
          String.valueOf(SENDERS), String.valueOf(UNLOCKERS), String.join(",", secrets))
          .redirectError(stderr.toFile())
          .start();
      return new Child(process, stderr);
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          String[] f = line.split(" ");
          synchronized (this) {
            switch (f[0]) {
              case "LINK" -> links.add(AccessLinkId.parse(f[1]));
              case "OPEN" -> openings.add(new Opening(f[1], f[2], f[3]));
              case "READY" -> ready = true;
              default -> { }
            }
            notifyAll();
          }
        }
      } catch (java.io.IOException e) {
        // the pipe broke with the process: what was read is what was acknowledged
      } finally {
        synchronized (this) {
          ended = true;
          notifyAll();
        }
      }
    }

    /**
     * Waits for the set-up and the first acknowledgements of both kinds (a slow machine may take
     * seconds to get there), then for the burst: {@link #BURST}, or enough acknowledgements,
     * whichever first.
     */
    synchronized void awaitBurst() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while ((links.isEmpty() || openings.isEmpty()) && !ended && System.nanoTime() < deadline) {
        wait(1000);
      }
      assertThat(ready && !links.isEmpty() && !openings.isEmpty())
          .as("child sending and unlocking; its stderr:%n%s", Files.readString(stderr)).isTrue();
      long burstEnd = System.nanoTime() + BURST.toNanos();
      while (!ended && System.nanoTime() < burstEnd && (links.size() < 150 || openings.size() < 300)) {
        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(burstEnd - System.nanoTime())));
      }
      assertThat(ended).as("child still running; its stderr:%n%s", Files.readString(stderr)).isFalse();
    }

    /** kill -9, then reads what the pipe still holds. */
    void kill() throws Exception {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(TimeUnit.SECONDS.toMillis(30));
      Files.deleteIfExists(stderr);
    }
  }
}
