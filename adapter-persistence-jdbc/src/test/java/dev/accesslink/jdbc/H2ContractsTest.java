package dev.accesslink.jdbc;

/** Every testkit contract on H2, in a fresh database. */
class H2ContractsTest extends JdbcContracts {
  @Override
  TestDatabase.Kind kind() {
    return TestDatabase.Kind.H2;
  }
}
