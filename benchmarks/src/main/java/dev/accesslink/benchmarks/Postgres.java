package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The suite's PostgreSQL: schemas it creates (and drops at the end) and the connection pools on
 * them. Every pool has the same settings, so a path and its floor always see the same pool.
 */
final class Postgres implements Database, AutoCloseable {
  static final String URL = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getProperty("bench.pg.user", "postgres");
  static final String PASSWORD = System.getProperty("bench.pg.password", "");

  private final String prefix;
  private final List<String> schemas = new ArrayList<>();
  private final List<HikariDataSource> pools = new ArrayList<>();

  Postgres() {
    this.prefix = "bench_" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 24, 36);
  }

  @Override
  public String product() {
    return "PostgreSQL";
  }

  /** Creates a fresh schema {@code <prefix>_<name>} and returns its name. */
  @Override
  public String createSchema(String name) throws SQLException {
    String schema = (prefix + "_" + name).toLowerCase(Locale.ROOT);
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    schemas.add(schema);
    return schema;
  }

  /** A pool of up to {@code size} connections whose search path is {@code schema}. */
  @Override
  public HikariDataSource pool(String schema, int size) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(URL);
    c.setUsername(USER);
    c.setPassword(PASSWORD);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(size);
    c.setPoolName("bench-" + schema);
    c.addDataSourceProperty("currentSchema", schema);
    c.addDataSourceProperty("tcpKeepAlive", "true");
    HikariDataSource ds = new HikariDataSource(c);
    pools.add(ds);
    return ds;
  }

  /**
   * A pool like {@link #pool} whose commits do not wait for the WAL flush ({@code synchronous_commit
   * = off}): for the what-if prototypes of the bookkeeping writes only.
   */
  HikariDataSource asyncCommitPool(String schema, int size) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(URL);
    c.setUsername(USER);
    c.setPassword(PASSWORD);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(size);
    c.setPoolName("bench-async-" + schema);
    c.addDataSourceProperty("currentSchema", schema);
    c.setConnectionInitSql("SET synchronous_commit TO off");
    HikariDataSource ds = new HikariDataSource(c);
    pools.add(ds);
    return ds;
  }

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(URL, USER, PASSWORD);
  }

  static String version() {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return "PostgreSQL " + rs.getString(1);
    } catch (SQLException e) {
      return "PostgreSQL (unknown: " + e.getMessage() + ")";
    }
  }

  /** The server settings that decide what a commit costs. */
  static String durability() {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN"
            + " ('synchronous_commit','fsync','wal_sync_method','commit_delay','shared_buffers') ORDER BY name")) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(b.length() == 0 ? "" : ", ").append(rs.getString(1)).append('=').append(rs.getString(2));
      }
      return b.toString();
    } catch (SQLException e) {
      return "unknown";
    }
  }

  @Override
  public void close() {
    for (HikariDataSource p : pools) {
      p.close();
    }
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    } catch (SQLException e) {
      System.err.println("could not drop the benchmark schemas " + schemas + ": " + e.getMessage());
    }
  }
}
