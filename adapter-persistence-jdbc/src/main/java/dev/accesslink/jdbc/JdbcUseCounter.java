package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.micros;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.port.out.UseCounter;
import dev.accesslink.core.port.out.store.UseTake;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The uses of limited links, on their {@code al_link} rows. A take is one conditional UPDATE in
 * auto-commit mode (one round trip, one commit): the row lock serializes concurrent takes and each
 * database re-checks {@code uses_taken < max_uses} on the row as it is after the lock is granted,
 * so of N concurrent takes on F uses left exactly F update a row, across every process on the
 * database. Only a refused take reads the row again, to tell a used-up link from an unknown one.
 * Thread-safe.
 */
final class JdbcUseCounter implements UseCounter {
  private static final String TAKE = "UPDATE al_link SET uses_taken = uses_taken + 1,"
      + " first_used_at = COALESCE(first_used_at, ?) WHERE id = ? AND (max_uses IS NULL OR uses_taken < max_uses)";
  private static final String READ = "SELECT uses_taken FROM al_link WHERE id = ?";
  // first_used_at first: MariaDB evaluates assignments left to right, with the values already set
  private static final String GIVE_BACK = "UPDATE al_link SET"
      + " first_used_at = CASE WHEN uses_taken = 1 AND first_used_at = ? THEN NULL ELSE first_used_at END,"
      + " uses_taken = uses_taken - 1 WHERE id = ? AND uses_taken > 0";

  private final Database db;

  JdbcUseCounter(Database db) {
    this.db = db;
  }

  @Override
  public UseTake take(AccessLinkId link, Instant at) {
    // on the unlock path: plain JDBC, no Jdbi handle (see Database#plainAutoCommit)
    return db.plainAutoCommit("take link use", c -> {
      try (PreparedStatement p = c.prepareStatement(TAKE)) {
        p.setLong(1, micros(at));
        p.setString(2, link.toString());
        int taken = p.executeUpdate();
        commitUnlessAutoCommit(c);
        if (taken == 1) {
          return new UseTake.Taken();
        }
      }
      try (PreparedStatement r = c.prepareStatement(READ)) {
        r.setString(1, link.toString());
        try (ResultSet rs = r.executeQuery()) {
          return rs.next() ? new UseTake.LimitReached() : new UseTake.UnknownLink();
        }
      }
    });
  }

  @Override
  public void giveBack(AccessLinkId link, Instant takenAt) {
    db.plainAutoCommit("give back link use", c -> {
      try (PreparedStatement p = c.prepareStatement(GIVE_BACK)) {
        p.setLong(1, micros(takenAt));
        p.setString(2, link.toString());
        int changed = p.executeUpdate();
        commitUnlessAutoCommit(c);
        return changed;
      }
    });
  }

  /** A pool configured without auto-commit would roll the write back when the connection returns. */
  private static void commitUnlessAutoCommit(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }
}
