package dev.accesslink.jdbc;

/** Every testkit contract on Postgres, in a fresh database. */
class PostgresContractsTest extends JdbcContracts {
  @Override
  TestDatabase.Kind kind() {
    return TestDatabase.Kind.POSTGRESQL;
  }
}
