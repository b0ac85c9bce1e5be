package dev.accesslink.jdbc;

import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.LinkUse;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.testkit.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The adapter's own tests on POSTGRESQL, plus its one-statement insert and use. */
class PostgresPersistenceTest extends JdbcPersistenceTests {
  @Override
  TestDatabase.Kind kind() {
    return TestDatabase.Kind.POSTGRESQL;
  }

  @Test
  @DisplayName("creating a link with its LINK_SENT event is one statement in auto-commit (one round trip) once its counter row exists, limited or unlimited")
  void insertIsOneStatement() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      CountingDataSource counting = new CountingDataSource(own.pool(2));
      JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(counting.dataSource);
      StoreUnderTest store = StoreUnderTest.of(persistence);
      for (long limit : new long[] {100, QuotaLimits.UNLIMITED}) {
      for (DeliveryChannel channel : DeliveryChannel.values()) {
        OrganizationId org = Fixtures.newOrganization();
        AccessLink first = Fixtures.link(org, channel, ValidityWindow.always(), T0);
        assertThat(store.insert(Fixtures.newLink(first, Fixtures.reservation(first, limit, T0))))
            .isInstanceOf(InsertOutcome.Inserted.class);

        counting.reset();
        AccessLink second = Fixtures.link(org, channel, ValidityWindow.always(), T0);
        assertThat(store.insert(Fixtures.newLink(second, Fixtures.reservation(second, limit, T0))))
            .isInstanceOf(InsertOutcome.Inserted.class);
        String what = channel + " limit " + limit;
        assertThat(counting.statements.get()).as(what).isEqualTo(1);
        assertThat(counting.commits.get()).as(what).isZero();
        assertThat(persistence.events().recent(org, 1)).as("the LINK_SENT event came with it")
            .singleElement().satisfies(e -> assertThat(e.link()).isEqualTo(second.id()));
      }
      }
    }
  }

  @Test
  @DisplayName("recording a use with its event is one statement in auto-commit (one round trip)")
  void recordUseIsOneStatement() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      CountingDataSource counting = new CountingDataSource(own.pool(2));
      JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(counting.dataSource);
      StoreUnderTest store = StoreUnderTest.of(persistence);
      OrganizationId org = Fixtures.newOrganization();
      AccessLink link = Fixtures.link(org, DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
      store.insert(Fixtures.newLink(link, Fixtures.reservation(link, 100, T0)));

      counting.reset();
      AccessEvent unlocked = new AccessEvent(UUID.randomUUID(), org, T0.plusSeconds(5), AccessEventType.DOOR_UNLOCKED,
          Actor.recipient(link.recipient()), link.id(), DoorId.of("front"), "bypassed:[]");
      store.recordUses(List.of(new LinkUse(link.id(), T0.plusSeconds(5), unlocked)));

      assertThat(counting.statements.get()).isEqualTo(1);
      assertThat(counting.commits.get()).isZero();
      assertThat(store.findById(org, link.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(5));
      assertThat(persistence.events().recent(org, 1)).containsExactly(unlocked);
    }
  }

  @Test
  @DisplayName("a batch of uses is one statement in auto-commit: one commit (one WAL flush) for all of them")
  void recordUsesBatchIsOneCommit() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      CountingDataSource counting = new CountingDataSource(own.pool(2));
      JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(counting.dataSource);
      StoreUnderTest store = StoreUnderTest.of(persistence);
      OrganizationId org = Fixtures.newOrganization();
      List<LinkUse> uses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        AccessLink link = Fixtures.link(org, DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
        store.insert(Fixtures.newLink(link, Fixtures.reservation(link, 100, T0)));
        Instant at = T0.plusSeconds(i);
        uses.add(new LinkUse(link.id(), at, new AccessEvent(UUID.randomUUID(), org, at,
            AccessEventType.DOOR_UNLOCKED, Actor.recipient(link.recipient()), link.id(), DoorId.of("front"), "")));
      }

      counting.reset();
      store.recordUses(uses);

      // the rows go in as arrays: one statement, whose auto-commit is the one commit
      assertThat(counting.statements.get()).isEqualTo(1);
      assertThat(counting.commits.get()).isZero();
      assertThat(persistence.events().recent(org, 20)).hasSize(20);
      assertThat(store.findById(org, uses.get(7).link()).orElseThrow().lastUsedAt()).isEqualTo(uses.get(7).at());
    }
  }

  @Test
  @DisplayName("a counter rebuild waits for an unlimited insert in flight and counts its link")
  void rebuildWaitsForAnUnlimitedInsertInFlight() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(own.pool(4));
      StoreUnderTest store = StoreUnderTest.of(persistence);
      OrganizationId org = Fixtures.newOrganization();
      AccessLink first = Fixtures.link(org, DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
      store.insert(Fixtures.newLink(first, Fixtures.reservation(first, QuotaLimits.UNLIMITED, T0)));
      AccessLink inFlight = Fixtures.link(org, DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
      NewAccessLink held = Fixtures.newLink(inFlight, Fixtures.reservation(inFlight, QuotaLimits.UNLIMITED, T0));
      // threads whose share-lock stripe is not 0, so that the rebuild has to find the lock on another stripe
      ExecutorService threads = Executors.newFixedThreadPool(2, task -> {
        Thread t = new Thread(task);
        while (t.getId() % JdbcSettings.DEFAULT_QUOTA_STRIPES == 0) { // QuotaStripes.threadStripe
          t = new Thread(task);
        }
        return t;
      });
      try (Connection blocker = own.inspector().getConnection()) {
        // an open transaction holding the event's id: the unlimited insert stops at its event,
        // with its link inserted and its lock on the counter row taken, until this one rolls back
        blocker.setAutoCommit(false);
        try (PreparedStatement p = blocker.prepareStatement("INSERT INTO al_event (id, organization, occurred_at,"
            + " event_type, actor_kind, actor_name) VALUES (?, 'blocker', 0, 'LINK_SENT', 'ADMINISTRATOR', 'x')")) {
          p.setString(1, held.event().id().toString());
          p.executeUpdate();
        }
        int blockerPid = pid(blocker);
        Future<InsertOutcome> unlimited = threads.submit(() -> store.insert(held));
        awaitBlocked(own, "? = ANY(pg_blocking_pids(pid))", blockerPid, unlimited);

        // a limit of 2 is set: the first limited insert rebuilds the counter, which must count the
        // link in flight (2 held), so it is refused
        AccessLink limited = Fixtures.link(org, DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
        Future<InsertOutcome> rebuild =
            threads.submit(() -> store.insert(Fixtures.newLink(limited, Fixtures.reservation(limited, 2, T0))));
        awaitBlocked(own, "EXISTS (SELECT 1 FROM unnest(pg_blocking_pids(pid)) b"
            + " WHERE ? = ANY(pg_blocking_pids(b)))", blockerPid, rebuild);
        blocker.rollback();

        assertThat(unlimited.get(30, TimeUnit.SECONDS)).isInstanceOf(InsertOutcome.Inserted.class);
        assertThat(rebuild.get(30, TimeUnit.SECONDS)).isEqualTo(new InsertOutcome.QuotaExhausted(2, 2));
        assertThat(store.quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isEqualTo(2);
      } finally {
        threads.shutdownNow();
      }
    }
  }

  private static int pid(Connection c) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Polls until a session matching {@code condition} (on pg_stat_activity) waits for a lock, or {@code call} ended. */
  private static void awaitBlocked(TestDatabase own, String condition, int blockerPid, Future<?> call) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        PreparedStatement p = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE " + condition)) {
      p.setInt(1, blockerPid);
      while (!call.isDone()) {
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        assertThat(System.nanoTime()).as("waiting for a blocked session").isLessThan(deadline);
        Thread.onSpinWait();
      }
    }
  }
}
