package dev.accesslink.jdbc;

import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.ForwardingLinkRecords;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.DeliveryCompletion;
import dev.accesslink.core.port.out.store.LinkUse;
import dev.accesslink.core.port.out.store.OutboxBacklog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The three stored ports of one {@link JdbcAccessLinkPersistence} as one object, for the adapter's
 * own tests that drive links, outbox and use log together (a race between two instances, say).
 */
final class StoreUnderTest extends ForwardingLinkRecords implements DeliveryOutbox, UseLog {
  private final DeliveryOutbox outbox;
  private final UseLog uses;

  private StoreUnderTest(LinkRecords links, DeliveryOutbox outbox, UseLog uses) {
    super(links);
    this.outbox = outbox;
    this.uses = uses;
  }

  static StoreUnderTest of(JdbcAccessLinkPersistence persistence) {
    return new StoreUnderTest(persistence.links(), persistence.outbox(), persistence.uses());
  }

  @Override
  public void recordUses(List<LinkUse> list) {
    uses.recordUses(list);
  }

  @Override
  public List<DeliveryClaim> claimDueDeliveries(Instant now, Duration lease, int max) {
    return outbox.claimDueDeliveries(now, lease, max);
  }

  @Override
  public boolean beginAttempt(DeliveryClaim claim, SecretHash newHash, Instant now) {
    return outbox.beginAttempt(claim, newHash, now);
  }

  @Override
  public boolean completeDelivery(
      DeliveryClaim claim, DeliveryCompletion completion, dev.accesslink.core.domain.AccessEvent event) {
    return outbox.completeDelivery(claim, completion, event);
  }

  @Override
  public OutboxBacklog backlog(Instant overdueAt) {
    return outbox.backlog(overdueAt);
  }

  @Override
  public dev.accesslink.core.port.out.store.ReportOutcome recordUndelivered(
      String providerMessageId, Instant at, String reason) {
    return outbox.recordUndelivered(providerMessageId, at, reason);
  }
}
