package dev.accesslink.core.port.out.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How many deliveries an outbox holds pending, as {@link
 * dev.accesslink.core.port.out.DeliveryOutbox#backlog} counts them.
 *
 * @param pending every pending delivery, due or waiting for its next attempt, claimed or not
 * @param overdue of those, the ones whose next attempt was due at or before the instant asked about
 * @param oldestDueAt the earliest next attempt among the pending deliveries; empty when none is pending
 */
public record OutboxBacklog(long pending, long overdue, Optional<Instant> oldestDueAt) {
  /** No pending delivery. */
  public static final OutboxBacklog EMPTY = new OutboxBacklog(0, 0, Optional.empty());

  public OutboxBacklog {
    Objects.requireNonNull(oldestDueAt, "oldestDueAt");
    if (pending < 0 || overdue < 0 || overdue > pending) {
      throw new IllegalArgumentException("0 <= overdue <= pending");
    }
    if (pending > 0 != oldestDueAt.isPresent()) {
      throw new IllegalArgumentException("oldestDueAt is present exactly when a delivery is pending");
    }
  }
}
