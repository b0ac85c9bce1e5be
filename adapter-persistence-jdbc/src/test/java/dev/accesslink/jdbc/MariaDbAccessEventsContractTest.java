package dev.accesslink.jdbc;

import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.testkit.contract.AccessEventsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The testkit's {@code AccessEventsContract} on MARIADB, in a fresh database. */
class MariaDbAccessEventsContractTest extends AccessEventsContract {
  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create(TestDatabase.Kind.MARIADB);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected AccessEvents events() {
    return db.persistence().events();
  }
}
