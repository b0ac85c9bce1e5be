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
 * The suite's MariaDB (127.0.0.1:3306, user {@code root}, empty password unless {@code
 * -Dbench.mariadb.*} says otherwise): databases it creates (and drops at the end) and pools on them,
 * with the same pool settings as {@link Postgres}.
 */
final class MariaDb implements Database, AutoCloseable {
  static final String HOST = System.getProperty("bench.mariadb.host", "127.0.0.1:3306");
  static final String USER = System.getProperty("bench.mariadb.user", "root");
  static final String PASSWORD = System.getProperty("bench.mariadb.password", "");

  private final String prefix;
  private final List<String> databases = new ArrayList<>();
  private final List<HikariDataSource> pools = new ArrayList<>();

  MariaDb() {
    this.prefix = "bench_" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 24, 36);
  }

  @Override
  public String product() {
    return "MariaDB";
  }

  @Override
  public String createSchema(String name) throws SQLException {
    String db = (prefix + "_" + name).toLowerCase(Locale.ROOT);
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }
    databases.add(db);
    return db;
  }

  @Override
  public HikariDataSource pool(String database, int size) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl("jdbc:mariadb://" + HOST + "/" + database);
    c.setUsername(USER);
    c.setPassword(PASSWORD);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(size);
    c.setPoolName("bench-maria-" + database);
    HikariDataSource ds = new HikariDataSource(c);
    pools.add(ds);
    return ds;
  }

  private static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://" + HOST + "/" + database, USER, PASSWORD);
  }

  static String version() {
    try (Connection c = connect(""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT VERSION()")) {
      rs.next();
      return "MariaDB " + rs.getString(1);
    } catch (SQLException e) {
      return "MariaDB (unknown: " + e.getMessage() + ")";
    }
  }

  /** The server settings that decide what a commit costs. */
  static String durability() {
    try (Connection c = connect(""); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW VARIABLES WHERE Variable_name IN ('innodb_flush_log_at_trx_commit',"
            + " 'sync_binlog', 'log_bin', 'innodb_buffer_pool_size', 'innodb_flush_method')")) {
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
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      for (String db : databases) {
        s.execute("DROP DATABASE IF EXISTS " + db);
      }
    } catch (SQLException e) {
      System.err.println("could not drop the benchmark databases " + databases + ": " + e.getMessage());
    }
  }
}
