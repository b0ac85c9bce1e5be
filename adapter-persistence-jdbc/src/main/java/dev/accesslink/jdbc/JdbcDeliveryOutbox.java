package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.instant;
import static dev.accesslink.jdbc.Database.micros;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.DeliveryCompletion;
import dev.accesslink.core.port.out.store.OutboxBacklog;
import dev.accesslink.core.port.out.store.ReportOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;

/**
 * The delivery outbox, kept in the links' rows of {@code al_link} ({@code delivery_status},
 * {@code next_attempt_at}, {@code claim_token}, {@code lease_until}): claims with leases, so that
 * one delivery is attempted by one dispatcher at a time, also across application instances.
 * Thread-safe.
 */
final class JdbcDeliveryOutbox implements DeliveryOutbox {
  private static final String DUE =
      "delivery_status = 'PENDING' AND next_attempt_at <= :now"
          + " AND (lease_until IS NULL OR lease_until <= :now)";

  private final Database db;
  private final QuotaStripes quota;

  JdbcDeliveryOutbox(Database db, QuotaStripes quota) {
    this.db = db;
    this.quota = quota;
  }

  /** Claims up to {@code max} due deliveries, each leased until {@code now + lease} under a fresh token. */
  @Override
  public List<DeliveryClaim> claimDueDeliveries(Instant now, Duration lease, int max) {
    if (max < 1) {
      return List.of();
    }
    return db.dialect().claimDue(this, now, now.plus(lease), max);
  }

  private record Candidate(String id, String organization, int attempts) {}

  /** Locks due rows nobody else holds, then leases them, in one transaction (PostgreSQL, MariaDB). */
  List<DeliveryClaim> claimSkippingLocked(Instant now, Instant leaseUntil, int max) {
    return db.transaction("claim deliveries", h -> {
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
    });
  }

