package dev.accesslink.spring.boot;

import dev.accesslink.core.port.in.OutboxBacklogReport;
import dev.accesslink.core.port.in.OutboxBacklogUseCase;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * DOWN when a delivery has been due for longer than a threshold ({@code
 * accesslink.health.outbox.overdue-after}, ten minutes by default): no dispatcher, in this process or
 * another sharing the database, took it in time, so EMAIL and SMS links are not going out. Details:
 * {@code pending}, {@code overdue}, {@code overdueAfter} and {@code oldestDueAt}; never a link or an
 * address. One cheap read of the outbox per check. Thread-safe.
 */
public final class AccessLinkOutboxHealthIndicator extends AbstractHealthIndicator {
  private final OutboxBacklogUseCase backlog;
  private final Duration overdueAfter;

  /**
   * An indicator over {@code backlog} (the {@code AccessLinks} bean).
   *
   * @param backlog what counts the outbox
   * @param overdueAfter how long past its due time a delivery makes the outbox DOWN
   */
  public AccessLinkOutboxHealthIndicator(OutboxBacklogUseCase backlog, Duration overdueAfter) {
    super("Access Links outbox check failed");
    this.backlog = Objects.requireNonNull(backlog, "backlog");
    this.overdueAfter = Objects.requireNonNull(overdueAfter, "overdueAfter");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    OutboxBacklogReport report = backlog.outboxBacklog(overdueAfter);
    (report.stuck() ? builder.down() : builder.up())
        .withDetail("pending", report.pending())
        .withDetail("overdue", report.overdue())
        .withDetail("overdueAfter", overdueAfter.toString());
    report.oldestDueAt().ifPresent(at -> builder.withDetail("oldestDueAt", at.toString()));
  }
}
