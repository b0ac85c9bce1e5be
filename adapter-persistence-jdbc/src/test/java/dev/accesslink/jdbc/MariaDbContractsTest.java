package dev.accesslink.jdbc;

/** Every testkit contract on MariaDB, in a fresh database. */
class MariaDbContractsTest extends JdbcContracts {
  @Override
  TestDatabase.Kind kind() {
    return TestDatabase.Kind.MARIADB;
  }
}
