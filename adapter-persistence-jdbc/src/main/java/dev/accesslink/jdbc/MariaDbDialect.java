package dev.accesslink.jdbc;

import java.sql.SQLException;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * MariaDB (10.6+ for {@code SKIP LOCKED}; MySQL 8 is detected as this dialect, untested): the
 * portable techniques, with InnoDB's tables, isolation, locks and error codes.
 */
final class MariaDbDialect extends Dialect {
  MariaDbDialect() {
    super("ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY");
  }

  /**
   * InnoDB defaults to REPEATABLE READ, whose gap locks make the counter and reclaim updates
   * deadlock more often; the adapter's updates are all conditional, so READ COMMITTED is exact and
   * cheaper.
   */
  @Override
  String transactionPreamble() {
    return "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
  }

  @Override
  boolean isRetryableVendorError(SQLException e) {
    return e.getErrorCode() == 1213; // deadlock
  }

  @Override
  boolean isDuplicateKey(SQLException e) {
    return super.isDuplicateKey(e) || e.getErrorCode() == 1062;
  }

  @Override
  String shareLock() {
    return " LOCK IN SHARE MODE";
  }

  @Override
  int insertUnlessPresent(Handle h, String intoAndValues, UnaryOperator<Update> bind) {
    return bind.apply(h.createUpdate("INSERT IGNORE INTO " + intoAndValues)).execute();
  }
}
