package dev.accesslink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.store.UnlockIntent;
import dev.accesslink.testkit.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Startup reconciliation on every database: intents a crash left (here written straight to the
 * journal, as a process killed after writing them would leave them) are settled as
 * UNLOCK_OUTCOME_UNKNOWN exactly once when two instances on two pools start at the same moment,
 * and an intent whose outcome event is stored is settled without one.
 */
@DisplayName("two instances starting together settle each left-over unlock intent exactly once")
class ReconcileRaceTest {

  @Test
  @DisplayName("H2")
  void h2() throws Exception {
    race(TestDatabase.Kind.H2);
  }

  @Test
  @DisplayName("PostgreSQL")
  void postgres() throws Exception {
    race(TestDatabase.Kind.POSTGRESQL);
  }

  @Test
  @DisplayName("MariaDB")
  void mariaDb() throws Exception {
    race(TestDatabase.Kind.MARIADB);
  }

  void race(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      OrganizationId org = Fixtures.newOrganization();
      Instant sent = Instant.parse("2026-06-01T08:00:00Z");
      List<UnlockIntent> left = Fixtures.times(120, i -> new UnlockIntent(UUID.randomUUID(), org,
          DoorId.of("door-" + (i % 3)), Fixtures.linkId(sent), "Visitor " + i, sent, sent.plusSeconds(10)));
      db.persistence().unlockJournal().record(left.subList(0, 60));
      db.persistence().unlockJournal().record(left.subList(60, 120));
      // one of them had its outcome stored before the crash
      UnlockIntent answered = left.get(7);
      db.persistence().events().record(new AccessEvent(answered.id(), org, sent.plusMillis(30),
          AccessEventType.DOOR_UNLOCKED, new dev.accesslink.core.domain.Actor(
              dev.accesslink.core.domain.Actor.Kind.RECIPIENT, answered.recipient()), answered.link(), answered.door(), null));

      CrashRecoveryTest.startTogether(db.persistence(), db.secondPersistence(),
          Clock.fixed(sent.plus(Duration.ofMinutes(5)), ZoneOffset.UTC));

      List<AccessEvent> unknown = db.persistence().events().recent(org, 1000).stream()
          .filter(e -> e.type() == AccessEventType.UNLOCK_OUTCOME_UNKNOWN).toList();
      Set<String> commands = unknown.stream().map(e -> e.detail().substring(8, 44)).collect(Collectors.toSet());
      assertThat(unknown).hasSize(119);
      assertThat(commands).hasSize(119).doesNotContain(answered.id().toString())
          .containsAll(left.stream().filter(i -> i != answered).map(i -> i.id().toString()).toList());
      assertThat(unknown).allSatisfy(e -> {
        UnlockIntent i = left.stream().filter(x -> e.detail().contains(x.id().toString())).findFirst().orElseThrow();
        assertThat(e.at()).isEqualTo(i.sentAt());
        assertThat(e.door()).isEqualTo(i.door());
        assertThat(e.link()).isEqualTo(i.link());
        assertThat(e.actor().name()).isEqualTo(i.recipient());
      });
      assertThat(db.persistence().unlockJournal().unsettled(sent.plus(Duration.ofDays(1)), 10)).isEmpty();
    }
  }
}
