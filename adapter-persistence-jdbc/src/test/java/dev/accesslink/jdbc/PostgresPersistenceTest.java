package dev.accesslink.jdbc;

import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.AccessLinkStore;
import dev.accesslink.core.port.out.InsertOutcome;
import dev.accesslink.testkit.Fixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The adapter's own tests on POSTGRESQL, plus its one-statement insert. */
class PostgresPersistenceTest extends JdbcPersistenceTests {
  @Override
  TestDatabase.Kind kind() {
    return TestDatabase.Kind.POSTGRESQL;
  }

  @Test
  @DisplayName("creating a link is one statement in auto-commit (one round trip) once its counter exists")
  void insertIsOneStatement() throws Exception {
    try (TestDatabase own = TestDatabase.create(kind())) {
      CountingDataSource counting = new CountingDataSource(own.pool(2));
      AccessLinkStore store = JdbcAccessLinkPersistence.create(counting.dataSource).store();
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
      }
    }
  }
}
