package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.DeliveryCompletion;
import dev.accesslink.core.port.out.store.OutboxBacklog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The pending deliveries of EMAIL and SMS links, written by {@link LinkRecords#insert} and worked
 * off by dispatchers, possibly in several processes at once.
 *
 * <p>The promises every implementation owes (the testkit's {@code DeliveryOutboxContract} checks
 * them):
 *
 * <ul>
 *   <li>A pending delivery is held by at most one valid {@link DeliveryClaim} at a time, also
 *       across processes sharing one database; a claim whose lease has passed may be taken over,
 *       after which the old token is refused.
 *   <li>A delivery that failed for good revokes its link and gives its quota unit back (a live
 *       link's and a monthly one alike), in the same atomic step.
 *   <li>Every method either does all it says or nothing, and reports infrastructure failure as
 *       {@link dev.accesslink.core.domain.AccessLinkInfrastructureException}.
 * </ul>
 *
 * <p>Implementations are thread-safe and share their data with the {@link LinkRecords} of the
 * same {@link AccessLinkPersistence}. All instants are passed in: a store never reads a clock.
 */
public interface DeliveryOutbox {

  /**
   * Claims up to {@code max} pending deliveries that are due at {@code now} (next attempt reached,
   * and no lease, or an expired one), leasing each until {@code now + lease} and counting one more
   * attempt. Two concurrent callers never receive the same delivery.
   */
  List<DeliveryClaim> claimDueDeliveries(Instant now, Duration lease, int max);

  /**
   * Starts an attempt under {@code claim}: replaces the link's secret hash with {@code newHash}
   * (the previous secret stops working), if the claim is still the current one and its lease has
   * not passed at {@code now}.
   *
   * @return false if the claim was lost; the caller must not send anything then
   */
  boolean beginAttempt(DeliveryClaim claim, SecretHash newHash, Instant now);

  /**
   * Records how the attempt under {@code claim} ended and releases the claim. A {@link
   * DeliveryCompletion.Failed} also revokes the link and gives its quota unit back, atomically.
   *
   * @return false if the claim was no longer the current one; nothing changed then
   */
  boolean completeDelivery(DeliveryClaim claim, DeliveryCompletion completion);

  /**
   * Counts the pending deliveries of every organization: all of them, and those whose next attempt
   * was due at or before {@code overdueAt} (claimed or not), with the earliest next attempt. For
   * health checks and gauges, so it must stay cheap (one indexed read); it changes nothing.
   */
  OutboxBacklog backlog(Instant overdueAt);
}
