package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.micros;

import dev.accesslink.core.domain.QuotaKind;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.QuotaKey;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * The quota counters in {@code al_quota_stripe}: each counter is spread over rows ("stripes")
 * {@code (organization, channel, quota_month, stripe)} with {@code used}, {@code cap} and {@code
 * cap_limit} (the limit the caps were computed for). Every link holds one unit of its counter
 * ({@code quota_held = 1}) from its insert until the unit is given back. A counter is either
 * <em>kept</em> (every stripe {@code used >= 0}: the sum of {@code used} equals the number of links
 * holding a unit, because both change in the same transaction) or <em>not kept</em> ({@link
 * #NOT_KEPT} on stripe 0, and then on every stripe: the key's inserts are unlimited and skip it).
 * The methods run inside the caller's transaction, which also writes the link.
 *
 * <ul>
 *   <li><b>Fast path</b> ({@link #takeUnit}, or one statement on PostgreSQL, see {@link
 *       PostgreSqlDialect}): a unit under the finite limit {@code L} is taken from one stripe with
 *       {@code UPDATE ... SET used = used + 1 WHERE ... AND stripe = :s AND used >= 0 AND used < cap
 *       AND cap_limit = :L}; the stripe is one with room that no one else holds, else a random one
 *       with room, whose lock it waits for (the database re-checks the condition after the wait).
 *   <li><b>Slow path</b> ({@link #admitUnderEveryStripe}): when the fast path took nothing, one
 *       transaction creates the missing stripes (race-free), locks <em>every</em> stripe in stripe
 *       order (no deadlock between slow paths), rebuilds a counter that is not kept from the links,
 *       reclaims ended windows (live-links quotas), and then refuses with the exact total, or takes
 *       the unit; either way it rebalances: {@code used} is spread over the stripes and, when the
 *       total {@code T} is at most {@code L}, the free units {@code L - T} too, so that {@code cap_i
 *       >= used_i}, {@code sum(cap_i) = L} and {@code cap_limit = L} on every stripe; when {@code T
 *       > L} (a lowered limit), every cap is 0.
 * </ul>
 *
 * <p><b>Why that is exact.</b> Caps change only in the slow path, with all stripes locked, and on
 * all stripes at once. So for each counter, at every moment: either all caps are 0, or {@code
 * sum(max(used_i, cap_i)) <= cap_limit} (*). The rebalance establishes (*); a fast-path unit needs
 * {@code used_i < cap_i}, so it leaves {@code max(used_i, cap_i)} unchanged; a release lowers a
 * {@code used_i}, which never raises it. A fast-path unit under limit {@code L} is taken only from
 * a stripe whose {@code cap_limit = L} and {@code cap_i > used_i >= 0}, so the caps are not all 0,
 * and by (*) the total after it is {@code sum(used_i) <= sum(max(used_i, cap_i)) <= L}, across
 * processes, since the condition is re-checked under the stripe's row lock. Lowering a limit is
 * seen as a {@code cap_limit} mismatch and sends the insert to the slow path, whose decision is
 * taken on the exact total under all the locks (and which zeroes the caps while the total is over
 * the limit); raising one likewise, and the rebalance makes the new units usable at once. A
 * refusal is only ever answered by the slow path, so no insert is refused while a unit is free. A
 * row created by the slow path's race-free insert has {@code cap = 0} and {@code used = NOT_KEPT},
 * so it admits nothing before a rebalance covers it. Application instances configured with
 * different numbers of stripes only differ in how many rows they create; every lock-all covers
 * every row that exists.
 *
 * <p><b>Unlimited quotas</b> ({@link #shareIfNotKept}, {@link #stopKeeping}) take a shared lock on
 * one stripe of a counter that is not kept (on PostgreSQL one per thread, see {@link
 * #shareStripe}), so they do not queue behind each other but a rebuild (which locks every stripe
 * exclusively, then counts) waits for them; they mark a kept counter not
 * kept (every stripe, under all the locks). <b>A release</b> ({@link #releaseUnit}) lowers a stripe
 * with {@code used > 0} and always holds a lock on a stripe until it commits, so a rebuild waits
 * for it too. A live-links unit of a link whose window has ended is given back only when a slow
 * path reclaims it. Thread-safe.
 */
final class QuotaStripes {
  /**
   * The value of {@code al_quota_stripe.used} that means "not kept": the key's inserts are
   * unlimited and do not count; the counter is rebuilt from the links when a finite limit needs it.
   */
  static final long NOT_KEPT = -1;
  /** The {@code cap_limit} of a stripe whose caps were computed for no limit (new, migrated, not kept). */
  private static final long NO_LIMIT = -1;
  /** The rows of one counter, as {@link Counter#bind} binds it. */
  static final String COUNTER_KEY =
      "organization = :organization AND channel = :channel AND quota_month = :quotaMonth";
  /** A stripe the fast path may take a unit from under the limit {@code :limit}. */
  static final String ROOM = "used >= 0 AND used < cap AND cap_limit = :limit";
  /** The stripes with room as the statement's snapshot sees them, not locked. */
  static final String STRIPES_WITH_ROOM = "SELECT stripe FROM al_quota_stripe WHERE " + COUNTER_KEY + " AND " + ROOM;
  private static final String STRIPES_WITH_UNITS =
      "SELECT stripe FROM al_quota_stripe WHERE " + COUNTER_KEY + " AND used > 0";
  private static final String TAKE_FROM_STRIPE =
      "UPDATE al_quota_stripe SET used = used + 1 WHERE " + COUNTER_KEY + " AND stripe = :stripe AND " + ROOM;
  private static final String LOWER_STRIPE =
      "UPDATE al_quota_stripe SET used = used - 1 WHERE " + COUNTER_KEY + " AND stripe = :stripe";
  private static final String LOCK_EVERY_STRIPE =
      "SELECT stripe, used, cap, cap_limit FROM al_quota_stripe WHERE " + COUNTER_KEY + " ORDER BY stripe FOR UPDATE";
  /** Units held by links, plus (SMS) the units of earlier deliveries of resent links, which stay spent. */
  private static final String HELD_UNITS =
      "SELECT (SELECT COUNT(*) FROM al_link WHERE " + COUNTER_KEY + " AND quota_held = 1)"
          + " + (SELECT COUNT(*) FROM al_quota_spent WHERE " + COUNTER_KEY + ")";

  private final Database db;
  private final int stripes;

  QuotaStripes(Database db, int stripes) {
    this.db = db;
    this.stripes = stripes;
  }

  /** How many stripes this instance creates per counter (instances sharing a database may differ). */
  int stripes() {
    return stripes;
  }

  /** The key of one counter as the table stores it; {@code quotaMonth} is 0 for a live-links quota. */
  record Counter(String organization, String channel, int quotaMonth) {
    static Counter of(QuotaKey key) {
      @Nullable YearMonth month = key.month();
      int quotaMonth = month == null ? 0 : month.getYear() * 100 + month.getMonthValue();
      return new Counter(key.organization().value(), key.channel().name(), quotaMonth);
    }

    /** Binds the names of {@link #COUNTER_KEY}. */
    <S extends SqlStatement<S>> S bind(S statement) {
      return statement.bind("organization", organization).bind("channel", channel).bind("quotaMonth", quotaMonth);
    }
  }

  /** Binds the names of {@link #COUNTER_KEY} to {@code key}'s counter. */
  static <S extends SqlStatement<S>> S bindKey(S statement, QuotaKey key) {
    return Counter.of(key).bind(statement);
  }

  // ---------------------------------------------------------------- finite limits

  /**
   * The fast path in the caller's transaction: takes one unit under {@code limit} from one stripe;
   * false, with nothing written, when no stripe gave one.
   */
  boolean takeUnit(Handle h, QuotaKey key, long limit) {
    Function<String, Query> withRoom = sql -> bindKey(h.createQuery(sql), key).bind("limit", limit);
    Dialect dialect = db.dialect();
    Optional<Integer> stripe = stripes == 1
        ? Optional.of(0)
        : dialect.pickRow(withRoom, STRIPES_WITH_ROOM, "stripe")
            .or(() -> dialect.rowToWaitFor(withRoom, STRIPES_WITH_ROOM));
    return stripe.isPresent()
        && bindKey(h.createUpdate(TAKE_FROM_STRIPE), key).bind("limit", limit).bind("stripe", stripe.get()).execute() == 1;
  }

  /**
   * The slow path, in a transaction of its own that starts with no stripe locked: decides with
   * every stripe of the counter locked, reading them in a new statement. Under READ COMMITTED the
   * fast path may have run on a snapshot taken before a concurrent first insert committed the
   * stripes: it then took nothing although there are free units, so "took nothing" alone never
   * means "exhausted".
   *
   * @return {@link InsertOutcome.Inserted} when the unit is taken (the caller inserts the link in
   *     this transaction), or the exact refusal
   */
  InsertOutcome admitUnderEveryStripe(Handle h, QuotaKey key, long limit, Instant now) {
    Counter counter = Counter.of(key);
    List<Stripe> all = createAndLockEveryStripe(h, counter, stripes);
    long used;
    if (all.stream().allMatch(s -> s.used >= 0)) {
      used = all.stream().mapToLong(s -> s.used).sum();
    } else {
      // not kept (unlimited until now, or a stripe just created): rebuild it. With every stripe
      // locked no insert or release of this key is in flight (each holds a lock on a stripe), and
      // this statement's snapshot is newer than the locks, so it sees every committed unit.
      used = counter.bind(h.createQuery(HELD_UNITS)).mapTo(Long.class).one();
    }
    if (used >= limit && key.kind() == QuotaKind.LIVE_LINKS) {
      used -= reclaimEndedWindows(h, key, now);
    }
    if (used >= limit) {
      writeStripes(h, counter, all, rebalance(all, used, limit));
      return new InsertOutcome.QuotaExhausted(used, limit);
    }
    writeStripes(h, counter, all, rebalance(all, used + 1, limit));
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

  private static void writeStripes(Handle h, Counter counter, List<Stripe> current, List<Stripe> next) {
    PreparedBatch batch = h.prepareBatch("UPDATE al_quota_stripe SET used = :used, cap = :cap, cap_limit = :capLimit"
        + " WHERE " + COUNTER_KEY + " AND stripe = :stripe");
    for (int i = 0; i < next.size(); i++) {
      Stripe s = next.get(i);
      if (!s.equals(current.get(i))) {
        counter.bind(batch).bind("used", s.used).bind("cap", s.cap).bind("capLimit", s.capLimit)
            .bind("stripe", s.stripe).add();
      }
    }
    if (batch.size() > 0) {
      batch.execute();
    }
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

  // ---------------------------------------------------------------- unlimited

  /**
   * The stripe the current thread share-locks under an unlimited quota, bound as {@code
   * :shareStripe} in {@link #SHARE_UNKEPT}: where the database turns a row lock shared by several
   * transactions into something costly (PostgreSQL: a MultiXact, with its own WAL record and
   * lookups), {@link #stopKeeping} creates every stripe of an unlimited counter and each thread
   * takes its own, so that concurrent sends of one organization mostly lock different rows;
   * elsewhere 0.
   */
  int shareStripe() {
    return db.dialect().spreadsSharedLocks() ? threadStripe(stripes) : 0;
  }

  /** The current thread's stripe among {@code stripes}: threads of one pool, numbered in turn, get different ones. */
  static int threadStripe(int stripes) {
    return (int) Math.floorMod(Thread.currentThread().getId(), (long) stripes);
  }

  /**
   * Selects, and locks shared, stripe {@code :shareStripe} of a counter that is not kept, else stripe
   * 0 (a counter made unlimited by an earlier version has no other): one row, or none when the
   * counter is absent or kept. Without the dialect's locking clause, for statements that add their
   * own.
   */
  static final String SHARE_UNKEPT = "SELECT used FROM al_quota_stripe WHERE " + COUNTER_KEY
      + " AND stripe IN (0, :shareStripe) AND used < 0 ORDER BY stripe DESC LIMIT 1";

  /**
   * The common case of an insert under an unlimited quota: a counter that is not kept, one of its
   * stripes ({@link #shareStripe}, else 0) locked shared until the caller commits; false when the
   * counter is absent or kept (then call {@link #stopKeeping}). Only a row that is not kept is
   * locked (a kept one is not selected, and so not locked), so no shared lock is ever upgraded: two
   * upgrades would deadlock each other. One stripe not kept means every stripe is not kept: the
   * counter is made kept or not kept on every stripe at once, under all their locks, and a stripe
   * that the slow path creates is rebalanced before it commits. A rebuild locks every stripe
   * exclusively, so it waits for the shared lock on any of them.
   */
  boolean shareIfNotKept(Handle h, QuotaKey key) {
    return bindKey(h.createQuery(SHARE_UNKEPT + db.dialect().shareLock()), key)
        .bind("shareStripe", shareStripe())
        .mapTo(Long.class)
        .findOne()
        .isPresent();
  }

  /**
   * For an insert under an unlimited quota whose counter is absent or kept (rare: the key's first
   * insert, or a limit was lifted): with every stripe locked, marks the counter not kept, so that
   * the key's unlimited inserts skip it. The link still holds its unit ({@code quota_held = 1}); a
   * rebuild (which locks every stripe exclusively, then counts) either waits for this transaction
   * and counts its link, or runs before it, and then this insert finds the counter kept and
   * switches it off again. An unlimited key needs no stripe but 0, unless the database spreads
   * shared locks over stripes ({@link #shareStripe}).
   */
  void stopKeeping(Handle h, QuotaKey key) {
    Counter counter = Counter.of(key);
    int create = db.dialect().spreadsSharedLocks() ? stripes : 1;
    if (createAndLockEveryStripe(h, counter, create).stream().anyMatch(s -> s.used >= 0)) {
      counter.bind(h.createUpdate("UPDATE al_quota_stripe SET used = " + NOT_KEPT + ", cap = 0, cap_limit = "
          + NO_LIMIT + " WHERE " + COUNTER_KEY)).execute();
    }
  }

  // ---------------------------------------------------------------- release

  /**
   * Gives one unit back to its counter: lowers a stripe with {@code used > 0} that no one holds (see
   * {@link Dialect#pickRow}), else, with every stripe locked, the first with a unit. Always locks (at
   * least) one stripe until the transaction ends, also when the counter is not kept: a rebuild must
   * wait for this transaction, whose cleared {@code quota_held} flag it has to see.
   */
  void releaseUnit(Handle h, Counter counter) {
    Optional<Integer> free = db.dialect().pickRow(sql -> counter.bind(h.createQuery(sql)), STRIPES_WITH_UNITS, "stripe");
    if (free.isPresent()
        && counter.bind(h.createUpdate(LOWER_STRIPE + " AND used > 0")).bind("stripe", free.get()).execute() == 1) {
      return;
    }
    // Every stripe with units is held by someone else, or the counter is not kept: lock them all.
    List<Stripe> all = lockEveryStripe(h, counter);
    if (all.stream().allMatch(s -> s.used >= 0)) {
      all.stream().filter(s -> s.used > 0).findFirst()
          .ifPresent(s -> counter.bind(h.createUpdate(LOWER_STRIPE)).bind("stripe", s.stripe).execute());
    }
    // not kept: nothing to lower; the locks are what a rebuild waits for
  }

  // ---------------------------------------------------------------- lock every stripe

  /**
   * Locks every stripe of {@code counter} exclusively, in stripe order, for the rest of the
   * transaction, creating stripes {@code 0 .. create - 1} first where they do not exist yet, and
   * returns them in stripe order. Rows another transaction creates and has not committed are not
   * locked, but they hold no unit and admit none ({@code cap = 0}), and that transaction cannot
   * commit before this one (it waits for stripe 0).
   */
  private List<Stripe> createAndLockEveryStripe(Handle h, Counter counter, int create) {
    List<Integer> existing = counter.bind(h.createQuery("SELECT stripe FROM al_quota_stripe WHERE " + COUNTER_KEY))
        .mapTo(Integer.class)
        .list();
    for (int stripe = 0; stripe < create; stripe++) {
      if (!existing.contains(stripe)) {
        // Race-free: a concurrent creator's row wins. The new row is not kept and has no room; the
        // slow path's rebuild and rebalance then give it its value and its cap.
        int s = stripe;
        db.dialect().insertUnlessPresent(h,
            "al_quota_stripe (organization, channel, quota_month, stripe, used, cap, cap_limit)"
                + " VALUES (:organization, :channel, :quotaMonth, :stripe, " + NOT_KEPT + ", 0, " + NO_LIMIT + ")",
            u -> counter.bind(u).bind("stripe", s));
      }
    }
    List<Stripe> all = lockEveryStripe(h, counter);
    if (all.isEmpty()) {
      throw new IllegalStateException("quota counter stripes missing after their creation");
    }
    return all;
  }

  /**
   * Locks every existing stripe of {@code counter} in stripe order and returns them: runs the
   * locking select until it returns no new row, and returns the last result; every statement after
   * it sees the stripes as the last committed writer left them, and no other writer can change
   * them. One run is not enough under READ COMMITTED: its snapshot is taken before it waits for the
   * locks, so stripes that another slow path created, filled and committed while this one waited
   * would be missed (PostgreSQL returns only the rows of the snapshot, in their newest version),
   * and with them their units. Once stripe 0 is held no new stripe can be committed (only a slow
   * path creates stripes other than 0, and it locks stripe 0 before it commits), so the second run,
   * whose snapshot is newer than the lock, sees every stripe.
   */
  private static List<Stripe> lockEveryStripe(Handle h, Counter counter) {
    List<Stripe> all = selectEveryStripeForUpdate(h, counter);
    while (true) {
      List<Stripe> again = selectEveryStripeForUpdate(h, counter);
      if (again.size() == all.size()) {
        return again;
      }
      all = again;
    }
  }

  private static List<Stripe> selectEveryStripeForUpdate(Handle h, Counter counter) {
    return counter.bind(h.createQuery(LOCK_EVERY_STRIPE))
        .map((rs, ctx) -> new Stripe(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
        .list();
  }

  // ---------------------------------------------------------------- read

  /**
   * The units of {@code key} in use at {@code now}, exact at its instant: for a live-links quota,
   * the links holding a unit whose window has not ended; for a monthly one, the sum of the stripes
   * in one statement (one snapshot of every stripe), or a count of the links while not kept.
   */
  long used(QuotaKey key, Instant now) {
    return db.read("read quota", h -> {
      if (key.kind() == QuotaKind.CREATED_PER_MONTH) {
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
}
