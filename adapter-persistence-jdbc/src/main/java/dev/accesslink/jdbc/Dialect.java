package dev.accesslink.jdbc;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.NewAccessLink;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * Everything that differs between the supported databases, one subclass per database: detection,
 * the Flyway placeholders of the schema, the SQL the store's steps need where it is not portable,
 * and how errors read. The methods here are the portable techniques (transactions of plain
 * statements, {@code FOR UPDATE SKIP LOCKED}); {@link PostgreSqlDialect}, {@link MariaDbDialect}
 * and {@link H2Dialect} override what their database does differently. The store's parts ({@link
 * QuotaStripes}, {@link JdbcLinkRecords}, {@link JdbcDeliveryOutbox}, {@link JdbcUseLog}) never
 * test which database they run on. Immutable and thread-safe.
 */
abstract sealed class Dialect permits PostgreSqlDialect, MariaDbDialect, H2Dialect {
  private final String tableOptions;
  private final String identity;

  Dialect(String tableOptions, String identity) {
    this.tableOptions = tableOptions;
    this.identity = identity;
  }

  static Dialect detect(DatabaseMetaData meta) throws SQLException {
    String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgresql")) {
      return new PostgreSqlDialect();
    }
    if (product.contains("mariadb") || product.contains("mysql")) {
      // MariaDB's own driver names the product; another driver may say MySQL, and only the
      // version ("10.11.19-MariaDB-...") tells the servers apart
      String version = String.valueOf(meta.getDatabaseProductVersion()).toLowerCase(Locale.ROOT);
      return new MariaDbDialect(product.contains("mariadb") || version.contains("mariadb"));
    }
    if (product.contains("h2")) {
      return new H2Dialect();
    }
    throw new SQLException("unsupported database: " + meta.getDatabaseProductName());
  }

  /** Values of the placeholders in {@code db/accesslink/migration}. */
  final Map<String, String> placeholders() {
    return Map.of("al_table_options", tableOptions, "al_identity", identity);
  }

  /**
   * The Flyway locations of this database's schema: the scripts shared by every database ({@link
   * JdbcAccessLinkPersistence#MIGRATION_LOCATION}), and after them, where a database has some, its
   * own ones (routines in its own SQL, with versions no shared script uses). Here the shared ones.
   */
  List<String> migrationLocations() {
    return List.of(JdbcAccessLinkPersistence.MIGRATION_LOCATION);
  }

  /** Runs after {@link JdbcAccessLinkPersistence#migrate()}: nothing, unless a database needs it. */
  void afterMigration() {}

  /**
   * True where the driver sends a batch's executions in one round trip and the server keeps their
   * statement prepared (PostgreSQL): a batch of one-row statements is then as cheap as one
   * statement naming every row. Where it sends them one by one (MariaDB's Connector/J), the
   * adapter names the rows in one statement instead.
   */
  boolean pipelinesBatches() {
    return false;
  }

  // ---------------------------------------------------------------- transactions and errors

  /** A statement to run first in every read-write transaction, or empty. */
  String transactionPreamble() {
    return "";
  }

  /** True for a serialization failure or deadlock: the whole transaction may be retried. */
  final boolean isRetryable(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return state.equals("40001") || state.equals("40P01") || isRetryableVendorError(e);
  }

  /** True for a serialization failure or deadlock that the database reports by its own code. */
  boolean isRetryableVendorError(SQLException e) {
    return false;
  }

  /** True for a unique or primary key violation. */
  boolean isDuplicateKey(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  // ---------------------------------------------------------------- durability

  /** Runs once, on the first connection the adapter opens: nothing, unless a database needs it. */
  void onFirstConnection(Handle h) {}

  /**
   * The lock that makes the units of work that may write run one at a time in this JVM (see {@link
   * Database}), asked once, on the first connection: none, unless the database needs it to keep its
   * transactions whole through a crash.
   */
  @Nullable Lock writerLock(Handle h) {
    return null;
  }

  /**
   * Lets the current transaction commit without waiting for its flush to disk, where the database
   * allows it per transaction; for writes whose loss a crash leaves harmless. Nothing by default.
   */
  void commitWithoutFlushWait(Handle h) {
    String off = flushWaitOff();
    if (!off.isEmpty()) {
      h.execute(off);
    }
  }

  /** The statement that does {@link #commitWithoutFlushWait} in a transaction, or empty. */
  String flushWaitOff() {
    return "";
  }

  /**
   * As {@link #updateAndAppend(Database, String, String, UnaryOperator, AccessEvent)} on plain JDBC:
   * {@code update} (named parameters, bound from {@code params}) and the event's append, one
   * transaction of two statements here.
   */
  int updateAndAppend(Database db, String what, String update, NamedSql.Params params, AccessEvent event) {
    JdbcAccessEvents.eventParams(params, event);
    return db.plainTransaction(what, c -> {
      NamedSql.cached(update).execute(c, params);
      return NamedSql.cached(JdbcAccessEvents.INSERT).execute(c, params);
    });
  }

  /**
   * Several unlocks' bookkeeping as one statement in auto-commit, when this database can take the
   * rows as arrays: each link's last use moved forward ({@code latest}, by link id), the events
   * appended in list order, and the intents {@code settled} deleted. One statement is atomic, so
   * all of it or nothing is written, with one commit.
   *
   * @return false (nothing written) where the database has no such statement: the caller writes
   *     batched statements in a transaction instead
   */
  boolean recordUsesInOneStatement(Database db, String what, java.util.SortedMap<String, Long> latest,
      List<AccessEvent> events, List<String> settled) {
    return false;
  }

  // ---------------------------------------------------------------- locking

  /**
   * The locking clause of a shared row lock: shared holders do not wait for each other, an
   * exclusive one waits for them all.
   */
  abstract String shareLock();

  /**
   * True where a row lock shared by several transactions at once costs much more than one held by a
   * single transaction, so that the unlimited sends of one organization should share-lock different
   * stripes of its counter ({@link QuotaStripes#shareStripe}). False here.
   */
  boolean spreadsSharedLocks() {
    return false;
  }

  /**
   * Picks one row of {@code select} (a query of one int column, {@code orderColumn}) for an update
   * that re-checks {@code select}'s condition, without waiting for other writers where it can:
   * here, one row that no other transaction holds, locked until the transaction ends ({@code ORDER
   * BY orderColumn LIMIT 1 FOR UPDATE SKIP LOCKED}); empty when there is none or each is held.
   *
   * @param prepare creates the query from its SQL and binds its parameters
   */
  Optional<Integer> pickRow(Function<String, Query> prepare, String select, String orderColumn) {
    return prepare.apply(select + " ORDER BY " + orderColumn + " LIMIT 1 FOR UPDATE SKIP LOCKED")
        .mapTo(Integer.class)
        .findOne();
  }

  /**
   * When {@link #pickRow} found none: a row of {@code select} whose lock is worth waiting for, or
   * empty when waiting cannot help. Here: a random row of the statement's snapshot, since {@link
   * #pickRow} skipped the held ones.
   */
  Optional<Integer> rowToWaitFor(Function<String, Query> prepare, String select) {
    return randomRow(prepare.apply(select));
  }

  /** A random row of {@code q}'s single int column, or empty. */
  static Optional<Integer> randomRow(Query q) {
    List<Integer> rows = q.mapTo(Integer.class).list();
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(ThreadLocalRandom.current().nextInt(rows.size())));
  }

  /**
   * The clause that locks the rows a query selects, waiting for those another transaction holds:
   * here {@code FOR UPDATE}.
   */
  String forUpdateClause() {
    return " FOR UPDATE";
  }

  /**
   * Inserts a row unless one with its key exists, race-free: a concurrent inserter's row wins (the
   * statement waits for it and then does nothing), and the transaction goes on.
   *
   * @param intoAndValues {@code table (columns) VALUES (values)}
   * @return 1 when it inserted the row, 0 when one with its key was there
   */
  abstract int insertUnlessPresent(Handle h, String intoAndValues, UnaryOperator<Update> bind);

  // ---------------------------------------------------------------- atomic writes

  /**
   * The fast path of an insert (quota unit, link, LINK_SENT event), as one atomic write: here
   * {@code inTransaction} in one transaction.
   *
   * @param stripes the stripes per counter (for a one-statement form)
   * @param inTransaction the fast path as the statements of one transaction; true when it inserted
   * @return true when the link was inserted, false (nothing written) when the slow path must decide
   */
  boolean insertFast(Database db, NewAccessLink n, int stripes, HandleCallback<Boolean, SQLException> inTransaction) {
    return db.transaction("insert link", inTransaction);
  }

  /**
   * Runs {@code update} and appends {@code event} as one atomic write: here, one transaction of
   * two statements.
   *
   * @return how many rows the event insert wrote
   */
  int updateAndAppend(Database db, String what, String update, UnaryOperator<Update> bind, AccessEvent event) {
    return db.transaction(what, h -> {
      bind.apply(h.createUpdate(update)).execute();
      return JdbcAccessEvents.bindEvent(h.createUpdate(JdbcAccessEvents.INSERT), event).execute();
    });
  }

  /**
   * Begins a delivery attempt ({@link JdbcDeliveryOutbox#beginAttempt}) with {@code p}'s values
   * ({@code hash, id, token, attempt, now}): the link's new secret hash under the claim and its
   * lease, earlier unfinished attempts UNKNOWN, the new attempt's row; one atomic write, here one
   * transaction of three statements on plain JDBC.
   *
   * @return false (nothing written) when the claim or its lease was gone
   */
  boolean beginAttempt(Database db, NamedSql.Params p) {
    return db.plainTransaction("begin delivery attempt", c -> {
      if (NamedSql.cached(JdbcDeliveryOutbox.BEGIN_LINK).execute(c, p) != 1) {
        return false;
      }
      NamedSql.cached(JdbcDeliveryOutbox.BEGIN_UNKNOWN).execute(c, p);
      NamedSql.cached("INSERT INTO al_delivery_attempt (" + JdbcDeliveryOutbox.ATTEMPT_COLUMNS + ") VALUES ("
          + JdbcDeliveryOutbox.ATTEMPT_VALUES + ")").execute(c, p);
      return true;
    });
  }

  /**
   * Records a delivery's SENT or retry outcome under its claim ({@link
   * JdbcDeliveryOutbox#completeDelivery}) with {@code p}'s values, the attempt's state and its audit
   * event: one atomic write, here one transaction of three statements on plain JDBC.
   *
   * @return false (nothing written) when the claim was no longer the row's
   */
  boolean completeAttempt(Database db, NamedSql.Params p) {
    return db.plainTransaction("complete delivery", c -> {
      if (NamedSql.cached(JdbcDeliveryOutbox.COMPLETE_LINK).execute(c, p) != 1) {
        return false;
      }
      NamedSql.cached(JdbcDeliveryOutbox.COMPLETE_ATTEMPT).execute(c, p);
      NamedSql.cached(JdbcAccessEvents.INSERT).execute(c, p);
      return true;
    });
  }

  /** Claims due deliveries: here, those no one holds, locked and leased in one transaction. */
  List<DeliveryClaim> claimDue(JdbcDeliveryOutbox outbox, Instant now, Instant leaseUntil, int max) {
    return outbox.claimSkippingLocked(now, leaseUntil, max);
  }
}
