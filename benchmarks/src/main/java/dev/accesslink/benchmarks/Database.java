package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;

/** A database server the suite measures on: fresh schemas (databases on MariaDB) and pools on them. */
interface Database {
  /** The server's product name, for the report. */
  String product();

  /** Creates a fresh, empty schema (a database on MariaDB), dropped at the end of the run, and returns its name. */
  String createSchema(String name) throws SQLException;

  /** A pool of up to {@code size} connections on {@code schema}. */
  HikariDataSource pool(String schema, int size);
}
