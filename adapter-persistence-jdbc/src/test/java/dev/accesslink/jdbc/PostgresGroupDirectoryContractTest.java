package dev.accesslink.jdbc;

import dev.accesslink.core.domain.Group;
import dev.accesslink.core.port.out.GroupDirectory;
import java.util.List;
import dev.accesslink.testkit.contract.GroupDirectoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The testkit's {@code GroupDirectoryContract} on POSTGRESQL, in a fresh database. */
class PostgresGroupDirectoryContractTest extends GroupDirectoryContract {
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
  protected GroupDirectory directoryWith(List<Group> groups) {
    groups.forEach(db.persistence().groups()::save);
    return db.persistence().groups();
  }
}
