package dev.accesslink.jdbc;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.IdempotencyKey;
import dev.accesslink.core.domain.LinkFilter;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.QuotaKind;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.KeyedSend;
import dev.accesslink.core.port.out.store.LinkQuery;
import dev.accesslink.core.port.out.store.LinkResend;
import dev.accesslink.core.port.out.store.ResendOutcome;
import dev.accesslink.core.port.out.store.WindowChange;
import dev.accesslink.core.port.out.store.WindowChangeOutcome;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.RevokeOutcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The links and their quota units in {@code al_link} and {@code al_quota_stripe} (see {@link
 * QuotaStripes}): insert, read, list, revoke. A new link's LINK_SENT event goes to {@code al_event}
 * in the same statement or transaction; an idempotency key to {@code al_idempotency_key} (see {@link
 * IdempotencyRows}) in the same transaction. Thread-safe.
 */
final class JdbcLinkRecords implements LinkRecords {
  private static final String FIND_BY_SECRET_HASH = "SELECT " + LinkRows.COLUMNS + " FROM al_link WHERE secret_hash = ?";
  /** An earlier attempt's secret whose message may have reached the recipient (see {@link JdbcDeliveryOutbox}). */
  private static final String FIND_BY_EARLIER_SECRET_HASH = "SELECT " + LinkRows.COLUMNS + " FROM al_link WHERE id ="
      + " (SELECT link_id FROM al_delivery_attempt WHERE secret_hash = ? AND state = 'UNKNOWN')";

  private final Database db;
  private final QuotaStripes quota;
  private final LinkResends resends;
  private final WindowChanges windows;

  JdbcLinkRecords(Database db, QuotaStripes quota) {
    this.db = db;
    this.quota = quota;
    this.resends = new LinkResends(db, quota);
    this.windows = new WindowChanges(db, quota);
  }

  /**
   * Inserts a link holding one unit of its quota, with its event, or refuses it with the exact
   * count: the fast path (one statement on PostgreSQL, one transaction elsewhere), then, if it took
   * nothing, the slow path in a transaction of its own, so that it starts with no stripe locked
   * (the fast path may have kept locks on full stripes it read, on MariaDB) and locks them in order.
   */
  @Override
  public InsertOutcome insert(NewAccessLink n) {
    if (n.idempotency() != null) {
      return insertKeyed(n);
    }
    if (db.dialect().insertFast(db, n, quota.stripes(), h -> insertInTransaction(h, n))) {
      return new InsertOutcome.Inserted();
    }
    return db.transaction("insert link", h -> insertUnderEveryStripe(h, n));
  }

  /**
   * An insert that holds an idempotency key: the key is claimed first, in the transaction that takes
   * the unit and inserts the link (so a twin waits for it, and a held key wins over a full quota),
   * on the fast path and, if no stripe gave a unit there, on the slow path. A transaction that
   * stores no link is rolled back whole, so it holds no key.
   */
  private InsertOutcome insertKeyed(NewAccessLink n) {
    InsertOutcome fast = db.transaction("insert link", h -> {
      Optional<KeyedSend> holder = IdempotencyRows.claim(h, db.dialect(), n);
      if (holder.isPresent()) {
        return new InsertOutcome.KeyTaken(holder.get());
      }
      if (insertInTransaction(h, n)) {
        return new InsertOutcome.Inserted();
      }
      h.rollback();
      return null;
    });
    if (fast != null) {
      return fast;
    }
    return db.transaction("insert link", h -> {
      Optional<KeyedSend> holder = IdempotencyRows.claim(h, db.dialect(), n);
      if (holder.isPresent()) {
        return new InsertOutcome.KeyTaken(holder.get());
      }
      InsertOutcome outcome = insertUnderEveryStripe(h, n);
      if (!(outcome instanceof InsertOutcome.Inserted)) {
        h.rollback();
      }
      return outcome;
    });
  }

  private static boolean unlimited(NewAccessLink n) {
    return n.quota().limit() == QuotaLimits.UNLIMITED;
  }

  /** The fast path as the statements of one transaction; false, with nothing written, when no stripe gave a unit. */
  private boolean insertInTransaction(Handle h, NewAccessLink n) {
    QuotaKey key = n.quota().key();
    if (unlimited(n)) {
      if (!quota.shareIfNotKept(h, key)) {
        quota.stopKeeping(h, key);
      }
    } else if (!quota.takeUnit(h, key, n.quota().limit())) {
      return false;
    }
    LinkRows.insertLinkAndEvent(h, n);
    return true;
  }

  /** The slow path: the quota decided with every stripe of its counter locked. */
  private InsertOutcome insertUnderEveryStripe(Handle h, NewAccessLink n) {
    QuotaKey key = n.quota().key();
    InsertOutcome outcome;
    if (unlimited(n)) {
      quota.stopKeeping(h, key);
      outcome = new InsertOutcome.Inserted();
    } else {
      outcome = quota.admitUnderEveryStripe(h, key, n.quota().limit(), n.quota().now());
    }
    if (outcome instanceof InsertOutcome.Inserted) {
      LinkRows.insertLinkAndEvent(h, n);
    }
    return outcome;
  }

