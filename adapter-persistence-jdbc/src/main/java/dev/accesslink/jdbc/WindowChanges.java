package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.microsOrNull;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.QuotaKind;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.QuotaReservation;
import dev.accesslink.core.port.out.store.WindowChange;
import dev.accesslink.core.port.out.store.WindowChangeOutcome;
import java.time.Instant;
import java.util.Optional;

/**
 * Window changes ({@link JdbcLinkRecords#changeWindow}), in one transaction that locks the link row
 * and then, when a live-links unit is taken or given back, the counter's stripes (the order of a
 * revoke). Thread-safe.
 */
final class WindowChanges {
  private final Database db;
  private final QuotaStripes quota;

  WindowChanges(Database db, QuotaStripes quota) {
    this.db = db;
    this.quota = quota;
  }

  WindowChangeOutcome changeWindow(WindowChange c) {
    return db.transaction("change link window", h -> {
      Optional<LinkRows.Locked> found = LinkRows.lockOwnedForUpdate(h, c.organization(), c.link());
      if (found.isEmpty()) {
        return new WindowChangeOutcome.NotFound();
      }
      LinkRows.Locked row = found.get();
      AccessLink before = row.link();
      if (before.isRevoked()) {
        return new WindowChangeOutcome.Revoked(before);
      }
      QuotaReservation q = c.quota();
      Instant now = q.now();
      Integer held = null; // the new quota_held flag, when it changes
      if (before.channel().quotaKind() == QuotaKind.LIVE_LINKS) {
        QuotaKey key = QuotaKey.live(c.organization(), before.channel());
        boolean live = !c.window().hasEndedAt(now);
        if (live && !row.quotaHeld()) {
          if (q.limit() == QuotaLimits.UNLIMITED) {
            if (!quota.shareIfNotKept(h, key)) {
              quota.stopKeeping(h, key);
            }
          } else if (quota.admitUnderEveryStripe(h, key, q.limit(), now) instanceof InsertOutcome.QuotaExhausted e) {
            return new WindowChangeOutcome.QuotaExhausted(e.used(), e.limit());
          }
          held = 1;
        } else if (!live && row.quotaHeld()) {
          quota.releaseUnit(h, QuotaStripes.Counter.of(key));
          held = 0;
        }
      }
      h.createUpdate("UPDATE al_link SET valid_from = :validFrom, valid_until = :validUntil"
              + (held == null ? "" : ", quota_held = " + held) + " WHERE id = :id")
          .bind("validFrom", microsOrNull(c.window().validFrom()))
          .bind("validUntil", microsOrNull(c.window().validUntil()))
          .bind("id", c.link().toString())
          .execute();
      AccessLink after = h.createQuery("SELECT " + LinkRows.COLUMNS + " FROM al_link WHERE id = :id")
          .bind("id", c.link().toString())
          .map((rs, ctx) -> LinkRows.link(rs))
          .one();
      return new WindowChangeOutcome.Changed(before, after);
    });
  }
}
