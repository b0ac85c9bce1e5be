package dev.accesslink.jdbc;

import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.testkit.contract.OrganizationsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The testkit's {@code OrganizationsContract} on MARIADB, in a fresh database. */
class MariaDbOrganizationsContractTest extends OrganizationsContract {
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
  protected Organizations organizations() {
    return db.persistence().organizations();
  }
}