  /** The link {@code id} of {@code organization}, if any. */
  @Override
  public Optional<AccessLink> findById(OrganizationId organization, AccessLinkId id) {
    // every delivery attempt starts here: plain JDBC, no Jdbi handle (see Database)
    return db.plainRead("find link", c -> {
      try (PreparedStatement p = c.prepareStatement(FIND_BY_ID)) {
        p.setString(1, id.toString());
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? Optional.of(LinkRows.link(rs)).filter(l -> l.organization().equals(organization))
              : Optional.empty();
        }
      }
    });
  }

  /**
   * By primary key alone, the organization compared after the read: see {@link
   * LinkRows#lockOwnedForUpdate} for what {@code AND organization = ?} cost on PostgreSQL.
   */
  private static final String FIND_BY_ID = "SELECT " + LinkRows.COLUMNS + " FROM al_link WHERE id = ?";

  /**
   * The link whose current secret has {@code hash}, else the link of an earlier attempt with that
   * secret whose outcome is unknown, if any.
   */
  @Override
  public Optional<AccessLink> findBySecretHash(SecretHash hash) {
    // every unlock and every visitor page starts here: plain JDBC, no Jdbi handle (see Database);
    // the earlier attempts cost a second query only on a miss
    return db.plainRead("find link", c -> {
      Optional<AccessLink> current = findOne(c, FIND_BY_SECRET_HASH, hash);
      return current.isPresent() ? current : findOne(c, FIND_BY_EARLIER_SECRET_HASH, hash);
    });
  }

  private static Optional<AccessLink> findOne(java.sql.Connection c, String sql, SecretHash hash)
      throws java.sql.SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, hash.toHex());
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(LinkRows.link(rs)) : Optional.empty();
      }
    }
  }

  /** One page of an organization's links, newest first by id. */
  @Override
  public List<AccessLink> list(LinkQuery query) {
    LinkFilter filter = query.filter();
    StringBuilder sql = new StringBuilder(
        "SELECT " + LinkRows.COLUMNS + " FROM al_link WHERE organization = :organization");
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
    if (filter.externalRef() != null) {
      sql.append(" AND external_ref = :externalRef");
    }
    sql.append(" ORDER BY id DESC LIMIT :limit");
    return db.read("list links", h -> {
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
      if (filter.externalRef() != null) {
        q.bind("externalRef", filter.externalRef());
      }
      return q.map((rs, ctx) -> LinkRows.link(rs)).list();
    });
  }

  /** Revokes a link, once; a live-links unit goes back to its counter in the same transaction. */
  @Override
  public RevokeOutcome revoke(OrganizationId organization, AccessLinkId id, Revocation revocation) {
    return db.transaction("revoke link", h -> {
      Optional<LinkRows.Locked> found = LinkRows.lockOwnedForUpdate(h, organization, id);
      if (found.isEmpty()) {
        return new RevokeOutcome.NotFound();
      }
      LinkRows.Locked row = found.get();
      if (row.link().isRevoked()) {
        return new RevokeOutcome.AlreadyRevoked(row.link());
      }
      boolean release = row.quotaHeld() && row.link().channel().quotaKind() == QuotaKind.LIVE_LINKS;
      LinkRows.setRevoked(h, id, revocation, release);
      if (release) {
        quota.releaseUnit(h, new QuotaStripes.Counter(organization.value(), row.link().channel().name(), row.quotaMonth()));
      }
      return new RevokeOutcome.Revoked(row.link().revoked(revocation));
    });
  }

  /** Resends or rotates a link; see {@link LinkResends}. */
  @Override
  public ResendOutcome resend(LinkResend resend) {
    return resends.resend(resend);
  }

  /** Changes a link's window; see {@link WindowChanges}. */
  @Override
  public WindowChangeOutcome changeWindow(WindowChange change) {
    return windows.changeWindow(change);
  }

  /** The units of {@code key} in use at {@code now}; see {@link QuotaStripes#used}. */
  @Override
  public long quotaUsed(QuotaKey key, Instant now) {
    return quota.used(key, now);
  }

  /** The insert holding the organization's key at {@code now}, with its link; see {@link IdempotencyRows}. */
  @Override
  public Optional<KeyedSend> findByIdempotencyKey(OrganizationId organization, IdempotencyKey key, Instant now) {
    return db.read("find idempotency key", h -> IdempotencyRows.find(h, organization, key, now));
  }

  /** Deletes the keys no longer kept at {@code now}, in one statement. */
  @Override
  public int purgeIdempotencyKeys(Instant now) {
    return db.autoCommit("purge idempotency keys", h -> IdempotencyRows.purge(h, now));
  }
}
