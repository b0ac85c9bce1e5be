package dev.accesslink.micrometer;

import dev.accesslink.core.port.in.OutboxBacklogUseCase;
import io.micrometer.core.instrument.Clock;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the outbox's pending deliveries for the {@code accesslink.outbox.pending} gauge, at most once
 * a second, so that a scrape costs at most one aggregate query. Thread-safe.
 */
final class BacklogProbe {
  private static final System.Logger LOG = System.getLogger(AccessLinkMetrics.class.getName());
  private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final OutboxBacklogUseCase backlog;
  private final Clock clock;
  private final AtomicBoolean warned = new AtomicBoolean();
  private double pending = Double.NaN;
  private long readAt;
  private boolean read;

  BacklogProbe(OutboxBacklogUseCase backlog, Clock clock) {
    this.backlog = backlog;
    this.clock = clock;
  }

  /** Every pending delivery in the store, or NaN when it cannot be read. */
  synchronized double pending() {
    long now = clock.monotonicTime();
    if (!read || now - readAt >= REFRESH_NANOS) {
      read = true;
      readAt = now;
      try {
        pending = backlog.outboxBacklog(Duration.ZERO).pending();
      } catch (RuntimeException e) {
        pending = Double.NaN;
        if (warned.compareAndSet(false, true)) {
          LOG.log(Level.WARNING, "accesslink.outbox.pending: reading the outbox backlog failed; the gauge "
              + "shows NaN until it works (further failures are not logged)", e);
        }
      }
    }
    return pending;
  }
}
