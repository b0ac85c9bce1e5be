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
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.AccessLinkStore;
import dev.accesslink.core.port.out.InsertOutcome;
import dev.accesslink.testkit.Fixtures;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The adapter's own tests on POSTGRESQL, plus its one-statement insert and use. */
class PostgresPersistenceTest extends JdbcPersistenceTests {
  @Override
  TestDatabase.Kind kind() {
    return TestDatabase.Kind.POSTGRESQL;
  }

  @Test
  @DisplayName("creating a link with its LINK_SENT event is one statement in auto-commit (one round trip) once its counter exists")
  void insertIsOneStatement() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      CountingDataSource counting = new CountingDataSource(own.pool(2));
      JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(counting.dataSource);
      AccessLinkStore store = persistence.store();
      OrganizationId org = Fixtures.newOrganization();
      for (DeliveryChannel channel : DeliveryChannel.values()) {
        AccessLink first = Fixtures.link(org, channel, ValidityWindow.always(), T0);
        assertThat(store.insert(Fixtures.newLink(first, Fixtures.reservation(first, 100, T0))))
            .isInstanceOf(InsertOutcome.Inserted.class);

        counting.reset();
        AccessLink second = Fixtures.link(org, channel, ValidityWindow.always(), T0);
        assertThat(store.insert(Fixtures.newLink(second, Fixtures.reservation(second, 100, T0))))
            .isInstanceOf(InsertOutcome.Inserted.class);
        assertThat(counting.statements.get()).as(channel.name()).isEqualTo(1);
        assertThat(counting.commits.get()).as(channel.name()).isZero();
        assertThat(persistence.events().recent(org, 1)).as("the LINK_SENT event came with it")
            .singleElement().satisfies(e -> assertThat(e.link()).isEqualTo(second.id()));
      }
    }
  }

  @Test
  @DisplayName("recording a use with its event is one statement in auto-commit (one round trip)")
  void recordUseIsOneStatement() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      CountingDataSource counting = new CountingDataSource(own.pool(2));
      JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(counting.dataSource);
      AccessLinkStore store = persistence.store();
      OrganizationId org = Fixtures.newOrganization();
      AccessLink link = Fixtures.link(org, DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
      store.insert(Fixtures.newLink(link, Fixtures.reservation(link, 100, T0)));

      counting.reset();
      AccessEvent unlocked = new AccessEvent(UUID.randomUUID(), org, T0.plusSeconds(5), AccessEventType.DOOR_UNLOCKED,
          Actor.recipient(link.recipient()), link.id(), DoorId.of("front"), "bypassed:[]");
      store.recordUse(link.id(), T0.plusSeconds(5), unlocked);

      assertThat(counting.statements.get()).isEqualTo(1);
      assertThat(counting.commits.get()).isZero();
      assertThat(store.findById(org, link.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(5));
      assertThat(persistence.events().recent(org, 1)).containsExactly(unlocked);
    }
  }
}
