package dev.accesslink.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.testsupport.ExternalServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh, empty schema (PostgreSQL), database (MariaDB) or in-memory database (H2) for one test
 * class, with as many connection pools as the test wants; {@link #close()} drops it.
 */
final class TestDatabase implements AutoCloseable {
  enum Kind { POSTGRESQL, MARIADB, H2 }

  private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String MARIADB_ADMIN = "jdbc:mariadb://127.0.0.1:3306/test";

  final Kind kind;
  final String name;
  private final String url;
  private final String user;
  private final List<HikariDataSource> pools = new ArrayList<>();
  private JdbcAccessLinkPersistence first;
  private JdbcAccessLinkPersistence second;
  private HikariDataSource inspector;

  private TestDatabase(Kind kind, String name, String url, String user) {
    this.kind = kind;
    this.name = name;
    this.url = url;
    this.user = user;
  }

  static TestDatabase create(Kind kind) {
    String name = "al_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try {
      switch (kind) {
        case POSTGRESQL -> {
          ExternalServices.assumeTcp("PostgreSQL", "127.0.0.1", 5432, "start PostgreSQL with db 'test', trust auth");
          admin(PG_ADMIN, "postgres", "CREATE SCHEMA " + name);
          return new TestDatabase(kind, name, PG_ADMIN + "?currentSchema=" + name, "postgres");
        }
        case MARIADB -> {
          ExternalServices.assumeTcp("MariaDB", "127.0.0.1", 3306, "start MariaDB with user root, empty password");
          admin(MARIADB_ADMIN, "root", "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
          return new TestDatabase(kind, name, "jdbc:mariadb://127.0.0.1:3306/" + name, "root");
        }
        case H2 -> {
          return new TestDatabase(kind, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000", "sa");
        }
        default -> throw new AssertionError(kind);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
  }

  private static void admin(String url, String user, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The JDBC URL of this database (for a child process). */
  String url() {
    return url;
  }

  /** The user of {@link #url()}; the password is empty. */
  String user() {
    return user;
  }

  /** A new connection pool on this database; closed by {@link #close()}. */
  synchronized HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword("");
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(30_000);
    config.setPoolName(name + "-" + pools.size());
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return pool;
  }

  /** A small pool for tests that read tables directly. */
  synchronized HikariDataSource inspector() {
    if (inspector == null) {
      inspector = pool(2);
    }
    return inspector;
  }

  /** The adapter on a first pool; runs the migrations. */
  synchronized JdbcAccessLinkPersistence persistence() {
    if (first == null) {
      first = JdbcAccessLinkPersistence.create(pool(6));
    }
    return first;
  }

  /** The adapter on a second pool: another application instance. */
  synchronized JdbcAccessLinkPersistence secondPersistence() {
    persistence();
    if (second == null) {
      second = JdbcAccessLinkPersistence.create(pool(6), JdbcSettings.builder().migrateOnCreate(false).build());
    }
    return second;
  }

  /** {@code table} quoted for SQL, as the metadata spelled it. */
  String quote(String table) {
    return kind == Kind.MARIADB ? "`" + table + "`" : "\"" + table + "\"";
  }

  /** The names of this database's tables, as the metadata spells them. */
  List<String> tables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = inspector().getConnection()) {
      String schema = switch (kind) {
        case POSTGRESQL -> name;
        case MARIADB -> null;
        case H2 -> "PUBLIC";
      };
      String catalog = kind == Kind.MARIADB ? name : null;
      try (var rs = c.getMetaData().getTables(catalog, schema, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
    }
    return tables;
  }

  @Override
  public synchronized void close() throws SQLException {
    for (HikariDataSource pool : pools) {
      pool.close();
    }
    switch (kind) {
      case POSTGRESQL -> admin(PG_ADMIN, "postgres", "DROP SCHEMA " + name + " CASCADE");
      case MARIADB -> admin(MARIADB_ADMIN, "root", "DROP DATABASE " + name);
      case H2 -> admin(url, user, "SHUTDOWN");
    }
  }
}