  /**
   * Leases each candidate with a conditional update that repeats the "due" test, one transaction
   * each (H2, see {@link H2Dialect}); the row lock makes a concurrent claimer re-check it and change
   * nothing.
   */
  List<DeliveryClaim> claimOneByOne(Instant now, Instant leaseUntil, int max) {
    List<String> candidates = db.read("find due deliveries", h -> h.createQuery(
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

  /**
   * Records a new attempt and makes its hash the link's current secret, only while {@code claim}
   * holds an unexpired lease. Earlier attempts that never recorded an outcome (a crash, a lease
   * that passed) become UNKNOWN: their secrets stay accepted.
   */
  @Override
  public boolean beginAttempt(DeliveryClaim claim, SecretHash newHash, Instant now) {
    NamedSql.Params p = new NamedSql.Params()
        .string("hash", newHash.toHex())
        .string("id", claim.link().toString())
        .string("token", claim.token().toString())
        .integer("attempt", claim.attempt())
        .bigint("now", micros(now));
    return db.dialect().beginAttempt(db, p);
  }

  /** Makes the new hash the link's secret, under the claim and its unexpired lease (1 row or 0). */
  static final String BEGIN_LINK =
      "UPDATE al_link SET secret_hash = :hash WHERE id = :id AND claim_token = :token AND lease_until > :now";
  /** Earlier attempts that never recorded an outcome: their secrets stay accepted. */
  static final String BEGIN_UNKNOWN = "UPDATE al_delivery_attempt SET state = 'UNKNOWN', ended_at = :now"
      + " WHERE link_id = :id AND state = 'STARTED'";
  /** The columns and values of the new attempt's row. */
  static final String ATTEMPT_COLUMNS = "secret_hash, link_id, claim_token, attempt, state, started_at";
  static final String ATTEMPT_VALUES = ":hash, :id, :token, :attempt, 'STARTED', :now";

  /**
   * Records an attempt's outcome and ends {@code claim}, only while it is the row's claim: the
   * link's delivery columns, the attempt's state (with the provider's message id when sent) and the
   * audit event, in one atomic write (see {@link Dialect#completeAttempt}).
   */
  @Override
  public boolean completeDelivery(DeliveryClaim claim, DeliveryCompletion completion, AccessEvent event) {
    if (completion instanceof DeliveryCompletion.Failed failed) {
      return db.transaction("fail delivery",
          h -> fail(h, claim, failed) && endAttempt(h, claim, completion) && appendEvent(h, event));
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
    NamedSql.Params p = new NamedSql.Params()
        .string("status", status)
        .bigint("at", micros(completion.at()))
        .string("error", error)
        .bigint("next", next)
        .string("id", claim.link().toString())
        .string("token", claim.token().toString())
        .string("state", attemptState(completion))
        .string("messageId", messageId(completion));
    JdbcAccessEvents.eventParams(p, event);
    return db.dialect().completeAttempt(db, p);
  }

  /** Ends the delivery under the claim (1 row, or 0 when the claim is no longer the row's). */
  static final String COMPLETE_LINK =
      "UPDATE al_link SET delivery_status = :status, last_attempt_at = :at, last_error = :error,"
          + " next_attempt_at = :next, claim_token = NULL, lease_until = NULL WHERE id = :id AND claim_token = :token";
  /** The state of the attempt that ran under the claim, if it began. */
  static final String COMPLETE_ATTEMPT_SET =
      "UPDATE al_delivery_attempt SET state = :state, provider_message_id = :messageId, ended_at = :at";
  static final String COMPLETE_ATTEMPT = COMPLETE_ATTEMPT_SET
      + " WHERE link_id = :id AND claim_token = :token AND state = 'STARTED'";

  /** Appends the attempt's audit event in the completion's transaction; always true. */
  private static boolean appendEvent(Handle h, AccessEvent event) {
    JdbcAccessEvents.bindEvent(h.createUpdate(JdbcAccessEvents.INSERT), event).execute();
    return true;
  }

  /** Longer ids are not kept: a report naming one would not be found anyway. */
  static final int MAX_PROVIDER_MESSAGE_ID = 255;

  /** The attempt's state once {@code completion} is recorded. */
  private static String attemptState(DeliveryCompletion completion) {
    if (completion instanceof DeliveryCompletion.Sent) {
      return "SENT";
    }
    return completion instanceof DeliveryCompletion.RetryLater retry && retry.mayHaveArrived() ? "UNKNOWN" : "REFUSED";
  }

  /** The provider's message id to keep with a sent attempt, or null. */
  private static @Nullable String messageId(DeliveryCompletion completion) {
    if (completion instanceof DeliveryCompletion.Sent sent) {
      String id = sent.providerMessageId();
      return id.isEmpty() || id.length() > MAX_PROVIDER_MESSAGE_ID ? null : id;
    }
    return null;
  }

  /** Sets the state of the attempt that ran under {@code claim}, if it began; always true. */
  private static boolean endAttempt(Handle h, DeliveryClaim claim, DeliveryCompletion completion) {
    h.createUpdate(COMPLETE_ATTEMPT)
        .bind("state", attemptState(completion))
        .bind("messageId", messageId(completion))
        .bind("at", micros(completion.at()))
        .bind("id", claim.link().toString())
        .bind("token", claim.token().toString())
        .execute();
    return true;
  }

  /** Marks the delivery FAILED, revokes the link (unless revoked already) and gives its unit back. */
  private boolean fail(Handle h, DeliveryClaim claim, DeliveryCompletion.Failed failed) {
    Optional<LinkRows.Locked> found = LinkRows.lockForUpdate(h, "id = :id AND claim_token = :token",
        Map.of("id", claim.link().toString(), "token", claim.token().toString()));
    if (found.isEmpty()) {
      return false;
    }
    failLocked(h, found.get(), failed.at(), failed.reason());
    return true;
  }

  /** The writes of a delivery failed for good, on a link row this transaction has locked. */
  private void failLocked(Handle h, LinkRows.Locked row, Instant at, String reason) {
    AccessLinkId id = row.link().id();
    h.createUpdate(
            "UPDATE al_link SET delivery_status = 'FAILED', last_attempt_at = :at, last_error = :error,"
                + " next_attempt_at = NULL, claim_token = NULL, lease_until = NULL, quota_held = 0"
                + " WHERE id = :id")
        .bind("at", micros(at))
        .bind("error", reason)
        .bind("id", id.toString())
        .execute();
    if (!row.link().isRevoked()) {
      LinkRows.setRevoked(h, id, Revocation.deliveryFailed(at), false);
    }
    if (row.quotaHeld()) {
      quota.releaseUnit(h, new QuotaStripes.Counter(
          row.link().organization().value(), row.link().channel().name(), row.quotaMonth()));
    }
  }

  private record SentAttempt(String link, String hash) {}

  /**
   * Applies a report that a sent message was not delivered, if it is the link's current one (its
   * hash is the link's secret hash, checked under the link's row lock) and the delivery is SENT.
   */
  @Override
  public ReportOutcome recordUndelivered(String providerMessageId, Instant at, String reason) {
    return db.transaction("record delivery report", h -> {
      Optional<SentAttempt> attempt = h.createQuery(
              "SELECT link_id, secret_hash FROM al_delivery_attempt WHERE provider_message_id = :messageId")
          .bind("messageId", providerMessageId)
          .map((rs, ctx) -> new SentAttempt(rs.getString(1), rs.getString(2)))
          .findFirst();
      if (attempt.isEmpty()) {
        return new ReportOutcome.Unknown();
      }
      AccessLinkId link = AccessLinkId.parse(attempt.get().link());
      Optional<LinkRows.Locked> found = LinkRows.lockForUpdate(h, "id = :id AND secret_hash = :hash",
          Map.of("id", attempt.get().link(), "hash", attempt.get().hash()));
      if (found.isEmpty() || found.get().link().delivery().status() != DeliveryStatus.SENT) {
        return new ReportOutcome.Stale(link);
      }
      // under the link's lock the attempt's state is settled (a resend locks the link first)
      int marked = h.createUpdate("UPDATE al_delivery_attempt SET state = 'UNDELIVERED', ended_at = :at"
              + " WHERE secret_hash = :hash AND state = 'SENT'")
          .bind("at", micros(at))
          .bind("hash", attempt.get().hash())
          .execute();
      if (marked != 1) {
        return new ReportOutcome.Stale(link);
      }
      failLocked(h, found.get(), at, reason);
      return new ReportOutcome.Applied(h.createQuery("SELECT " + LinkRows.COLUMNS + " FROM al_link WHERE id = :id")
          .bind("id", link.toString())
          .map((rs, ctx) -> LinkRows.link(rs))
          .one());
    });
  }

  /**
   * One aggregate over the pending rows, through {@code al_link_outbox_ix} (delivery_status,
   * next_attempt_at): the pending rows are few (a delivered link leaves the outbox), so this is cheap
   * enough for a health check on every probe.
   */
  @Override
  public OutboxBacklog backlog(Instant overdueAt) {
    return db.read("count pending deliveries", h -> h.createQuery(
            "SELECT COUNT(*), SUM(CASE WHEN next_attempt_at <= :at THEN 1 ELSE 0 END), MIN(next_attempt_at)"
                + " FROM al_link WHERE delivery_status = 'PENDING' AND next_attempt_at IS NOT NULL")
        .bind("at", micros(overdueAt))
        .map((rs, ctx) -> {
          long pending = rs.getLong(1);
          if (pending == 0) {
            return OutboxBacklog.EMPTY;
          }
          return new OutboxBacklog(pending, rs.getLong(2), Optional.of(instant(rs.getLong(3))));
        })
        .one());
  }
}
