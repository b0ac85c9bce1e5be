package dev.accesslink.jdbc;

import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Runs units of work against the database: retries a whole unit on serialization failure or
 * deadlock, and turns every database error into {@link AccessLinkInfrastructureException} with a
 * message that quotes no bound values. A unit of work only touches the database, so retrying it
 * never repeats a side effect.
 *
 * <p>A unit either only reads ({@link #read}, {@link #plainRead}) or may write (every other one).
 * Where the dialect asks for it ({@link Dialect#writerLock}: an H2 file database), the units that
 * may write run one at a time in this JVM, each holding the lock from before it takes its connection
 * until it has returned it. Thread-safe.
 */
final class Database {
  private final DataSource dataSource;
  private final Jdbi jdbi;
  private final JdbcSettings settings;
  private volatile @Nullable Dialect dialect;
  /** Held by each unit that may write, where the dialect has one; written before {@link #dialect}. */
  private volatile @Nullable Lock writes;

  Database(DataSource dataSource, JdbcSettings settings) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.settings = settings;
    // Exception messages must not carry bound values (addresses, hashes): render none.
    jdbi.getConfig(StatementExceptions.class)
        .setMessageRendering(StatementExceptions.MessageRendering.NONE);
  }

  /**
   * The database's dialect, detected once, before the first unit of work (which on H2 also makes
   * the database durable, see {@link Dialect#onFirstConnection}).
   */
  Dialect dialect() {
    Dialect d = dialect;
    if (d == null) {
      try {
        d = jdbi.withHandle(h -> {
          Dialect detected = Dialect.detect(h.getConnection().getMetaData());
          Lock lock = detected.writerLock(h);
          if (lock != null) {
            lock.lock(); // the first connection's set-up may write (H2: SET WRITE_DELAY 0)
          }
          try {
            detected.onFirstConnection(h);
          } finally {
            unlock(lock);
          }
          writes = lock;
          return detected;
        });
      } catch (JdbiException | SQLException e) {
        throw failure("detect database", e, sqlCause(e));
      }
      dialect = d;
    }
    return d;
  }

  /** Runs {@code work}, which only reads, on an auto-commit handle. */
  <T> T read(String what, HandleCallback<T, SQLException> work) {
    return run(what, false, false, false, work);
  }

  /** Runs {@code work} on an auto-commit handle: each statement commits on its own. */
  <T> T autoCommit(String what, HandleCallback<T, SQLException> work) {
    return run(what, true, false, false, work);
  }

  /**
   * Runs {@code work} (a migration, say) holding the lock of the units that may write, where there
   * is one (see the class comment).
   */
  <T> T writing(Supplier<T> work) {
    dialect();
    Lock lock = lockWrites();
    try {
      return work.get();
    } finally {
      unlock(lock);
    }
  }

  private @Nullable Lock lockWrites() {
    Lock lock = writes;
    if (lock != null) {
      lock.lock();
    }
    return lock;
  }

  private static void unlock(@Nullable Lock lock) {
    if (lock != null) {
      lock.unlock();
    }
  }

  /** Work on a plain JDBC connection. */
  @FunctionalInterface
  interface ConnectionCallback<T> {
    T withConnection(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} on a plain JDBC connection in auto-commit mode, without Jdbi: for the
   * statements on the hot paths (the lookup by secret hash, the create's insert, the unlock intent),
   * where setting up a Jdbi handle and statement costs more than the statement itself (measured in
   * docs/performance.md). Retried and reported as the other units of work are: {@code work} must
   * write nothing unless it completes (one statement in auto-commit, or a commit at its end).
   */
  <T> T plainAutoCommit(String what, ConnectionCallback<T> work) {
    return plain(what, true, work);
  }

  /** As {@link #plainAutoCommit}, for {@code work} that only reads (the lookup by secret hash). */
  <T> T plainRead(String what, ConnectionCallback<T> work) {
    return plain(what, false, work);
  }

  private <T> T plain(String what, boolean mayWrite, ConnectionCallback<T> work) {
    dialect();
    int attempts = settings.maxTransactionAttempts();
    for (int attempt = 1; ; attempt++) {
      Lock lock = mayWrite ? lockWrites() : null;
      try (Connection c = dataSource.getConnection()) {
        return work.withConnection(c);
      } catch (SQLException e) {
        Dialect d = dialect;
        if (d == null || !d.isRetryable(e) || attempt >= attempts) {
          throw failure(what, e, e);
        }
      } finally {
        unlock(lock);
      }
      backOff(attempt);
    }
  }

  /**
   * Runs {@code work} in one READ COMMITTED transaction on a plain JDBC connection, without Jdbi (the
   * dialect's preamble first, as {@link #transaction}): for the unlocks' background bookkeeping,
   * which runs for every opening. Rolled back on failure; retried and reported as the other units.
   */
  <T> T plainTransaction(String what, ConnectionCallback<T> work) {
    Dialect d = dialect();
    int attempts = settings.maxTransactionAttempts();
    for (int attempt = 1; ; attempt++) {
      Lock lock = lockWrites();
      try (Connection c = dataSource.getConnection()) {
        boolean autoCommit = c.getAutoCommit();
        if (autoCommit) {
          c.setAutoCommit(false);
        }
        try {
          String preamble = d.transactionPreamble();
          if (!preamble.isEmpty()) {
            try (java.sql.Statement s = c.createStatement()) {
              s.execute(preamble);
            }
          }
          T result = work.withConnection(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          try {
            c.rollback();
          } catch (SQLException rollback) {
            e.addSuppressed(rollback);
          }
          throw e;
        } finally {
          if (autoCommit) {
            c.setAutoCommit(true);
          }
        }
      } catch (SQLException e) {
        if (!d.isRetryable(e) || attempt >= attempts) {
          throw failure(what, e, e);
        }
      } finally {
        unlock(lock);
      }
      backOff(attempt);
    }
  }

  /** Runs {@code work} in one READ COMMITTED transaction. */
  <T> T transaction(String what, HandleCallback<T, SQLException> work) {
    return run(what, true, true, false, work);
  }

  /**
   * Runs {@code work} in one transaction that is retried also when it hits a duplicate key: for
   * "update, else insert" units that race with an identical one.
   */
  <T> T upsert(String what, HandleCallback<T, SQLException> work) {
    return run(what, true, true, true, work);
  }

  private <T> T run(String what, boolean mayWrite, boolean transactional, boolean retryDuplicates,
      HandleCallback<T, SQLException> work) {
    dialect();
    int attempts = settings.maxTransactionAttempts();
    for (int attempt = 1; ; attempt++) {
      Lock lock = mayWrite ? lockWrites() : null;
      try {
        if (!transactional) {
          return jdbi.withHandle(work);
        }
        return jdbi.inTransaction(h -> {
          String preamble = dialect().transactionPreamble();
          if (!preamble.isEmpty()) {
            h.execute(preamble);
          }
          return work.withHandle(h);
        });
      } catch (JdbiException | SQLException e) {
        SQLException sql = sqlCause(e);
        Dialect d = dialect;
        boolean retryable = sql != null && d != null
            && (d.isRetryable(sql) || (retryDuplicates && d.isDuplicateKey(sql)));
        if (!retryable || attempt >= attempts) {
          throw failure(what, e, sql);
        }
      } finally {
        unlock(lock);
      }
      backOff(attempt);
    }
  }

  /** The first {@link SQLException} in {@code e}'s cause chain (Jdbi wraps them), or null. */
  static @Nullable SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  private static AccessLinkInfrastructureException failure(String what, Exception e, @Nullable SQLException sql) {
    String state = sql == null ? "" : " (SQLState " + sql.getSQLState() + ", code " + sql.getErrorCode() + ")";
    // The SQLException is the cause: its message is the server's, which names constraints and,
    // at most, a hash or an id; never a secret (none is ever bound).
    return new AccessLinkInfrastructureException("database: " + what + " failed" + state, sql != null ? sql : e);
  }

  private static void backOff(int attempt) {
    long maxMicros = Math.min(50_000, 2_000L << Math.min(attempt, 4));
    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextLong(maxMicros / 2, maxMicros)));
  }

  /** Microseconds since the epoch: the schema's instant representation. */
  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static @Nullable Long microsOrNull(@Nullable Instant instant) {
    return instant == null ? null : micros(instant);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  static @Nullable Instant instantOrNull(@Nullable Long micros) {
    return micros == null ? null : instant(micros);
  }

  Jdbi jdbi() {
    return jdbi;
  }
}
