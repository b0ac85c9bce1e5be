package dev.accesslink.core.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The pending deliveries of every organization at one instant, for a health check or a gauge.
 *
 * @param asOf when it was counted
 * @param overdueAfter how long past its due time a delivery had to be to count as overdue
 * @param pending every pending delivery: due, waiting for a retry, or being attempted
 * @param overdue of those, the ones due for longer than {@code overdueAfter}: no dispatcher took
 *     them in time (none runs, or it is stuck or far behind)
 * @param oldestDueAt the earliest next attempt among the pending deliveries; empty when none is
 *     pending
 */
public record OutboxBacklogReport(
    Instant asOf, Duration overdueAfter, long pending, long overdue, Optional<Instant> oldestDueAt) {
  public OutboxBacklogReport {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(overdueAfter, "overdueAfter");
    Objects.requireNonNull(oldestDueAt, "oldestDueAt");
    if (pending < 0 || overdue < 0 || overdue > pending) {
      throw new IllegalArgumentException("0 <= overdue <= pending");
    }
  }

  /** True when at least one delivery is overdue. */
  public boolean stuck() {
    return overdue > 0;
  }
}
