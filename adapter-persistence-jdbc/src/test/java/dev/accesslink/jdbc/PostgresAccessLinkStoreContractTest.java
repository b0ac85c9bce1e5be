package dev.accesslink.jdbc;

import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.AccessLinkStore;
import dev.accesslink.testkit.contract.AccessLinkStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The testkit's {@code AccessLinkStoreContract} on POSTGRESQL, in a fresh database. */
class PostgresAccessLinkStoreContractTest extends AccessLinkStoreContract {
  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected AccessLinkStore store() {
    return db.persistence().store();
  }

  @Override
  protected AccessLinkStore secondInstance() {
    return db.secondPersistence().store();
  }

  @Override
  protected AccessEvents events() {
    return db.persistence().events();
  }
}
