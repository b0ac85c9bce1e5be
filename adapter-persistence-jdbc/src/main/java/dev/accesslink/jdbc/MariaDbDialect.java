package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.QuotaStripes.COUNTER_KEY;
import static dev.accesslink.jdbc.QuotaStripes.ROOM;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.port.out.store.NewAccessLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.statement.Update;

/**
 * MariaDB (10.6+ for {@code SKIP LOCKED}; MySQL 8 is detected as this dialect, untested): the
 * portable techniques, with InnoDB's tables, isolation, locks and error codes; on MariaDB itself,
 * the create's fast path as one statement (one round trip, see {@link #insertFast}): a call of the
 * stored procedure of MariaDB's own migration, or the compound statement it replaced.
 */
final class MariaDbDialect extends Dialect {
  /**
   * The start of the fast path's compound statement: {@code n} is what it inserted (0 or 1), {@code
   * s} the stripe it takes a unit from. Any error rolls the whole transaction back and goes to the
   * client as it was raised, so the statement writes all or nothing; an empty {@code SELECT ...
   * INTO} (no stripe) leaves {@code s} NULL.
   */
  private static final String BEGIN =
      "BEGIN NOT ATOMIC DECLARE n INT DEFAULT 0; DECLARE s INT DEFAULT NULL;"
          + " DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN END;"
          + " DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;"
          + " SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION; ";
  /** The end: the link and its LINK_SENT event when {@code n = 1}, one commit, and {@code n} as the result. */
  private static final String INSERT_AND_END = " IF n = 1 THEN"
      + " INSERT INTO al_link (" + LinkRows.INSERT_COLUMNS + ") VALUES (" + LinkRows.INSERT_VALUES + "); "
      + JdbcAccessEvents.INSERT + "; END IF; COMMIT; SELECT n; END";
  private static final String EVENT_AND_END =
      " IF n = 1 THEN " + JdbcAccessEvents.INSERT + "; END IF; COMMIT; SELECT n; END";
  /**
   * Unlimited quota: the link, inserted only while stripe 0 of its counter is not kept, under a
   * shared lock on that stripe until the commit (see {@link QuotaStripes#shareIfNotKept}), then its
   * event; nothing when the counter is absent or kept.
   */
  private static final NamedSql SHARE_UNKEPT_AND_INSERT = NamedSql.of(BEGIN
      + "INSERT INTO al_link (" + LinkRows.INSERT_COLUMNS + ") SELECT " + LinkRows.INSERT_VALUES
      + " FROM al_quota_stripe WHERE " + COUNTER_KEY + " AND stripe = 0 AND used < 0 LOCK IN SHARE MODE;"
      + " SET n = ROW_COUNT();" + EVENT_AND_END);
  /** Finite limit, one stripe: the unit from stripe 0, then the link and its event. */
  private static final NamedSql TAKE_FROM_STRIPE_0_AND_INSERT = NamedSql.of(BEGIN
      + "UPDATE al_quota_stripe SET used = used + 1 WHERE " + COUNTER_KEY + " AND stripe = 0 AND " + ROOM + ";"
      + " SET n = ROW_COUNT();" + INSERT_AND_END);
  /**
   * Finite limit, several stripes: {@link QuotaStripes#takeUnit}'s steps, the unit from a stripe
   * with room that no one holds, else from a random stripe with room of the statement's snapshot
   * (waiting for its lock; the update re-checks the room), then the link and its event.
   */
  private static final NamedSql TAKE_FROM_CHOSEN_STRIPE_AND_INSERT = NamedSql.of(BEGIN
      + "SELECT stripe INTO s FROM al_quota_stripe WHERE " + COUNTER_KEY + " AND " + ROOM
      + " ORDER BY stripe LIMIT 1 FOR UPDATE SKIP LOCKED;"
      + " IF s IS NULL THEN SELECT stripe INTO s FROM al_quota_stripe WHERE " + COUNTER_KEY + " AND " + ROOM
      + " ORDER BY RAND() LIMIT 1; END IF;"
      + " IF s IS NOT NULL THEN UPDATE al_quota_stripe SET used = used + 1 WHERE " + COUNTER_KEY
      + " AND stripe = s AND " + ROOM + "; SET n = ROW_COUNT(); END IF;" + INSERT_AND_END);

