package dev.accesslink.jdbc;

/** The adapter's own tests on MARIADB. */
class MariaDbPersistenceTest extends JdbcPersistenceTests {
  @Override
  TestDatabase.Kind kind() {
    return TestDatabase.Kind.MARIADB;
  }
}
