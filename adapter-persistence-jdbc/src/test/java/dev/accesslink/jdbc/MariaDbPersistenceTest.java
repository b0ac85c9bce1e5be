package dev.accesslink.jdbc;

import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.UnlockJournal;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.LinkUse;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.UnlockIntent;
import dev.accesslink.testkit.Fixtures;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The adapter's own tests on MARIADB, plus its one-statement insert. */
class MariaDbPersistenceTest extends JdbcPersistenceTests {
  @Override
  TestDatabase.Kind kind() {
    return TestDatabase.Kind.MARIADB;
  }

  @Test
  @DisplayName("creating a link with its LINK_SENT event is one statement in auto-commit (one round trip) once its counter rows exist, limited (one stripe or several) or unlimited")
  void insertIsOneStatement() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      CountingDataSource counting = new CountingDataSource(own.pool(2));
      for (int stripes : new int[] {1, JdbcSettings.defaults().quotaStripes()}) {
        JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(counting.dataSource,
            JdbcSettings.builder().quotaStripes(stripes).build());
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
            String what = channel + " limit " + limit + ", " + stripes + " stripes";
            assertThat(counting.statements.get()).as(what).isEqualTo(1);
            assertThat(counting.commits.get()).as(what).isZero();
            assertThat(persistence.events().recent(org, 1)).as("the LINK_SENT event came with it")
                .singleElement().satisfies(e -> assertThat(e.link()).isEqualTo(second.id()));
            assertThat(store.quotaUsed(Fixtures.reservation(second, limit, T0).key(), T0)).as(what).isEqualTo(2);
          }
        }
      }
    }
  }

  @Test
  @DisplayName("the one-statement insert writes nothing when a step of it fails (the link inserted, its event refused)")
  void failedInsertLeavesNothing() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(own.pool(2));
      StoreUnderTest store = StoreUnderTest.of(persistence);
      for (long limit : new long[] {100, QuotaLimits.UNLIMITED}) {
        OrganizationId org = Fixtures.newOrganization();
        AccessLink first = Fixtures.link(org, DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
        store.insert(Fixtures.newLink(first, Fixtures.reservation(first, limit, T0)));
        AccessLink second = Fixtures.link(org, DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
        NewAccessLink n = Fixtures.newLink(second, Fixtures.reservation(second, limit, T0));
        try (Connection c = own.inspector().getConnection();
            PreparedStatement p = c.prepareStatement("INSERT INTO al_event (id, organization, occurred_at,"
                + " event_type, actor_kind, actor_name) VALUES (?, 'other', 0, 'LINK_SENT', 'ADMINISTRATOR', 'x')")) {
          p.setString(1, n.event().id().toString());
          p.executeUpdate();
        }

        assertThatThrownBy(() -> store.insert(n)).isInstanceOf(AccessLinkInfrastructureException.class);
        assertThat(store.findById(org, second.id())).as("limit " + limit).isEmpty();
        assertThat(store.quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).as("limit " + limit).isEqualTo(1);
      }
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
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try (Connection blocker = own.inspector().getConnection()) {
        // an open transaction holding the event's id: the unlimited insert stops at its event,
        // with its link inserted and its shared lock on the counter row taken, until this one rolls back
        blocker.setAutoCommit(false);
        try (PreparedStatement p = blocker.prepareStatement("INSERT INTO al_event (id, organization, occurred_at,"
            + " event_type, actor_kind, actor_name) VALUES (?, 'blocker', 0, 'LINK_SENT', 'ADMINISTRATOR', 'x')")) {
          p.setString(1, held.event().id().toString());
          p.executeUpdate();
        }
        long blockerId = connectionId(blocker);
        Future<InsertOutcome> unlimited = threads.submit(() -> store.insert(held));
        awaitWaiters(own, blockerId, 1, unlimited);

        // a limit of 2 is set: the first limited insert rebuilds the counter, which must count the
        // link in flight (2 held), so it is refused
        AccessLink limited = Fixtures.link(org, DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
        Future<InsertOutcome> rebuild =
            threads.submit(() -> store.insert(Fixtures.newLink(limited, Fixtures.reservation(limited, 2, T0))));
        awaitWaiters(own, blockerId, 2, rebuild);
        blocker.rollback();

        assertThat(unlimited.get(30, TimeUnit.SECONDS)).isInstanceOf(InsertOutcome.Inserted.class);
        assertThat(rebuild.get(30, TimeUnit.SECONDS)).isEqualTo(new InsertOutcome.QuotaExhausted(2, 2));
        assertThat(store.quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isEqualTo(2);
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName("the create's one statement is a CALL of the procedure of schema version 12, one commit inside it, limited (one stripe or several) or unlimited")
  void insertIsOneCallOfTheProcedure() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      HikariDataSource one = own.pool(1); // the adapter's statements and the counters on one connection
      for (int stripes : new int[] {1, JdbcSettings.defaults().quotaStripes()}) {
        JdbcAccessLinkPersistence persistence =
            JdbcAccessLinkPersistence.create(one, JdbcSettings.builder().quotaStripes(stripes).build());
        StoreUnderTest store = StoreUnderTest.of(persistence);
        for (long limit : new long[] {100, QuotaLimits.UNLIMITED}) {
          OrganizationId org = Fixtures.newOrganization();
          AccessLink first = Fixtures.link(org, DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
          store.insert(Fixtures.newLink(first, Fixtures.reservation(first, limit, T0)));

          Map<String, Long> before = sessionStatus(one);
          AccessLink second = Fixtures.link(org, DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
          assertThat(store.insert(Fixtures.newLink(second, Fixtures.reservation(second, limit, T0))))
              .isInstanceOf(InsertOutcome.Inserted.class);
          Map<String, Long> after = sessionStatus(one);
          String what = "limit " + limit + ", " + stripes + " stripes";
          assertThat(after.get("Com_call_procedure") - before.get("Com_call_procedure")).as(what).isEqualTo(1);
          assertThat(after.get("Com_commit") - before.get("Com_commit")).as(what).isEqualTo(1);
          // the CALL and the SHOW STATUS that read these: statements inside the procedure are no questions
          assertThat(after.get("Questions") - before.get("Questions")).as(what).isEqualTo(2);
          assertThat(store.quotaUsed(Fixtures.reservation(second, limit, T0).key(), T0)).as(what).isEqualTo(2);
        }
      }
    }
  }

  @Test
  @DisplayName("without the procedure (a schema migrated without MariaDB's own scripts) the create sends the compound statement, with the same rows and an exact quota")
  void withoutTheProcedureTheCompoundStatementWrites() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      JdbcAccessLinkPersistence persistence = withoutProcedure(own, 4, "al_insert_link");
      StoreUnderTest store = StoreUnderTest.of(persistence);
      for (long limit : new long[] {2, QuotaLimits.UNLIMITED}) {
        OrganizationId org = Fixtures.newOrganization();
        for (int i = 0; i < 2; i++) {
          AccessLink link = Fixtures.link(org, DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
          assertThat(store.insert(Fixtures.newLink(link, Fixtures.reservation(link, limit, T0))))
              .as("limit " + limit).isInstanceOf(InsertOutcome.Inserted.class);
          assertThat(persistence.events().recent(org, 1)).singleElement()
              .satisfies(e -> assertThat(e.link()).isEqualTo(link.id()));
        }
        AccessLink third = Fixtures.link(org, DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
        InsertOutcome outcome = store.insert(Fixtures.newLink(third, Fixtures.reservation(third, limit, T0)));
        if (limit == 2) {
          assertThat(outcome).isEqualTo(new InsertOutcome.QuotaExhausted(2, 2));
        } else {
          assertThat(outcome).isInstanceOf(InsertOutcome.Inserted.class);
        }
        assertThat(store.quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isEqualTo(limit == 2 ? 2 : 3);
      }
    }
  }

  @Test
  @DisplayName("the procedures keep names outside Latin-1 intact in a database whose default character set is latin1")
  void procedureStringsAreUtf8mb4WhateverTheDatabaseDefault() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      try (Connection c = own.inspector().getConnection(); Statement s = c.createStatement()) {
        s.execute("ALTER DATABASE " + own.name + " CHARACTER SET latin1 COLLATE latin1_swedish_ci");
      }
      JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(own.pool(2)); // the procedure now
      StoreUnderTest store = StoreUnderTest.of(persistence);
      OrganizationId org = Fixtures.newOrganization();
      String name = "Zoë 李 Ωmega \uD83D\uDE00";
      for (int i = 0; i < 2; i++) { // the first creates the counter, the second takes the fast path
        AccessLink link = AccessLink.issue(Fixtures.linkId(T0), org, Recipient.manual(name), GroupId.of("visitors"),
            ValidityWindow.always(), Fixtures.admin(), T0);
        assertThat(store.insert(Fixtures.newLink(link, Fixtures.reservation(link, 10, T0))))
            .isInstanceOf(InsertOutcome.Inserted.class);
        assertThat(store.findById(org, link.id())).get().satisfies(l -> assertThat(l.recipient().name()).isEqualTo(name));
        // and the unlocks' bookkeeping procedure: the event's actor name and detail, through its JSON arrays
        AccessEvent opened = new AccessEvent(UUID.randomUUID(), org, T0.plusSeconds(1), AccessEventType.DOOR_UNLOCKED,
            new Actor(Actor.Kind.RECIPIENT, name), link.id(), DoorId.of("front"), name);
        assertThat(persistence.unlockJournal().recordUsesAndSettle(persistence.uses(),
            List.of(new LinkUse(link.id(), T0.plusSeconds(1), opened)))).isTrue();
        assertThat(persistence.events().recent(org, 1)).containsExactly(opened);
      }
      try (Connection c = own.inspector().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.ROUTINES"
              + " WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME IN ('al_insert_link', 'al_record_uses')")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the procedures ran, not the compound statement nor the transaction").isEqualTo(2);
      }
    }
  }

  @Test
  @DisplayName("the unlocks' bookkeeping is one CALL of the procedure of schema version 13: uses, events in order, settled intents, one commit")
  void bookkeepingIsOneCallOfTheProcedure() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      HikariDataSource one = own.pool(1); // the adapter's statements and the counters on one connection
      JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(one);
      StoreUnderTest store = StoreUnderTest.of(persistence);
      OrganizationId org = Fixtures.newOrganization();
      AccessLink used = Fixtures.link(org, DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
      AccessLink usedLater = Fixtures.link(org, DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
      for (AccessLink l : List.of(used, usedLater)) {
        store.insert(Fixtures.newLink(l, Fixtures.reservation(l, QuotaLimits.UNLIMITED, T0)));
      }
      // an earlier use already stored for usedLater: the batch's older use must not move it back
      store.recordUses(List.of(new LinkUse(usedLater.id(), T0.plusSeconds(60), opened(usedLater, 60, "first"))));
      UnlockJournal journal = persistence.unlockJournal();
      List<UnlockIntent> intents = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        intents.add(new UnlockIntent(UUID.randomUUID(), org, DoorId.of("front"), used.id(), "Zoë", T0, T0.plusSeconds(30)));
      }
      journal.record(intents);
      String name = "Zoë \"O'Brien\" \\ 李 \uD83D\uDE00";
      AccessEvent a = new AccessEvent(intents.get(0).id(), org, T0.plusSeconds(1), AccessEventType.DOOR_UNLOCKED,
          new Actor(Actor.Kind.RECIPIENT, name), used.id(), DoorId.of("front"), null);
      AccessEvent b = new AccessEvent(intents.get(1).id(), org, T0.plusSeconds(2), AccessEventType.DOOR_UNLOCKED,
          new Actor(Actor.Kind.RECIPIENT, "Ada"), used.id(), DoorId.of("back"), "bypassed:[\"night\"]");
      AccessEvent c = opened(usedLater, 30, "older");

      Map<String, Long> before = sessionStatus(one);
      assertThat(journal.recordUsesAndSettle(persistence.uses(), List.of(new LinkUse(used.id(), T0.plusSeconds(1), a),
          new LinkUse(used.id(), T0.plusSeconds(2), b), new LinkUse(usedLater.id(), T0.plusSeconds(30), c)))).isTrue();
      Map<String, Long> after = sessionStatus(one);

      assertThat(after.get("Com_call_procedure") - before.get("Com_call_procedure")).isEqualTo(1);
      assertThat(after.get("Com_commit") - before.get("Com_commit")).isEqualTo(1);
      // the CALL and the SHOW STATUS that read these: statements inside the procedure are no questions
      assertThat(after.get("Questions") - before.get("Questions")).isEqualTo(2);
      assertThat(persistence.events().recent(org, 3)).containsExactly(c, b, a);
      assertThat(store.findById(org, used.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(2));
      assertThat(store.findById(org, usedLater.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(journal.unsettled(T0.plusSeconds(30), 10)).extracting(UnlockIntent::id)
          .containsExactly(intents.get(2).id());
    }
  }

  @Test
  @DisplayName("a failing bookkeeping call writes nothing: no use, no event, no intent settled")
  void bookkeepingCallIsAllOrNothing() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(own.pool(2));
      StoreUnderTest store = StoreUnderTest.of(persistence);
      OrganizationId org = Fixtures.newOrganization();
      AccessLink link = Fixtures.link(org, DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
      UnlockIntent intent = storedWithIntent(persistence, store, link);
      AccessEvent fine = opened(intent.id(), link, 1, null);
      AccessEvent stored = opened(link, 0, null);
      store.recordUses(List.of(new LinkUse(link.id(), T0, stored)));
      // the same event again (its id is unique): the call fails after its uses and the first event
      AccessEvent again = opened(stored.id(), link, 2, null);

      assertThatThrownBy(() -> persistence.unlockJournal().recordUsesAndSettle(persistence.uses(), List.of(
          new LinkUse(link.id(), T0.plusSeconds(1), fine), new LinkUse(link.id(), T0.plusSeconds(2), again))))
          .isInstanceOf(AccessLinkInfrastructureException.class);

      assertThat(persistence.events().recent(org, 10)).filteredOn(e -> e.type() == AccessEventType.DOOR_UNLOCKED)
          .containsExactly(stored);
      assertThat(store.findById(org, link.id()).orElseThrow().lastUsedAt()).isEqualTo(T0);
      assertThat(persistence.unlockJournal().unsettled(T0.plusSeconds(30), 10)).containsExactly(intent);
    }
  }

  @Test
  @DisplayName("without the bookkeeping procedure (a schema migrated without MariaDB's own scripts) the uses go in as a transaction, with the same rows")
  void withoutTheBookkeepingProcedureATransactionWrites() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      JdbcAccessLinkPersistence persistence = withoutProcedure(own, 2, "al_record_uses");
      StoreUnderTest store = StoreUnderTest.of(persistence);
      OrganizationId org = Fixtures.newOrganization();
      AccessLink link = Fixtures.link(org, DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
      UnlockIntent intent = storedWithIntent(persistence, store, link);
      for (int i = 1; i <= 2; i++) { // the first finds no procedure, the second goes straight to the transaction
        UUID settled = i == 1 ? intent.id() : UUID.randomUUID();
        assertThat(persistence.unlockJournal().recordUsesAndSettle(persistence.uses(),
            List.of(new LinkUse(link.id(), T0.plusSeconds(i), opened(settled, link, i, null))))).isTrue();
        assertThat(store.findById(org, link.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(i));
      }
      assertThat(persistence.events().recent(org, 10)).filteredOn(e -> e.type() == AccessEventType.DOOR_UNLOCKED)
          .hasSize(2);
      assertThat(persistence.unlockJournal().unsettled(T0.plusSeconds(30), 10)).isEmpty();
    }
  }

  /** {@code link} stored (MANUAL, unlimited quota) and one unlock intent of it recorded in the journal. */
  /** The adapter on {@code own}, migrated, then without {@code procedure}, as a schema migrated without MariaDB's own scripts. */
  private static JdbcAccessLinkPersistence withoutProcedure(TestDatabase own, int connections, String procedure)
      throws Exception {
    JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(own.pool(connections));
    try (Connection c = own.inspector().getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP PROCEDURE " + procedure);
    }
    return persistence;
  }

  private static UnlockIntent storedWithIntent(JdbcAccessLinkPersistence persistence, StoreUnderTest store,
      AccessLink link) {
    store.insert(Fixtures.newLink(link, Fixtures.reservation(link, QuotaLimits.UNLIMITED, T0)));
    UnlockIntent intent = new UnlockIntent(UUID.randomUUID(), link.organization(), DoorId.of("front"), link.id(), "Ada",
        T0, T0.plusSeconds(30));
    persistence.unlockJournal().record(List.of(intent));
    return intent;
  }

  private static AccessEvent opened(AccessLink link, int second, String detail) {
    return opened(UUID.randomUUID(), link, second, detail);
  }

  /** The DOOR_UNLOCKED event {@code id} of {@code link}, at T0 + {@code second}, door "front", by "Ada". */
  private static AccessEvent opened(UUID id, AccessLink link, int second, String detail) {
    return new AccessEvent(id, link.organization(), T0.plusSeconds(second), AccessEventType.DOOR_UNLOCKED,
        new Actor(Actor.Kind.RECIPIENT, "Ada"), link.id(), DoorId.of("front"), detail);
  }

  private static Map<String, Long> sessionStatus(HikariDataSource one) throws Exception {
    Map<String, Long> status = new HashMap<>();
    try (Connection c = one.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SHOW SESSION STATUS WHERE Variable_name IN ('Com_call_procedure', 'Com_commit', 'Questions')")) {
      while (rs.next()) {
        status.put(rs.getString(1), rs.getLong(2));
      }
    }
    return status;
  }

  private static long connectionId(Connection c) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Polls until {@code depth} is 1 and a transaction waits for the blocker's lock (listed in {@code
   * INNODB_LOCK_WAITS}, or, as MariaDB sometimes leaves it out there, a statement of this database
   * running for a second while only the insert in flight runs), or {@code depth} is 2 and the
   * rebuild's locking read of the counter's stripes has been waiting for a second (it takes
   * microseconds when nothing holds them; MariaDB does not always list that wait in {@code
   * INNODB_LOCK_WAITS}, whose holder itself waits); or {@code call} ended.
   */
  private static void awaitWaiters(TestDatabase own, long blockerId, int depth, Future<?> call) throws Exception {
    String waitsForBlocker = "SELECT w.requesting_trx_id FROM information_schema.INNODB_LOCK_WAITS w"
        + " JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id WHERE b.trx_mysql_thread_id = ?";
    // a statement of this database running for a second: it takes microseconds unless it waits
    String runningLong = "SELECT ID FROM information_schema.PROCESSLIST WHERE ID NOT IN (?, CONNECTION_ID())"
        + " AND DB = DATABASE() AND COMMAND = 'Query' AND TIME >= 1";
    String sql = depth == 1
        ? "SELECT (SELECT COUNT(*) FROM (" + waitsForBlocker + ") x) + (SELECT COUNT(*) FROM (" + runningLong + ") y)"
        : "SELECT COUNT(*) FROM (" + runningLong + " AND INFO LIKE '%FROM al_quota_stripe%FOR UPDATE%') x";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Connection c = own.inspector().getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, blockerId);
      if (depth == 1) {
        p.setLong(2, blockerId);
      }
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
