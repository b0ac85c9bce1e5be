package dev.accesslink.jdbc;

import dev.accesslink.core.domain.Group;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.core.port.out.UseCounter;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.UnlockJournal;
import dev.accesslink.testkit.contract.AccessEventsContract;
import dev.accesslink.testkit.contract.DeliveryOutboxContract;
import dev.accesslink.testkit.contract.GroupDirectoryContract;
import dev.accesslink.testkit.contract.LinkRecordsContract;
import dev.accesslink.testkit.contract.OrganizationsContract;
import dev.accesslink.testkit.contract.UseCounterContract;
import dev.accesslink.testkit.contract.UseLogContract;
import dev.accesslink.testkit.contract.WebhookStoreContract;
import dev.accesslink.core.port.out.WebhookEndpoints;
import dev.accesslink.core.port.out.WebhookOutbox;
import dev.accesslink.testkit.contract.UnlockJournalContract;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * Every testkit contract on one database, in a fresh schema/database of its own. A subclass per
 * database names its {@link TestDatabase.Kind}; the contracts come with it as nested classes.
 */
abstract class JdbcContracts {
  private static final Map<TestDatabase.Kind, TestDatabase> DATABASES = new EnumMap<>(TestDatabase.Kind.class);

  /** The database these contracts run on. */
  abstract TestDatabase.Kind kind();

  /** The database of this test class, created on first use (skipped or failed if its server is down). */
  TestDatabase db() {
    synchronized (DATABASES) {
      TestDatabase db = DATABASES.get(kind());
      if (db == null) {
        db = TestDatabase.create(kind());
        DATABASES.put(kind(), db);
      }
      return db;
    }
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    synchronized (DATABASES) {
      for (TestDatabase db : DATABASES.values()) {
        db.close();
      }
      DATABASES.clear();
    }
  }

  @Nested
  class Links extends LinkRecordsContract {
    @Override
    protected LinkRecords links() {
      return db().persistence().links();
    }

    @Override
    protected LinkRecords secondInstance() {
      return db().secondPersistence().links();
    }

    @Override
    protected AccessEvents events() {
      return db().persistence().events();
    }
  }

  @Nested
  class Counter extends UseCounterContract {
    @Override
    protected UseCounter counter() {
      return db().persistence().useCounter();
    }

    @Override
    protected UseCounter secondCounter() {
      return db().secondPersistence().useCounter();
    }

    @Override
    protected LinkRecords links() {
      return db().persistence().links();
    }
  }

  @Nested
  class Outbox extends DeliveryOutboxContract {
    @Override
    protected DeliveryOutbox outbox() {
      return db().persistence().outbox();
    }

    @Override
    protected DeliveryOutbox secondOutbox() {
      return db().secondPersistence().outbox();
    }

    @Override
    protected AccessEvents events() {
      return db().persistence().events();
    }

    @Override
    protected LinkRecords links() {
      return db().persistence().links();
    }
  }

  @Nested
  class Uses extends UseLogContract {
    @Override
    protected UseLog uses() {
      return db().persistence().uses();
    }

    @Override
    protected UseLog secondUses() {
      return db().secondPersistence().uses();
    }

    @Override
    protected LinkRecords links() {
      return db().persistence().links();
    }

    @Override
    protected AccessEvents events() {
      return db().persistence().events();
    }
  }

  @Nested
  class Webhooks extends WebhookStoreContract {
    @Override
    protected WebhookEndpoints endpoints() {
      return db().persistence().webhookEndpoints();
    }

    @Override
    protected WebhookOutbox outbox() {
      return db().persistence().webhookOutbox();
    }

    @Override
    protected WebhookOutbox secondOutbox() {
      return db().secondPersistence().webhookOutbox();
    }

    @Override
    protected AccessEvents events() {
      return db().persistence().events();
    }

    @Override
    protected LinkRecords links() {
      return db().persistence().links();
    }
  }

  @Nested
  class Groups extends GroupDirectoryContract {
    @Override
    protected GroupDirectory directoryWith(List<Group> groups) {
      groups.forEach(db().persistence().groups()::save);
      return db().persistence().groups();
    }
  }

  @Nested
  class Orgs extends OrganizationsContract {
    @Override
    protected Organizations organizations() {
      return db().persistence().organizations();
    }
  }

  @Nested
  class Journal extends UnlockJournalContract {
    @Override
    protected UnlockJournal journal() {
      return db().persistence().unlockJournal();
    }

    @Override
    protected UnlockJournal secondInstance() {
      return db().secondPersistence().unlockJournal();
    }

    @Override
    protected UseLog uses() {
      return db().persistence().uses();
    }

    @Override
    protected AccessEvents events() {
      return db().persistence().events();
    }
  }

  @Nested
  class Events extends AccessEventsContract {
    @Override
    protected AccessEvents events() {
      return db().persistence().events();
    }
  }
}
