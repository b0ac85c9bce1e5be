package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.micros;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.QuotaKind;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.LinkResend;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.QuotaReservation;
import dev.accesslink.core.port.out.store.ResendOutcome;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Resends and rotations ({@link JdbcLinkRecords#resend}), in one transaction that locks the link
 * row first and then, for an SMS resend, every stripe of the month's counter (the same order as a
 * failing delivery and a revoke: link, then stripes). An SMS link's earlier unit moves to {@code
 * al_quota_spent}, where it stays counted; the link's own {@code quota_month}/{@code quota_held}
 * become the new delivery's unit. Thread-safe.
 */
final class LinkResends {
  private final Database db;
  private final QuotaStripes quota;

  LinkResends(Database db, QuotaStripes quota) {
    this.db = db;
    this.quota = quota;
  }

  ResendOutcome resend(LinkResend r) {
    return db.transaction("resend link", h -> {
      Optional<LinkRows.Locked> found = LinkRows.lockOwnedForUpdate(h, r.organization(), r.link());
      if (found.isEmpty()) {
        return new ResendOutcome.NotFound();
      }
      LinkRows.Locked row = found.get();
      AccessLink link = row.link();
      boolean manual = link.channel() == DeliveryChannel.MANUAL;
      if (manual != (r.newHash() != null)
          || (link.channel().quotaKind() == QuotaKind.CREATED_PER_MONTH) != (r.quota() != null)) {
        throw new IllegalArgumentException("the resend does not fit the link's channel " + link.channel());
      }
      if (link.isRevoked() || link.window().hasEndedAt(r.at())) {
        return new ResendOutcome.NotResendable(link);
      }
      QuotaReservation q = r.quota();
      if (q != null) {
        Optional<ResendOutcome> refused = takeMonthlyUnit(h, row, q, r);
        if (refused.isPresent()) {
          return refused.get();
        }
      }
      h.createUpdate("UPDATE al_delivery_attempt SET state = 'SUPERSEDED', ended_at = COALESCE(ended_at, :at)"
              + " WHERE link_id = :id AND state IN ('STARTED', 'SENT', 'UNKNOWN')")
          .bind("at", micros(r.at()))
          .bind("id", r.link().toString())
          .execute();
      if (manual) {
        h.createUpdate("UPDATE al_link SET secret_hash = :hash WHERE id = :id")
            .bind("hash", r.newHash().toHex())
            .bind("id", r.link().toString())
            .execute();
      } else {
        DeliveryClaim claim = r.claim();
        h.createUpdate("UPDATE al_link SET secret_hash = NULL, delivery_status = 'PENDING', attempts = :attempts,"
                + " last_error = NULL, next_attempt_at = :at, claim_token = :token, lease_until = :leaseUntil"
                + " WHERE id = :id")
            .bind("attempts", claim.attempt())
            .bind("at", micros(r.at()))
            .bind("token", claim.token().toString())
            .bind("leaseUntil", micros(claim.leaseUntil()))
            .bind("id", r.link().toString())
            .execute();
      }
      JdbcAccessEvents.bindEvent(h.createUpdate(JdbcAccessEvents.INSERT), r.event()).execute();
      AccessLink now = h.createQuery("SELECT " + LinkRows.COLUMNS + " FROM al_link WHERE id = :id")
          .bind("id", r.link().toString())
          .map((rs, ctx) -> LinkRows.link(rs))
          .one();
      return new ResendOutcome.Resent(now);
    });
  }

  /**
   * Takes the unit of the resend's month under every stripe locked (resends are rare: the exact
   * slow path at once), or refuses with the exact count; then the earlier unit becomes a spent one.
   */
  private Optional<ResendOutcome> takeMonthlyUnit(Handle h, LinkRows.Locked row, QuotaReservation q, LinkResend r) {
    QuotaKey key = q.key();
    if (q.limit() == QuotaLimits.UNLIMITED) {
      if (!quota.shareIfNotKept(h, key)) {
        quota.stopKeeping(h, key);
      }
    } else if (quota.admitUnderEveryStripe(h, key, q.limit(), q.now()) instanceof InsertOutcome.QuotaExhausted e) {
      return Optional.of(new ResendOutcome.QuotaExhausted(e.used(), e.limit()));
    }
    if (row.quotaHeld()) {
      h.createUpdate("INSERT INTO al_quota_spent (id, link_id, organization, channel, quota_month, spent_at)"
              + " VALUES (:spentId, :id, :organization, :channel, :quotaMonth, :at)")
          .bind("spentId", UUID.randomUUID().toString())
          .bind("id", r.link().toString())
          .bind("organization", r.organization().value())
          .bind("channel", row.link().channel().name())
          .bind("quotaMonth", row.quotaMonth())
          .bind("at", micros(r.at()))
          .execute();
    }
    QuotaStripes.bindKey(h.createUpdate("UPDATE al_link SET quota_month = :quotaMonth, quota_held = 1 WHERE id = :id"), key)
        .bind("id", r.link().toString())
        .execute();
    return Optional.empty();
  }
}