  /**
   * The fast path as a call of the stored procedure {@code al_insert_link} (schema version 12, MariaDB
   * only, see {@link JdbcAccessLinkPersistence#MARIADB_MIGRATION_LOCATION}): the steps of the
   * compound statements above, whose compiled body the server keeps per connection, so each create
   * sends and parses one short {@code CALL}. {@code :take} says which of the three forms it runs; it
   * raises {@link #NO_FAST_PATH} when it wrote nothing.
   */
  private static final NamedSql CALL_INSERT_LINK = NamedSql.of("CALL al_insert_link(:take, :id, :organization,"
      + " :channel, :quotaMonth, :limit, :recipientName, :recipientAddress, :groupId, :validFrom, :validUntil,"
      + " :issuedBy, :createdAt, :secretHash, :deliveryStatus, :attempts, :lastAttemptAt, :lastError,"
      + " :nextAttemptAt, :claimToken, :leaseUntil, :revokedAt, :revocationReason, :revokedBy, :lastUsedAt,"
      + " :maxUses, :activeMinutes, :scheduleSlots, :externalRef, :issuerName, :linkLanguage, :eId, :eOrganization,"
      + " :eAt, :eType, :eKind, :eName, :eLink, :eDoor, :eDetail)");
  /**
   * What {@code al_insert_link} raises when it wrote nothing and the slow path must decide (no result
   * set: one to say so cost more server CPU than any other of the call's extras).
   */
  private static final String NO_FAST_PATH = "45AL0";
  /** MariaDB's errors for a procedure that does not exist (1305) or that the user may not run (1370). */
  private static final int NO_SUCH_ROUTINE = 1305;
  private static final int ROUTINE_DENIED = 1370;
  /**
   * The unlocks' background bookkeeping as a call of the stored procedure {@code al_record_uses}
   * (schema version 13, MariaDB only): last uses, events and settled intents as three JSON arrays.
   */
  private static final String CALL_RECORD_USES = "CALL al_record_uses(?, ?, ?)";
  private static final JsonFactory JSON = new JsonFactory();
  /** Where MariaDB's own scripts are (version 12 and 13: the procedures). */
  private static final List<String> MARIADB_LOCATIONS =
      List.of(JdbcAccessLinkPersistence.MIGRATION_LOCATION, JdbcAccessLinkPersistence.MARIADB_MIGRATION_LOCATION);

  /** True on MariaDB, whose compound statements ({@code BEGIN NOT ATOMIC}) MySQL does not have. */
  private final boolean compoundStatements;
  /**
   * False once a call found no procedure {@code al_insert_link} it may run (a schema migrated without
   * MariaDB's own location, or a user without {@code EXECUTE} on it): the creates then send the
   * compound statement, which writes the same rows.
   */
  private volatile boolean routine = true;
  /** Like {@link #routine}, for {@code al_record_uses}: false sends the bookkeeping as a transaction. */
  private volatile boolean recordUsesRoutine = true;

  MariaDbDialect(boolean compoundStatements) {
    super("ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY");
    this.compoundStatements = compoundStatements;
  }

  /** The shared scripts, then MariaDB's own (MySQL: the shared ones only). */
  @Override
  List<String> migrationLocations() {
    return compoundStatements ? MARIADB_LOCATIONS : super.migrationLocations();
  }

