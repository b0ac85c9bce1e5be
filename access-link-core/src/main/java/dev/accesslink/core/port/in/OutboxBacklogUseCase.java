package dev.accesslink.core.port.in;

import java.time.Duration;

/** How far the delivery dispatchers are behind: for health checks and metrics. */
@FunctionalInterface
public interface OutboxBacklogUseCase {

  /**
   * Counts the pending deliveries now, and those due for longer than {@code overdueAfter}. One
   * cheap read of the outbox; nothing changes.
   *
   * @throws dev.accesslink.core.domain.InvalidInputException {@code outbox.overdue_after_invalid}
   *     for a negative duration
   * @throws dev.accesslink.core.domain.AccessLinkInfrastructureException if the store fails
   */
  OutboxBacklogReport outboxBacklog(Duration overdueAfter);
}
