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
import dev.accesslink.core.port.out.AccessLinkStore;
import dev.accesslink.core.port.out.DeliveryClaim;
import dev.accesslink.core.port.out.DeliveryCompletion;
import dev.accesslink.core.port.out.InsertOutcome;
import dev.accesslink.core.port.out.LinkQuery;
import dev.accesslink.core.port.out.LinkUse;
import dev.accesslink.core.port.out.NewAccessLink;
import dev.accesslink.core.port.out.QuotaKey;
import dev.accesslink.core.port.out.RevokeOutcome;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * {@link AccessLinkStore} on one table of links ({@code al_link}, which also holds the delivery
 * outbox) and one of quota counters ({@code al_quota_counter}); the audit events of its hot-path
 * writes go to {@code al_event} in the same statement or transaction.
 *
 * <p>Quotas: every link holds one unit of its counter ({@code quota_held = 1}) from its insert
 * until the unit is given back. A counter is either <em>kept</em> ({@code used >= 0}: it equals
 * the number of links holding a unit, because both change in the same transaction) or <em>not
 * kept</em> ({@link #NOT_KEPT}: the key's inserts are unlimited and skip it). A unit under a finite
 * limit is taken only by {@code UPDATE ... SET used = used + 1 WHERE ... AND used >= 0 AND used <
 * :limit}, which the database serializes on the counter row, so N concurrent inserts with F free
 * units admit exactly F, across processes; when it changes nothing, the decision is taken again
 * under the row's exclusive lock, rebuilding a counter that is not kept from the links. Unlimited
 * inserts hold a shared lock on a counter that is not kept, so they do not queue behind each other
 * but a rebuild waits for them. A live-links unit is given back by revoke and by a failed delivery;
 * a link whose window has ended still holds its unit until an insert that would otherwise be
 * refused reclaims all ended units of that counter and tries once more. {@link #quotaUsed} counts
 * exactly at its instant. Thread-safe.
 */
final class JdbcAccessLinkStore implements AccessLinkStore {
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
   * The value of {@code al_quota_counter.used} that means "not kept": the key's inserts are
   * unlimited and do not count; the counter is rebuilt from the links when a finite limit needs it.
   */
  static final long NOT_KEPT = -1;
  private static final String TAKE_UNIT =
      "UPDATE al_quota_counter SET used = used + 1 WHERE " + COUNTER_KEY + " AND used >= 0 AND used < :limit";
  private static final String INSERT_LINK = "INSERT INTO al_link (" + INSERT_COLUMNS + ") VALUES (" + INSERT_VALUES + ")";
  /**
   * PostgreSQL: the quota unit, the link and its LINK_SENT event in one statement, so one round
   * trip; each step feeds the next, so it inserts all or nothing (returns 1 or 0 rows).
   */
  private static final String TAKE_UNIT_AND_INSERT =
      "WITH q AS (" + TAKE_UNIT + " RETURNING used),"
          + " l AS (INSERT INTO al_link (" + INSERT_COLUMNS + ") SELECT " + INSERT_VALUES + " FROM q RETURNING id)"
          + " INSERT INTO al_event (" + JdbcAccessEvents.COLUMNS + ") SELECT " + JdbcAccessEvents.VALUES + " FROM l";
  /**
   * PostgreSQL, unlimited quota: the link and its event in one statement, under a shared lock on a
   * counter that is not kept (shared locks do not wait for each other; they exclude a rebuild).
   */
  private static final String SHARE_UNKEPT_AND_INSERT =
      "WITH c AS (SELECT 1 AS one FROM al_quota_counter WHERE " + COUNTER_KEY + " AND used < 0 FOR SHARE),"
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

  JdbcAccessLinkStore(Database db) {
    this.db = db;
  }

  // ---------------------------------------------------------------- insert and quotas

  @Override
  public InsertOutcome insert(NewAccessLink n) {
    boolean unlimited = n.quota().limit() == QuotaLimits.UNLIMITED;
    if (db.dialect().hasDataModifyingCte()) {
      String sql = unlimited ? SHARE_UNKEPT_AND_INSERT : TAKE_UNIT_AND_INSERT;
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
    return db.transaction("insert link", h -> insertInTransaction(h, n));
  }

  /**
   * An insert under an unlimited quota: it takes no unit of the counter, so that the sends of an
   * organization without a limit do not queue on one row. The link still holds its unit ({@code
   * quota_held = 1}), and the counter is switched to {@link #NOT_KEPT} in the same transaction if it
   * was kept; the insert holds a shared lock on the counter row until it commits, so a rebuild
   * (which takes the exclusive lock, then counts) either waits for it and counts its link, or runs
   * before it, and then this insert finds the counter kept and switches it off again.
   */
  private InsertOutcome insertUnlimitedInTransaction(Handle h, NewAccessLink n, boolean tryShared) {
    QuotaKey key = n.quota().key();
    // The common case: a counter that is not kept, locked shared. Only a row that is not kept is
    // locked (a kept one is not selected, and so not locked), so no shared lock is ever upgraded:
    // two upgrades would deadlock each other.
    boolean shared = tryShared && bindKey(h.createQuery(
            "SELECT used FROM al_quota_counter WHERE " + COUNTER_KEY + " AND used < 0" + db.dialect().shareLock()), key)
        .mapTo(Long.class)
        .findOne()
        .isPresent();
    // Otherwise the counter is absent or kept: rare (the key's first insert, or a limit was lifted);
    // decide under the exclusive lock.
    if (!shared && lockCounter(h, key) >= 0) {
      setCounter(h, key, NOT_KEPT);
    }
    insertLinkAndEvent(h, n);
    return new InsertOutcome.Inserted();
  }

  /**
   * The insert as a transaction: the common case is the conditional update and the inserts; when
   * the update changed nothing, the decision is taken under the counter's row lock, reading the
   * counter in a new statement. Under READ COMMITTED the update may have run on a snapshot taken
   * before a concurrent first insert committed the counter row: it then changed nothing although
   * there are free units, so "changed nothing" alone never means "exhausted".
   */
  private InsertOutcome insertInTransaction(Handle h, NewAccessLink n) {
    QuotaKey key = n.quota().key();
    long limit = n.quota().limit();
    if (takeUnit(h, n) == 1) {
      insertLinkAndEvent(h, n);
      return new InsertOutcome.Inserted();
    }
    long used = lockCounter(h, key);
    if (used < 0) {
      // not kept (unlimited until now): rebuild it. Under the exclusive lock no insert or release
      // of this key is in flight (each holds a lock on this row), and this statement's snapshot is
      // newer than the lock, so it sees every committed unit.
      used = bindKey(h.createQuery(HELD_UNITS), key).mapTo(Long.class).one();
      setCounter(h, key, used);
    }
    if (used >= limit && key.kind() == QuotaKind.LIVE_LINKS) {
      used -= reclaimEndedWindows(h, key, n.quota().now());
    }
    if (used >= limit) {
      return new InsertOutcome.QuotaExhausted(used, limit);
    }
    bindKey(h.createUpdate("UPDATE al_quota_counter SET used = used + 1 WHERE " + COUNTER_KEY), key).execute();
    insertLinkAndEvent(h, n);
    return new InsertOutcome.Inserted();
  }

  private static void setCounter(Handle h, QuotaKey key, long used) {
    bindKey(h.createUpdate("UPDATE al_quota_counter SET used = :used WHERE " + COUNTER_KEY), key)
        .bind("used", used)
        .execute();
  }

  /**
   * Locks the counter row of {@code key} exclusively for the rest of the transaction, creating it
   * ({@link #NOT_KEPT}) first if it does not exist yet, and returns its value. Every statement after the lock sees
   * the counter as the last committed writer left it, and no other writer can change it.
   */
  private long lockCounter(Handle h, QuotaKey key) {
    Optional<Long> used = selectCounterForUpdate(h, key);
    if (used.isEmpty()) {
      insertCounterIfAbsent(h, key);
      used = selectCounterForUpdate(h, key);
    }
    return used.orElseThrow(() -> new IllegalStateException("quota counter row missing after its creation"));
  }

  private static Optional<Long> selectCounterForUpdate(Handle h, QuotaKey key) {
    return bindKey(h.createQuery("SELECT used FROM al_quota_counter WHERE " + COUNTER_KEY + " FOR UPDATE"), key)
        .mapTo(Long.class)
        .findOne();
  }

  /**
   * Creates the counter row, not kept, unless it exists; race-free: a concurrent creator's row wins
   * (the statement waits for it and then does nothing). Not kept is always true of a new row: the
   * first finite-limit insert rebuilds it from the links.
   */
  private void insertCounterIfAbsent(Handle h, QuotaKey key) {
    String values = " (organization, channel, quota_month, used) VALUES (:organization, :channel, :quotaMonth, "
        + NOT_KEPT + ")";
    switch (db.dialect()) {
      case POSTGRESQL -> bindKey(h.createUpdate("INSERT INTO al_quota_counter" + values + " ON CONFLICT DO NOTHING"), key)
          .execute();
      case MARIADB -> bindKey(h.createUpdate("INSERT IGNORE INTO al_quota_counter" + values), key).execute();
      case H2 -> {
        try {
          bindKey(h.createUpdate("INSERT INTO al_quota_counter" + values), key).execute();
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

  private static int takeUnit(Handle h, NewAccessLink n) {
    return bindKey(h.createUpdate(TAKE_UNIT), n.quota().key()).bind("limit", n.quota().limit()).execute();
  }

  /**
   * Gives back the units of links whose window ended at {@code now}: clears their flag and lowers
   * the counter by as many rows as this transaction changed. A concurrent reclaim waits on the same
   * rows and then finds their flag cleared, so no unit is given back twice.
   */
  private static int reclaimEndedWindows(Handle h, QuotaKey key, Instant now) {
    int freed = h.createUpdate(
            "UPDATE al_link SET quota_held = 0 WHERE organization = :organization AND channel = :channel"
                + " AND quota_held = 1 AND valid_until <= :now")
        .bind("organization", key.organization().value())
        .bind("channel", key.channel().name())
        .bind("now", micros(now))
        .execute();
    if (freed > 0) {
      releaseUnits(h, key.organization().value(), key.channel().name(), 0, freed);
    }
    return freed;
  }

  private static void releaseUnits(Handle h, String organization, String channel, int quotaMonth, int units) {
    // Always writes (and so locks) the row, also when it is not kept: a rebuild must wait for this
    // transaction, whose cleared quota_held flags it has to see.
    h.createUpdate("UPDATE al_quota_counter SET used = CASE WHEN used >= 0 THEN used - :units ELSE used END WHERE "
            + COUNTER_KEY)
        .bind("units", units)
        .bind("organization", organization)
        .bind("channel", channel)
        .bind("quotaMonth", quotaMonth)
        .execute();
  }

  private static Optional<Long> counterValue(Handle h, QuotaKey key) {
    return bindKey(h.createQuery("SELECT used FROM al_quota_counter WHERE " + COUNTER_KEY), key)
        .mapTo(Long.class)
        .findOne();
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
        long kept = counterValue(h, key).orElse(0L);
        return kept >= 0 ? kept : bindKey(h.createQuery(HELD_UNITS), key).mapTo(Long.class).one();
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
        releaseUnits(h, organization.value(), row.link.channel().name(), row.quotaMonth, 1);
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
  private static boolean fail(Handle h, DeliveryClaim claim, DeliveryCompletion.Failed failed) {
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
      releaseUnits(h, row.link.organization().value(), row.link.channel().name(), row.quotaMonth, 1);
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