  /** A schema just migrated has the procedures: the creates and the bookkeeping try them again. */
  @Override
  void afterMigration() {
    routine = true;
    recordUsesRoutine = true;
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

  /**
   * On MariaDB, one statement in auto-commit: the same steps as {@code inTransaction} (the unit, the
   * link, its event) in one transaction that the statement opens and commits, so one round trip and
   * one redo log flush instead of seven round trips (auto-commit off, isolation, lock or unit, link,
   * event, commit, auto-commit on). That statement is a {@code CALL} of the procedure {@code
   * al_insert_link} (schema version 12); where there is none the caller may run, the compound
   * statement with the same steps, whose text the server parses and compiles with every create
   * (about a third more server CPU and twice the JVM CPU of the call's, measured with {@code
   * MariaDbProfile} in the benchmarks; figure 9 of docs/performance.md). Plain JDBC, no Jdbi
   * handle (see {@link NamedSql}). Elsewhere (MySQL) the transaction of plain statements.
   */
  @Override
  boolean insertFast(Database db, NewAccessLink n, int stripes, HandleCallback<Boolean, SQLException> inTransaction) {
    if (!compoundStatements) {
      return super.insertFast(db, n, stripes, inTransaction);
    }
    boolean unlimited = n.quota().limit() == QuotaLimits.UNLIMITED;
    NamedSql.Params params = LinkRows.insertParams(n).integer("take", unlimited ? 0 : stripes == 1 ? 1 : 2);
    NamedSql compound = unlimited
        ? SHARE_UNKEPT_AND_INSERT
        : stripes == 1 ? TAKE_FROM_STRIPE_0_AND_INSERT : TAKE_FROM_CHOSEN_STRIPE_AND_INSERT;
    return db.plainAutoCommit("insert link", c -> {
      if (routine) {
        try {
          CALL_INSERT_LINK.update(c, params);
          return true;
        } catch (SQLException e) {
          if (NO_FAST_PATH.equals(e.getSQLState())) {
            return false; // rolled back: nothing written
          }
          if (!routineUnavailable(e)) {
            throw e;
          }
          routine = false; // nothing was written: the call did not start
        }
      }
      return compound.selectInt(c, params) == 1;
    });
  }

  /**
   * On MariaDB, one {@code CALL al_record_uses(...)} in auto-commit (schema version 13): the uses,
   * events and settled intents as three JSON arrays, which the procedure reads with {@code
   * JSON_TABLE} and writes in one transaction with one commit, instead of the client-side
   * transaction of batched statements (auto-commit off, isolation, one {@code UPDATE} per link, the
   * events, one {@code DELETE} per intent, {@code COMMIT}, auto-commit on). False, nothing written,
   * where there is no such procedure the caller may run (or on MySQL): the caller sends that
   * transaction instead.
   */
  @Override
  boolean recordUsesInOneStatement(Database db, String what, java.util.SortedMap<String, Long> latest,
      List<AccessEvent> events, List<String> settled) {
    if (!compoundStatements || !recordUsesRoutine) {
      return false;
    }
    String uses = json(g -> {
      for (var use : latest.entrySet()) {
        g.writeStartArray();
        g.writeString(use.getKey());
        g.writeNumber(use.getValue());
        g.writeEndArray();
      }
    });
    String appended = json(g -> {
      for (AccessEvent e : events) {
        writeEvent(g, e);
      }
    });
    String deleted = json(g -> {
      for (String id : settled) {
        g.writeString(id);
      }
    });
    return db.plainAutoCommit(what, c -> {
      try (java.sql.PreparedStatement p = c.prepareStatement(CALL_RECORD_USES)) {
        p.setString(1, uses);
        p.setString(2, appended);
        p.setString(3, deleted);
        p.execute();
        return true;
      } catch (SQLException e) {
        if (!routineUnavailable(e)) {
          throw e;
        }
        recordUsesRoutine = false; // nothing was written: the call did not start
        return false;
      }
    });
  }

  /** Whether a {@code CALL} failed because there is no such procedure the user may run: nothing was written. */
  private static boolean routineUnavailable(SQLException e) {
    return e.getErrorCode() == NO_SUCH_ROUTINE || e.getErrorCode() == ROUTINE_DENIED;
  }

  /** The elements of a JSON array. */
  @FunctionalInterface
  private interface JsonElements {
    void write(JsonGenerator g) throws IOException;
  }

  /** One JSON array, its elements written by {@code elements}. */
  private static String json(JsonElements elements) {
    java.io.StringWriter out = new java.io.StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      elements.write(g);
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /** An event's columns as an array, in {@link JdbcAccessEvents#COLUMNS} order. */
  private static void writeEvent(JsonGenerator g, AccessEvent e) throws IOException {
    g.writeStartArray();
    for (Object value : JdbcAccessEvents.columnValues(e)) {
      if (value instanceof Long micros) {
        g.writeNumber(micros);
      } else {
        g.writeString((String) value);
      }
    }
    g.writeEndArray();
  }
}
