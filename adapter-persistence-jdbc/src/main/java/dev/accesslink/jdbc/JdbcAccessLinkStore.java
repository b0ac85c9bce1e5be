package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.instant;
import static dev.accesslink.jdbc.Database.instantOrNull;
import static dev.accesslink.jdbc.Database.micros;
import static dev.accesslink.jdbc.Database.microsOrNull;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryState;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.LinkFilter;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.QuotaKind;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.RevocationReason;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.DeliveryCompletion;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.LinkQuery;
import dev.accesslink.core.port.out.store.LinkUse;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.RevokeOutcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * {@link LinkRecords}, {@link DeliveryOutbox} and {@link UseLog} on one table of links ({@code al_link}, which also holds the delivery
 * outbox) and one of quota counter stripes ({@code al_quota_stripe}); the audit events of its
 * hot-path writes go to {@code al_event} in the same statement or transaction.
 *
 * <p><b>Quotas.</b> Every link holds one unit of its counter ({@code quota_held = 1}) from its
 * insert until the unit is given back. A counter is spread over stripes, rows {@code (organization,
 * channel, quota_month, stripe)} with {@code used}, {@code cap} and {@code cap_limit} (the limit
 * the caps were computed for). It is either <em>kept</em> (every stripe {@code used >= 0}: the sum
 * of {@code used} equals the number of links holding a unit, because both change in the same
 * transaction) or <em>not kept</em> ({@link #NOT_KEPT} on stripe 0, and then on every stripe: the
 * key's inserts are unlimited and skip it).
 *
 * <ul>
 *   <li><b>Fast path.</b> An insert under the finite limit {@code L} takes one unit from one
 *       stripe with {@code UPDATE ... SET used = used + 1 WHERE ... AND stripe = :s AND used >= 0 AND
 *       used < cap AND cap_limit = :L}; the stripe is one with room that no one else holds ({@code
 *       FOR UPDATE SKIP LOCKED}), else a random one with room, whose lock it waits for (the database
 *       re-checks the condition after the wait). Concurrent inserts thus mostly write different
 *       rows.
 *   <li><b>Slow path.</b> When the fast path took nothing, one transaction creates the missing
 *       stripes (race-free), locks <em>every</em> stripe of the counter in stripe order (no
 *       deadlock between slow paths), rebuilds a counter that is not kept from the links, reclaims
 *       ended windows (live-links quotas), and then refuses with the exact total, or takes the
 *       unit; either way it rebalances: {@code used} is spread over the stripes and, when the total
 *       {@code T} is at most {@code L}, the free units {@code L - T} too, so that {@code cap_i >=
 *       used_i}, {@code sum(cap_i) = L} and {@code cap_limit = L} on every stripe; when {@code T >
 *       L} (a lowered limit), every cap is 0.
 * </ul>
 *
 * <p><b>Why that is exact.</b> Caps change only in the slow path, with all stripes locked, and on
 * all stripes at once. So for each counter, at every moment: either all caps are 0, or {@code
 * sum(max(used_i, cap_i)) <= cap_limit} (*). The rebalance establishes (*); a fast-path unit needs
 * {@code used_i < cap_i}, so it leaves {@code max(used_i, cap_i)} unchanged; a release lowers a
 * {@code used_i}, which never raises it. A fast-path unit under limit {@code L} is taken only from
 * a stripe whose {@code cap_limit = L} and {@code cap_i > used_i >= 0}, so the caps are not all 0,
 * and by (*) the total after it is {@code sum(used_i) <= sum(max(used_i, cap_i)) <= L}. Lowering a
 * limit is seen as a {@code cap_limit} mismatch and sends the insert to the slow path, whose
 * decision is taken on the exact total under all the locks; raising one likewise, and the
 * rebalance makes the new units usable at once. A row created by the slow path's race-free insert
 * has {@code cap = 0} and {@code used = NOT_KEPT}, so it admits nothing before a rebalance covers
 * it. Application instances configured with different numbers of stripes only differ in how many
 * rows they create; every lock-all covers every row that exists.
 *
 * <p><b>Unlimited quotas</b> take a shared lock on stripe 0 of a counter that is not kept, so they
 * do not queue behind each other but a rebuild (which locks every stripe exclusively, then counts)
 * waits for them; they mark a kept counter not kept (every stripe, under all the locks). <b>A
 * release</b> (revoke, failed delivery) lowers a stripe with {@code used > 0}, taken with {@code
 * SKIP LOCKED} or else under the lock of every stripe, and always holds a lock on a stripe until
 * it commits, so a rebuild waits for it too. A live-links unit of a link whose window has ended is
 * given back only when a slow path reclaims it. {@link #quotaUsed} is exact at its instant (the sum
 * of the stripes in one statement, or a count while not kept). Thread-safe.
 */
final class JdbcAccessLinkStore implements LinkRecords, DeliveryOutbox, UseLog {
  private static final String LINK_COLUMNS =
      "id, organization, channel, recipient_name, recipient_address, group_id, valid_from, valid_until,"
          + " issued_by, created_at, delivery_status, attempts, last_attempt_at, last_error,"
          + " revoked_at, revocation_reason, revoked_by, last_used_at";
  private static final String INSERT_COLUMNS =
      "id, organization, channel, recipient_name, recipient_address, group_id, valid_from, valid_until,"
          + " issued_by, created_at, secret_hash, quota_month, quota_held, delivery_status, attempts,"
          + " last_attempt_at, last_error, next_attempt_at, claim_token, lease_until, revoked_at,"
          + " revocation_reason, revoked_by, last_used_at";
  private static final String INSERT_VALUES =
      ":id, :organization, :channel, :recipientName, :recipientAddress, :groupId, :validFrom,"
          + " :validUntil, :issuedBy, :createdAt, :secretHash, :quotaMonth, 1, :deliveryStatus,"
          + " :attempts, :lastAttemptAt, :lastError, :nextAttemptAt, :claimToken, :leaseUntil,"
          + " :revokedAt, :revocationReason, :revokedBy, :lastUsedAt";
  private static final String COUNTER_KEY =
      "organization = :organization AND channel = :channel AND quota_month = :quotaMonth";
  /**
   * The value of {@code al_quota_stripe.used} that means "not kept": the key's inserts are
   * unlimited and do not count; the counter is rebuilt from the links when a finite limit needs it.
   */
  static final long NOT_KEPT = -1;
  /** The {@code cap_limit} of a stripe whose caps were computed for no limit (new, migrated, not kept). */
  private static final long NO_LIMIT = -1;
  /** A stripe the fast path may take a unit from under the limit {@code :limit}. */
  private static final String ROOM = "used >= 0 AND used < cap AND cap_limit = :limit";
  private static final String TAKE_FROM_STRIPE =
      "UPDATE al_quota_stripe SET used = used + 1 WHERE " + COUNTER_KEY + " AND stripe = :stripe AND " + ROOM;
  /** A stripe with room that no other transaction holds, locked (PostgreSQL, MariaDB). */
  private static final String PICK_FREE_STRIPE =
      "SELECT stripe FROM al_quota_stripe WHERE " + COUNTER_KEY + " AND " + ROOM
          + " ORDER BY stripe LIMIT 1 FOR UPDATE SKIP LOCKED";
  /** The stripes with room as the statement's snapshot sees them, not locked. */
  private static final String STRIPES_WITH_ROOM =
      "SELECT stripe FROM al_quota_stripe WHERE " + COUNTER_KEY + " AND " + ROOM;
  private static final String INSERT_LINK = "INSERT INTO al_link (" + INSERT_COLUMNS + ") VALUES (" + INSERT_VALUES + ")";
  /**
   * PostgreSQL, unlimited quota: the link and its event in one statement, under a shared lock on
   * stripe 0 of a counter that is not kept (shared locks do not wait for each other; they exclude
   * a rebuild).
   */
  private static final String SHARE_UNKEPT_AND_INSERT =
      "WITH c AS (SELECT 1 AS one FROM al_quota_stripe WHERE " + COUNTER_KEY + " AND stripe = 0 AND used < 0 FOR SHARE),"
          + " l AS (INSERT INTO al_link (" + INSERT_COLUMNS + ") SELECT " + INSERT_VALUES + " FROM c RETURNING id)"
          + " INSERT INTO al_event (" + JdbcAccessEvents.COLUMNS + ") SELECT " + JdbcAccessEvents.VALUES + " FROM l";
  private static final String HELD_UNITS =
      "SELECT COUNT(*) FROM al_link WHERE " + COUNTER_KEY + " AND quota_held = 1";
  private static final String SET_LAST_USE =
      "UPDATE al_link SET last_used_at = :at WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)";
  /** PostgreSQL: the last use and the DOOR_UNLOCKED event in one statement. */
  private static final String SET_LAST_USE_AND_APPEND = "WITH u AS (" + SET_LAST_USE + ") " + JdbcAccessEvents.INSERT;
  private static final String FIND_BY_SECRET_HASH = "SELECT " + LINK_COLUMNS + " FROM al_link WHERE secret_hash = ?";
  private static final String DUE =
      "delivery_status = 'PENDING' AND next_attempt_at <= :now"
          + " AND (lease_until IS NULL OR lease_until <= :now)";

  private final Database db;
  private final int stripes;
  /**
   * PostgreSQL: the quota unit, the link and its LINK_SENT event in one statement, so one round
   * trip; each step feeds the next, so it inserts all or nothing (returns 1 or 0 rows). The unit
   * comes from a stripe with room that no one holds, else from a random stripe with room (waiting
   * for its lock); with one stripe, from stripe 0 as before striping.
   */
  private final String takeUnitAndInsert;

  JdbcAccessLinkStore(Database db, int stripes) {
    this.db = db;
    this.stripes = stripes;
    // The stripe is chosen once, in a CTE of its own, and joined: were it a subquery of the UPDATE's
    // WHERE, PostgreSQL would evaluate it again when it re-checks a row it had to wait for (EvalPlanQual),
    // choose another stripe, and update nothing (measured: 14 % of contended inserts fell through
    // to the slow path that way).
    String take = stripes == 1
        ? "q AS (UPDATE al_quota_stripe SET used = used + 1 WHERE " + COUNTER_KEY + " AND stripe = 0 AND " + ROOM
            + " RETURNING used),"
        : "s AS MATERIALIZED (SELECT COALESCE((" + PICK_FREE_STRIPE + "), (" + STRIPES_WITH_ROOM
            + " ORDER BY random() LIMIT 1)) AS chosen),"
            + " q AS (UPDATE al_quota_stripe SET used = used + 1 FROM s WHERE " + COUNTER_KEY
            + " AND stripe = s.chosen AND " + ROOM + " RETURNING used),";
    this.takeUnitAndInsert =
        "WITH " + take
            + " l AS (INSERT INTO al_link (" + INSERT_COLUMNS + ") SELECT " + INSERT_VALUES + " FROM q RETURNING id)"
            + " INSERT INTO al_event (" + JdbcAccessEvents.COLUMNS + ") SELECT " + JdbcAccessEvents.VALUES + " FROM l";
  }

  // ---------------------------------------------------------------- insert and quotas

  @Override
  public InsertOutcome insert(NewAccessLink n) {
    boolean unlimited = n.quota().limit() == QuotaLimits.UNLIMITED;
    if (db.dialect().hasDataModifyingCte()) {
      String sql = unlimited ? SHARE_UNKEPT_AND_INSERT : takeUnitAndInsert;
      int rows = db.autoCommit("insert link", h -> bindInsert(h.createUpdate(sql), n).execute());
      if (rows == 1) {
        return new InsertOutcome.Inserted();
      }
    }
    if (unlimited) {
      // PostgreSQL's statement above already tried the shared lock
      boolean tryShared = !db.dialect().hasDataModifyingCte();
      return db.transaction("insert link", h -> insertUnlimitedInTransaction(h, n, tryShared));
    }
    if (!db.dialect().hasDataModifyingCte()
        && db.transaction("insert link", h -> takeUnitAndInsertInTransaction(h, n))) {
      return new InsertOutcome.Inserted();
    }
    // The slow path is a transaction of its own, so that it starts with no stripe locked (the
    // fast path may have kept locks on full stripes it read, on MariaDB) and locks them in order.
    return db.transaction("insert link", h -> insertUnderEveryStripe(h, n));
  }

  /**
   * An insert under an unlimited quota: it takes no unit of the counter, so that the sends of an
   * organization without a limit do not queue on one row. The link still holds its unit ({@code
   * quota_held = 1}), and the counter is switched to {@link #NOT_KEPT} in the same transaction if it
   * was kept; the insert holds a shared lock on stripe 0 until it commits, so a rebuild (which
   * locks every stripe exclusively, then counts) either waits for it and counts its link, or runs
   * before it, and then this insert finds the counter kept and switches it off again.
   */
  private InsertOutcome insertUnlimitedInTransaction(Handle h, NewAccessLink n, boolean tryShared) {
    QuotaKey key = n.quota().key();
    // The common case: a counter that is not kept, stripe 0 locked shared. Only a row that is not
    // kept is locked (a kept one is not selected, and so not locked), so no shared lock is ever
    // upgraded: two upgrades would deadlock each other. Stripe 0 not kept means every stripe is
    // not kept: stripe 0 always exists when others do, and it is set together with all of them.
    boolean shared = tryShared && bindKey(h.createQuery(
            "SELECT used FROM al_quota_stripe WHERE " + COUNTER_KEY + " AND stripe = 0 AND used < 0"
                + db.dialect().shareLock()), key)
        .mapTo(Long.class)
        .findOne()
        .isPresent();
    // Otherwise the counter is absent or kept: rare (the key's first insert, or a limit was
    // lifted); decide with every stripe locked. An unlimited key needs no stripe but 0.
    if (!shared && lockEveryStripe(h, key, 1).stream().anyMatch(s -> s.used >= 0)) {
      bindKey(h.createUpdate("UPDATE al_quota_stripe SET used = " + NOT_KEPT + ", cap = 0, cap_limit = " + NO_LIMIT
          + " WHERE " + COUNTER_KEY), key).execute();
    }
    insertLinkAndEvent(h, n);
    return new InsertOutcome.Inserted();
  }

  /**
   * The fast path as a transaction (MariaDB, H2): one unit from one stripe, then the link and its
   * event; false, with nothing written, when no stripe gave a unit.
   */
  private boolean takeUnitAndInsertInTransaction(Handle h, NewAccessLink n) {
    QuotaKey key = n.quota().key();
    long limit = n.quota().limit();
    Integer stripe = null;
    if (stripes == 1) {
      stripe = 0;
    } else {
      if (db.dialect().hasSkipLocked()) {
        stripe = bindKey(h.createQuery(PICK_FREE_STRIPE), key).bind("limit", limit).mapTo(Integer.class)
            .findOne().orElse(null);
      }
      if (stripe == null) {
        List<Integer> withRoom = bindKey(h.createQuery(STRIPES_WITH_ROOM), key).bind("limit", limit)
            .mapTo(Integer.class).list();
        if (withRoom.isEmpty()) {
          return false;
        }
        stripe = withRoom.get(ThreadLocalRandom.current().nextInt(withRoom.size()));
      }
    }
    int taken = bindKey(h.createUpdate(TAKE_FROM_STRIPE), key).bind("limit", limit).bind("stripe", stripe).execute();
    if (taken != 1) {
      return false;
    }
    insertLinkAndEvent(h, n);
    return true;
  }

  /**
   * The slow path: the decision is taken with every stripe of the counter locked, reading them in
   * a new statement. Under READ COMMITTED the fast path may have run on a snapshot taken before a
   * concurrent first insert committed the stripes: it then took nothing although there are free
   * units, so "took nothing" alone never means "exhausted".
   */
  private InsertOutcome insertUnderEveryStripe(Handle h, NewAccessLink n) {
    QuotaKey key = n.quota().key();
    long limit = n.quota().limit();
    List<Stripe> all = lockEveryStripe(h, key, stripes);
    long used;
    if (all.stream().allMatch(s -> s.used >= 0)) {
      used = all.stream().mapToLong(s -> s.used).sum();
    } else {
      // not kept (unlimited until now, or a stripe just created): rebuild it. With every stripe
      // locked no insert or release of this key is in flight (each holds a lock on a stripe), and
      // this statement's snapshot is newer than the locks, so it sees every committed unit.
      used = bindKey(h.createQuery(HELD_UNITS), key).mapTo(Long.class).one();
    }
    if (used >= limit && key.kind() == QuotaKind.LIVE_LINKS) {
      used -= reclaimEndedWindows(h, key, n.quota().now());
    }
    if (used >= limit) {
      writeStripes(h, key, all, rebalance(all, used, limit));
      return new InsertOutcome.QuotaExhausted(used, limit);
    }
    writeStripes(h, key, all, rebalance(all, used + 1, limit));
    insertLinkAndEvent(h, n);
    return new InsertOutcome.Inserted();
  }

  /** One stripe of a quota counter. */
  record Stripe(int stripe, long used, long cap, long capLimit) {}

  /**
   * The stripes of a counter holding {@code total} units under {@code limit}, numbered as {@code
   * current}: the units spread evenly, and the free units too when {@code total <= limit} (so
   * {@code cap_i >= used_i} and the caps add up to {@code limit}); every cap 0 when {@code total >
   * limit}, so that no unit is taken before the slow path sees the total under the limit.
   */
  static List<Stripe> rebalance(List<Stripe> current, long total, long limit) {
    int n = current.size();
    long free = total <= limit ? limit - total : -1;
    List<Stripe> next = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long used = total / n + (i < total % n ? 1 : 0);
      long cap = free < 0 ? 0 : used + free / n + (i < free % n ? 1 : 0);
      next.add(new Stripe(current.get(i).stripe, used, cap, limit));
    }
    return next;
  }

  private static void writeStripes(Handle h, QuotaKey key, List<Stripe> current, List<Stripe> next) {
    PreparedBatch batch = h.prepareBatch("UPDATE al_quota_stripe SET used = :used, cap = :cap, cap_limit = :capLimit"
        + " WHERE " + COUNTER_KEY + " AND stripe = :stripe");
    for (int i = 0; i < next.size(); i++) {
      Stripe s = next.get(i);
      if (!s.equals(current.get(i))) {
        bindKey(batch, key).bind("used", s.used).bind("cap", s.cap).bind("capLimit", s.capLimit)
            .bind("stripe", s.stripe).add();
      }
    }
    if (batch.size() > 0) {
      batch.execute();
    }
  }

  /**
   * Locks every stripe of {@code key} exclusively, in stripe order, for the rest of the
   * transaction, creating stripes {@code 0 .. create - 1} first where they do not exist yet, and
   * returns them in stripe order. Every statement after the lock sees the stripes as the last
   * committed writer left them, and no other writer can change them. Rows another transaction
   * creates and has not committed are not locked, but they hold no unit and admit none ({@code cap
   * = 0}), and that transaction cannot commit before this one (it waits for stripe 0).
   */
  private List<Stripe> lockEveryStripe(Handle h, QuotaKey key, int create) {
    List<Integer> existing = bindKey(h.createQuery("SELECT stripe FROM al_quota_stripe WHERE " + COUNTER_KEY), key)
        .mapTo(Integer.class)
        .list();
    for (int stripe = 0; stripe < create; stripe++) {
      if (!existing.contains(stripe)) {
        insertStripeIfAbsent(h, key, stripe);
      }
    }
    List<Stripe> all = selectStripesForUpdate(h, key);
    if (all.isEmpty()) {
      throw new IllegalStateException("quota counter stripes missing after their creation");
    }
    return all;
  }

  private static List<Stripe> selectStripesForUpdate(Handle h, QuotaKey key) {
    return lockStripes(() -> bindKey(h.createQuery("SELECT stripe, used, cap, cap_limit FROM al_quota_stripe WHERE "
        + COUNTER_KEY + " ORDER BY stripe FOR UPDATE"), key));
  }

  /**
   * Runs the locking select of every stripe until it returns no new row, and returns the last
   * result. One run is not enough under READ COMMITTED: its snapshot is taken before it waits for
   * the locks, so stripes that another slow path created, filled and committed while this one
   * waited would be missed (PostgreSQL returns only the rows of the snapshot, in their newest
   * version), and with them their units. Once stripe 0 is held no new stripe can be committed
   * (only a slow path creates stripes other than 0, and it locks stripe 0 before it commits), so
   * the second run, whose snapshot is newer than the lock, sees every stripe.
   */
  private static List<Stripe> lockStripes(Supplier<Query> lockEvery) {
    List<Stripe> all = stripes(lockEvery.get());
    while (true) {
      List<Stripe> again = stripes(lockEvery.get());
      if (again.size() == all.size()) {
        return again;
      }
      all = again;
    }
  }

  private static List<Stripe> stripes(Query q) {
    return q.map((rs, ctx) -> new Stripe(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).list();
  }

  /**
   * Creates a stripe, not kept and with no room, unless it exists; race-free: a concurrent
   * creator's row wins (the statement waits for it and then does nothing). The slow path's
   * rebuild and rebalance then give it its value and its cap.
   */
  private void insertStripeIfAbsent(Handle h, QuotaKey key, int stripe) {
    String values = " (organization, channel, quota_month, stripe, used, cap, cap_limit)"
        + " VALUES (:organization, :channel, :quotaMonth, :stripe, " + NOT_KEPT + ", 0, " + NO_LIMIT + ")";
    switch (db.dialect()) {
      case POSTGRESQL -> bindKey(h.createUpdate("INSERT INTO al_quota_stripe" + values + " ON CONFLICT DO NOTHING"), key)
          .bind("stripe", stripe)
          .execute();
      case MARIADB -> bindKey(h.createUpdate("INSERT IGNORE INTO al_quota_stripe" + values), key)
          .bind("stripe", stripe)
          .execute();
      case H2 -> {
        try {
          bindKey(h.createUpdate("INSERT INTO al_quota_stripe" + values), key).bind("stripe", stripe).execute();
        } catch (RuntimeException e) {
          if (!db.isDuplicateKey(e)) {
            throw e; // H2 undoes only the failed statement: the transaction goes on
          }
        }
      }
      default -> throw new AssertionError(db.dialect());
    }
  }

  private static void insertLinkAndEvent(Handle h, NewAccessLink n) {
    bindInsert(h.createUpdate(INSERT_LINK), n).execute();
    JdbcAccessEvents.bindEvent(h.createUpdate(JdbcAccessEvents.INSERT), n.event()).execute();
  }

  /**
   * Gives back the units of links whose window ended at {@code now}: clears their flag and returns
   * how many rows this transaction changed; the caller, which holds every stripe, lowers the
   * counter by as many. A concurrent reclaim waits on the same rows and then finds their flag
   * cleared, so no unit is given back twice.
   */
  private static int reclaimEndedWindows(Handle h, QuotaKey key, Instant now) {
    return h.createUpdate(
            "UPDATE al_link SET quota_held = 0 WHERE organization = :organization AND channel = :channel"
                + " AND quota_held = 1 AND valid_until <= :now")
        .bind("organization", key.organization().value())
        .bind("channel", key.channel().name())
        .bind("now", micros(now))
        .execute();
  }

  /**
   * Gives one unit back to its counter: lowers a stripe with {@code used > 0}. Always locks (at
   * least) one stripe until the transaction ends, also when the counter is not kept: a rebuild
   * must wait for this transaction, whose cleared {@code quota_held} flag it has to see.
   */
  private void releaseUnit(Handle h, String organization, String channel, int quotaMonth) {
    Map<String, Object> key = Map.of("organization", organization, "channel", channel, "quotaMonth", quotaMonth);
    String lower = "UPDATE al_quota_stripe SET used = used - 1 WHERE " + COUNTER_KEY + " AND stripe = :stripe";
    if (db.dialect().hasSkipLocked()) {
      Optional<Integer> free = h.createQuery("SELECT stripe FROM al_quota_stripe WHERE " + COUNTER_KEY
              + " AND used > 0 ORDER BY stripe LIMIT 1 FOR UPDATE SKIP LOCKED")
          .bindMap(key).mapTo(Integer.class).findOne();
      if (free.isPresent()) {
        h.createUpdate(lower).bindMap(key).bind("stripe", free.get()).execute();
        return;
      }
    } else {
      List<Integer> withUnits = h.createQuery("SELECT stripe FROM al_quota_stripe WHERE " + COUNTER_KEY + " AND used > 0")
          .bindMap(key).mapTo(Integer.class).list();
      if (!withUnits.isEmpty()) {
        int stripe = withUnits.get(ThreadLocalRandom.current().nextInt(withUnits.size()));
        if (h.createUpdate(lower + " AND used > 0").bindMap(key).bind("stripe", stripe).execute() == 1) {
          return;
        }
      }
    }
    // Every stripe with units is held by someone else, or the counter is not kept: lock them all.
    List<Stripe> all = lockStripes(() -> h.createQuery("SELECT stripe, used, cap, cap_limit FROM al_quota_stripe WHERE "
        + COUNTER_KEY + " ORDER BY stripe FOR UPDATE").bindMap(key));
    if (all.stream().allMatch(s -> s.used >= 0)) {
      all.stream().filter(s -> s.used > 0).findFirst()
          .ifPresent(s -> h.createUpdate(lower).bindMap(key).bind("stripe", s.stripe).execute());
    }
    // not kept: nothing to lower; the locks are what a rebuild waits for
  }

  private static <S extends SqlStatement<S>> S bindKey(S statement, QuotaKey key) {
    return statement
        .bind("organization", key.organization().value())
        .bind("channel", key.channel().name())
        .bind("quotaMonth", quotaMonth(key.month()));
  }

  private static int quotaMonth(@Nullable YearMonth month) {
    return month == null ? 0 : month.getYear() * 100 + month.getMonthValue();
  }

  private static Update bindInsert(Update u, NewAccessLink n) {
    AccessLink link = n.link();
    DeliveryClaim claim = n.claim();
    DeliveryState delivery = link.delivery();
    Revocation revocation = link.revocation();
    SecretHash hash = n.secretHash();
    bindKey(u, n.quota().key()).bind("limit", n.quota().limit());
    JdbcAccessEvents.bindEvent(u, n.event());
    return u.bind("id", link.id().toString())
        .bind("recipientName", link.recipient().name())
        .bind("recipientAddress", link.recipient().address())
        .bind("groupId", link.group().value())
        .bind("validFrom", microsOrNull(link.window().validFrom()))
        .bind("validUntil", microsOrNull(link.window().validUntil()))
        .bind("issuedBy", link.issuedBy().value())
        .bind("createdAt", micros(link.createdAt()))
        .bind("secretHash", hash == null ? null : hash.toHex())
        .bind("deliveryStatus", delivery.status().name())
        // The initial claim is the first attempt, as claimDueDeliveries counts it.
        .bind("attempts", claim == null ? delivery.attempts() : Math.max(delivery.attempts(), claim.attempt()))
        .bind("lastAttemptAt", microsOrNull(delivery.lastAttemptAt()))
        .bind("lastError", delivery.lastError())
        .bind("nextAttemptAt", delivery.status() == DeliveryStatus.PENDING ? micros(link.createdAt()) : null)
        .bind("claimToken", claim == null ? null : claim.token().toString())
        .bind("leaseUntil", claim == null ? null : micros(claim.leaseUntil()))
        .bind("revokedAt", revocation == null ? null : micros(revocation.at()))
        .bind("revocationReason", revocation == null ? null : revocation.reason().name())
        .bind("revokedBy", revocation == null || revocation.revokedBy() == null ? null : revocation.revokedBy().value())
        .bind("lastUsedAt", microsOrNull(link.lastUsedAt()));
  }

  @Override
  public long quotaUsed(QuotaKey key, Instant now) {
    return db.autoCommit("read quota", h -> {
      if (key.kind() == QuotaKind.CREATED_PER_MONTH) {
        // one statement, so one snapshot of every stripe
        long[] minAndSum = bindKey(h.createQuery("SELECT COALESCE(MIN(used), 0), COALESCE(SUM(used), 0)"
                + " FROM al_quota_stripe WHERE " + COUNTER_KEY), key)
            .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
            .one();
        return minAndSum[0] >= 0
            ? minAndSum[1]
            : bindKey(h.createQuery(HELD_UNITS), key).mapTo(Long.class).one();
      }
      return h.createQuery(
              "SELECT COUNT(*) FROM al_link WHERE organization = :organization AND channel = :channel"
                  + " AND quota_held = 1 AND (valid_until IS NULL OR valid_until > :now)")
          .bind("organization", key.organization().value())
          .bind("channel", key.channel().name())
          .bind("now", micros(now))
          .mapTo(Long.class)
          .one();
    });
  }

  // ---------------------------------------------------------------- reads

  @Override
  public Optional<AccessLink> findById(OrganizationId organization, AccessLinkId id) {
    return db.autoCommit("find link", h -> h.createQuery(
            "SELECT " + LINK_COLUMNS + " FROM al_link WHERE id = :id AND organization = :organization")
        .bind("id", id.toString())
        .bind("organization", organization.value())
        .map((rs, ctx) -> link(rs))
        .findOne());
  }

  @Override
  public Optional<AccessLink> findBySecretHash(SecretHash hash) {
    // every unlock and every visitor page starts here: plain JDBC, no Jdbi handle (see Database)
    return db.plainAutoCommit("find link", c -> {
      try (PreparedStatement p = c.prepareStatement(FIND_BY_SECRET_HASH)) {
        p.setString(1, hash.toHex());
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(link(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<AccessLink> list(LinkQuery query) {
    LinkFilter filter = query.filter();
    StringBuilder sql = new StringBuilder("SELECT " + LINK_COLUMNS + " FROM al_link WHERE organization = :organization");
    if (query.before() != null) {
      sql.append(" AND id < :before");
    }
    if (filter.channel() != null) {
      sql.append(" AND channel = :channel");
    }
    if (filter.group() != null) {
      sql.append(" AND group_id = :groupId");
    }
    if (!filter.includeRevoked()) {
      sql.append(" AND revoked_at IS NULL");
    }
    sql.append(" ORDER BY id DESC LIMIT :limit");
    return db.autoCommit("list links", h -> {
      var q = h.createQuery(sql.toString())
          .bind("organization", query.organization().value())
          .bind("limit", query.limit());
      if (query.before() != null) {
        q.bind("before", query.before().toString());
      }
      if (filter.channel() != null) {
        q.bind("channel", filter.channel().name());
      }
      if (filter.group() != null) {
        q.bind("groupId", filter.group().value());
      }
      return q.map((rs, ctx) -> link(rs)).list();
    });
  }

  // ---------------------------------------------------------------- revoke, use

  @Override
  public RevokeOutcome revoke(OrganizationId organization, AccessLinkId id, Revocation revocation) {
    return db.transaction("revoke link", h -> {
      Optional<Locked> found = h.createQuery(
              "SELECT " + LINK_COLUMNS + ", quota_held, quota_month FROM al_link"
                  + " WHERE id = :id AND organization = :organization FOR UPDATE")
          .bind("id", id.toString())
          .bind("organization", organization.value())
          .map((rs, ctx) -> new Locked(link(rs), rs.getInt("quota_held") == 1, rs.getInt("quota_month")))
          .findOne();
      if (found.isEmpty()) {
        return new RevokeOutcome.NotFound();
      }
      Locked row = found.get();
      if (row.link.isRevoked()) {
        return new RevokeOutcome.AlreadyRevoked(row.link);
      }
      boolean release = row.quotaHeld && row.link.channel().quotaKind() == QuotaKind.LIVE_LINKS;
      setRevoked(h, id, revocation, release);
      if (release) {
        releaseUnit(h, organization.value(), row.link.channel().name(), row.quotaMonth);
      }
      return new RevokeOutcome.Revoked(row.link.revoked(revocation));
    });
  }

  private record Locked(AccessLink link, boolean quotaHeld, int quotaMonth) {}

  private static void setRevoked(Handle h, AccessLinkId id, Revocation revocation, boolean releaseUnit) {
    h.createUpdate(
            "UPDATE al_link SET revoked_at = :at, revocation_reason = :reason, revoked_by = :by"
                + (releaseUnit ? ", quota_held = 0" : "")
                + " WHERE id = :id")
        .bind("at", micros(revocation.at()))
        .bind("reason", revocation.reason().name())
        .bind("by", revocation.revokedBy() == null ? null : revocation.revokedBy().value())
        .bind("id", id.toString())
        .execute();
  }

  /**
   * Moves each link's last use forward (never back: uses may be recorded out of order) and appends
   * the unlocks' events, also for unknown ids. One use: one statement on PostgreSQL, one
   * transaction elsewhere. Several: one transaction of two batched statements, so one commit (one
   * WAL flush) for all of them; the links' rows are written in id order, so that two writers never
   * wait for each other in a cycle.
   */
  @Override
  public void recordUses(List<LinkUse> uses) {
    if (uses.isEmpty()) {
      throw new IllegalArgumentException("no uses to record");
    }
    if (uses.size() == 1) {
      recordUse(uses.get(0));
      return;
    }
    Map<String, Instant> latest = new TreeMap<>();
    for (LinkUse use : uses) {
      latest.merge(use.link().toString(), use.at(), (a, b) -> a.isAfter(b) ? a : b);
    }
    db.transaction("record link uses", h -> {
      PreparedBatch setUse = h.prepareBatch(SET_LAST_USE);
      latest.forEach((id, at) -> setUse.bind("at", micros(at)).bind("id", id).add());
      setUse.execute();
      PreparedBatch append = h.prepareBatch(JdbcAccessEvents.INSERT);
      for (LinkUse use : uses) {
        JdbcAccessEvents.bindEvent(append, use.event()).add();
      }
      return append.execute();
    });
  }

  private void recordUse(LinkUse use) {
    if (db.dialect().hasDataModifyingCte()) {
      db.autoCommit("record link use", h -> JdbcAccessEvents.bindEvent(
              bindUse(h.createUpdate(SET_LAST_USE_AND_APPEND), use.link(), use.at()), use.event())
          .execute());
      return;
    }
    db.transaction("record link use", h -> {
      bindUse(h.createUpdate(SET_LAST_USE), use.link(), use.at()).execute();
      return JdbcAccessEvents.bindEvent(h.createUpdate(JdbcAccessEvents.INSERT), use.event()).execute();
    });
  }

  private static Update bindUse(Update u, AccessLinkId id, Instant at) {
    return u.bind("at", micros(at)).bind("id", id.toString());
  }

  // ---------------------------------------------------------------- outbox

  @Override
  public List<DeliveryClaim> claimDueDeliveries(Instant now, Duration lease, int max) {
    if (max < 1) {
      return List.of();
    }
    Instant leaseUntil = now.plus(lease);
    if (db.dialect().hasSkipLocked()) {
      return db.transaction("claim deliveries", h -> claimSkippingLocked(h, now, leaseUntil, max));
    }
    return claimOneByOne(now, leaseUntil, max);
  }

  private record Candidate(String id, String organization, int attempts) {}

  /** PostgreSQL, MariaDB: lock due rows nobody else holds, then lease them, in one transaction. */
  private static List<DeliveryClaim> claimSkippingLocked(Handle h, Instant now, Instant leaseUntil, int max) {
    List<Candidate> due = h.createQuery(
            "SELECT id, organization, attempts FROM al_link WHERE " + DUE
                + " ORDER BY next_attempt_at, id LIMIT :max FOR UPDATE SKIP LOCKED")
        .bind("now", micros(now))
        .bind("max", max)
        .map((rs, ctx) -> new Candidate(rs.getString(1), rs.getString(2), rs.getInt(3)))
        .list();
    if (due.isEmpty()) {
      return List.of();
    }
    List<DeliveryClaim> claims = new ArrayList<>(due.size());
    PreparedBatch batch = h.prepareBatch(
        "UPDATE al_link SET attempts = :attempt, claim_token = :token, lease_until = :leaseUntil WHERE id = :id");
    for (Candidate c : due) {
      DeliveryClaim claim = new DeliveryClaim(AccessLinkId.parse(c.id), OrganizationId.of(c.organization),
          UUID.randomUUID(), c.attempts + 1, leaseUntil);
      batch.bind("attempt", claim.attempt())
          .bind("token", claim.token().toString())
          .bind("leaseUntil", micros(leaseUntil))
          .bind("id", c.id)
          .add();
      claims.add(claim);
    }
    batch.execute();
    return claims;
  }

  /**
   * H2 (no SKIP LOCKED): lease each candidate with a conditional update that repeats the "due"
   * test; the row lock makes a concurrent claimer re-check it and change nothing.
   */
  private List<DeliveryClaim> claimOneByOne(Instant now, Instant leaseUntil, int max) {
    List<String> candidates = db.autoCommit("find due deliveries", h -> h.createQuery(
            "SELECT id FROM al_link WHERE " + DUE + " ORDER BY next_attempt_at, id LIMIT :max")
        .bind("now", micros(now))
        .bind("max", max)
        .mapTo(String.class)
        .list());
    List<DeliveryClaim> claims = new ArrayList<>();
    for (String id : candidates) {
      UUID token = UUID.randomUUID();
      Optional<DeliveryClaim> claim = db.transaction("claim delivery", h -> {
        int changed = h.createUpdate(
                "UPDATE al_link SET attempts = attempts + 1, claim_token = :token, lease_until = :leaseUntil"
                    + " WHERE id = :id AND " + DUE)
            .bind("token", token.toString())
            .bind("leaseUntil", micros(leaseUntil))
            .bind("id", id)
            .bind("now", micros(now))
            .execute();
        if (changed != 1) {
          return Optional.<DeliveryClaim>empty();
        }
        return h.createQuery("SELECT organization, attempts FROM al_link WHERE id = :id")
            .bind("id", id)
            .map((rs, ctx) -> new DeliveryClaim(AccessLinkId.parse(id), OrganizationId.of(rs.getString(1)),
                token, rs.getInt(2), leaseUntil))
            .findOne();
      });
      claim.ifPresent(claims::add);
    }
    return claims;
  }

  @Override
  public boolean beginAttempt(DeliveryClaim claim, SecretHash newHash, Instant now) {
    return db.autoCommit("begin delivery attempt", h -> h.createUpdate(
                "UPDATE al_link SET secret_hash = :hash"
                    + " WHERE id = :id AND claim_token = :token AND lease_until > :now")
            .bind("hash", newHash.toHex())
            .bind("id", claim.link().toString())
            .bind("token", claim.token().toString())
            .bind("now", micros(now))
            .execute()) == 1;
  }

  @Override
  public boolean completeDelivery(DeliveryClaim claim, DeliveryCompletion completion) {
    if (completion instanceof DeliveryCompletion.Failed failed) {
      return db.transaction("fail delivery", h -> fail(h, claim, failed));
    }
    String status;
    Long next;
    String error;
    if (completion instanceof DeliveryCompletion.RetryLater retry) {
      status = DeliveryStatus.PENDING.name();
      next = micros(retry.nextAttemptAt());
      error = retry.reason();
    } else {
      status = DeliveryStatus.SENT.name();
      next = null;
      error = null;
    }
    return db.autoCommit("complete delivery", h -> h.createUpdate(
                "UPDATE al_link SET delivery_status = :status, last_attempt_at = :at, last_error = :error,"
                    + " next_attempt_at = :next, claim_token = NULL, lease_until = NULL"
                    + " WHERE id = :id AND claim_token = :token")
            .bind("status", status)
            .bind("at", micros(completion.at()))
            .bind("error", error)
            .bind("next", next)
            .bind("id", claim.link().toString())
            .bind("token", claim.token().toString())
            .execute()) == 1;
  }

  /** Marks the delivery FAILED, revokes the link (unless revoked already) and gives its unit back. */
  private boolean fail(Handle h, DeliveryClaim claim, DeliveryCompletion.Failed failed) {
    Optional<Locked> found = h.createQuery(
            "SELECT " + LINK_COLUMNS + ", quota_held, quota_month FROM al_link"
                + " WHERE id = :id AND claim_token = :token FOR UPDATE")
        .bind("id", claim.link().toString())
        .bind("token", claim.token().toString())
        .map((rs, ctx) -> new Locked(link(rs), rs.getInt("quota_held") == 1, rs.getInt("quota_month")))
        .findOne();
    if (found.isEmpty()) {
      return false;
    }
    Locked row = found.get();
    h.createUpdate(
            "UPDATE al_link SET delivery_status = 'FAILED', last_attempt_at = :at, last_error = :error,"
                + " next_attempt_at = NULL, claim_token = NULL, lease_until = NULL, quota_held = 0"
                + " WHERE id = :id")
        .bind("at", micros(failed.at()))
        .bind("error", failed.reason())
        .bind("id", claim.link().toString())
        .execute();
    if (!row.link.isRevoked()) {
      setRevoked(h, claim.link(), Revocation.deliveryFailed(failed.at()), false);
    }
    if (row.quotaHeld) {
      releaseUnit(h, row.link.organization().value(), row.link.channel().name(), row.quotaMonth);
    }
    return true;
  }

  // ---------------------------------------------------------------- mapping

  private static AccessLink link(ResultSet rs) throws SQLException {
    DeliveryChannel channel = DeliveryChannel.valueOf(rs.getString("channel"));
    Recipient recipient = new Recipient(rs.getString("recipient_name"), channel, rs.getString("recipient_address"));
    ValidityWindow window = new ValidityWindow(
        instantOrNull(nullableLong(rs, "valid_from")), instantOrNull(nullableLong(rs, "valid_until")));
    DeliveryState delivery = new DeliveryState(
        DeliveryStatus.valueOf(rs.getString("delivery_status")),
        rs.getInt("attempts"),
        instantOrNull(nullableLong(rs, "last_attempt_at")),
        rs.getString("last_error"));
    Long revokedAt = nullableLong(rs, "revoked_at");
    Revocation revocation = null;
    if (revokedAt != null) {
      String by = rs.getString("revoked_by");
      revocation = new Revocation(instant(revokedAt), RevocationReason.valueOf(rs.getString("revocation_reason")),
          by == null ? null : AdminId.of(by));
    }
    return new AccessLink(
        AccessLinkId.parse(rs.getString("id")),
        OrganizationId.of(rs.getString("organization")),
        recipient,
        GroupId.of(rs.getString("group_id")),
        window,
        AdminId.of(rs.getString("issued_by")),
        instant(rs.getLong("created_at")),
        delivery,
        revocation,
        instantOrNull(nullableLong(rs, "last_used_at")));
  }

  static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
