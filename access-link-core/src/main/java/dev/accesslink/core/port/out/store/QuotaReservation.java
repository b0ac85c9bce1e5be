package dev.accesslink.core.port.out.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The quota a new link must take: one unit of {@code key}, admitted only while fewer than {@code
 * limit} are in use at {@code now}.
 *
 * @param key which counter
 * @param limit the organization's limit for it ({@link dev.accesslink.core.domain.QuotaLimits#UNLIMITED} for none)
 * @param now the instant the reservation is made; a live-links quota counts links whose window has
 *     not ended at this instant
 */
public record QuotaReservation(QuotaKey key, long limit, Instant now) {
  public QuotaReservation {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    if (limit < 0) {
      throw new IllegalArgumentException("limit >= 0");
    }
  }
}
