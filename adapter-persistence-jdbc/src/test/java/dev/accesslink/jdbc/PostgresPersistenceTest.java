package dev.accesslink.jdbc;

/** The adapter's own tests on POSTGRESQL. */
class PostgresPersistenceTest extends JdbcPersistenceTests {
  @Override
  TestDatabase.Kind kind() {
    return TestDatabase.Kind.POSTGRESQL;
  }
}
