package dev.accesslink.jdbc;

/** The adapter's own tests on H2. */
class H2PersistenceTest extends JdbcPersistenceTests {
  @Override
  TestDatabase.Kind kind() {
    return TestDatabase.Kind.H2;
  }
}
