package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.DeliveryCompletion;
import dev.accesslink.core.port.out.store.OutboxBacklog;
import dev.accesslink.core.port.out.store.ReportOutcome;
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
 *   <li>Every secret that may have reached the recipient keeps opening the doors until the link
 *       is revoked, ends, or is resent: the current attempt's, and each earlier attempt's whose
 *       outcome is unknown (see {@link #beginAttempt}).
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
   * Starts an attempt under {@code claim}, if the claim is still the current one and its lease has
   * not passed at {@code now}: records the attempt (its number, {@code newHash}, started at {@code
   * now}) and makes {@code newHash} the link's current secret.
   *
   * <p>The secrets of the link's earlier attempts whose outcome is unknown keep opening the doors
   * ({@link LinkRecords#findBySecretHash} finds the link by them): an attempt that never recorded
   * its outcome (a crash, a lease that passed mid-attempt) and one completed with {@link
   * DeliveryCompletion.RetryLater#mayHaveArrived()}. The secret of an attempt the provider refused
   * for sure stops working.
   *
   * @return false if the claim was lost; the caller must not send anything then
   */
  boolean beginAttempt(DeliveryClaim claim, SecretHash newHash, Instant now);

  /**
   * Records how the attempt under {@code claim} ended, appends {@code event} (the attempt's audit
   * event) to the audit log that the same {@link AccessLinkPersistence}'s {@link AccessEvents}
   * reads, and releases the claim, in one atomic step: one durable write for the result and its
   * event. A {@link DeliveryCompletion.Sent} keeps the provider's message id with the attempt (see
   * {@link #recordUndelivered}). A {@link DeliveryCompletion.Failed} also revokes the link and gives
   * its quota unit back, in the same step.
   *
   * @return false if the claim was no longer the current one; nothing changed then and the event was
   *     not appended
   */
  boolean completeDelivery(DeliveryClaim claim, DeliveryCompletion completion, AccessEvent event);

  /**
   * Counts the pending deliveries of every organization: all of them, and those whose next attempt
   * was due at or before {@code overdueAt} (claimed or not), with the earliest next attempt. For
   * health checks and gauges, so it must stay cheap (one indexed read); it changes nothing.
   */
  OutboxBacklog backlog(Instant overdueAt);

  /**
   * Records a provider's report that the message it accepted with id {@code providerMessageId} was
   * not delivered, if that message is the link's current one and its delivery is SENT: the
   * delivery becomes FAILED (last error {@code reason}, at {@code at}), the link is revoked with
   * reason DELIVERY_FAILED (unless revoked already), and its quota unit is given back (a live one
   * and a monthly one alike), in one atomic step. Otherwise nothing changes.
   */
  ReportOutcome recordUndelivered(String providerMessageId, Instant at, String reason);
}
