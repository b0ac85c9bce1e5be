package dev.accesslink.core.application;

import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.port.in.OutboxBacklogReport;
import dev.accesslink.core.port.in.OutboxBacklogUseCase;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.store.OutboxBacklog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Counts the outbox's pending and overdue deliveries. Thread-safe. */
final class OutboxBacklogService implements OutboxBacklogUseCase {
  private final DeliveryOutbox outbox;
  private final Clock clock;

  OutboxBacklogService(DeliveryOutbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public OutboxBacklogReport outboxBacklog(Duration overdueAfter) {
    if (overdueAfter == null || overdueAfter.isNegative()) {
      throw new InvalidInputException("outbox.overdue_after_invalid", "overdueAfter",
          "overdueAfter must be zero or positive");
    }
    Instant now = clock.instant();
    OutboxBacklog b = outbox.backlog(now.minus(overdueAfter));
    return new OutboxBacklogReport(now, overdueAfter, b.pending(), b.overdue(), b.oldestDueAt());
  }
}
