package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where links, their quota counters and their delivery outbox live.
 *
 * <p>The promises every implementation owes (the testkit's {@code AccessLinkStoreContract} checks
 * them):
 *
 * <ul>
 *   <li>{@link #insert} is atomic and exact under concurrency, also across processes sharing one
 *       database: of N concurrent inserts against a quota with F free units, exactly F succeed.
 *   <li>A live-links quota (EMAIL, MANUAL) counts links that are not revoked and whose window has
 *       not ended at the reservation's instant; a monthly quota (SMS) counts links created in the
 *       month, less those whose delivery failed for good.
 *   <li>No secret is ever stored: only {@link SecretHash}es, unique across all links.
 *   <li>A pending delivery is held by at most one valid {@link DeliveryClaim} at a time; a claim
 *       whose lease has passed may be taken over, after which the old token is refused.
 *   <li>Every method either does all it says or nothing, and reports infrastructure failure as
 *       {@link dev.accesslink.core.domain.AccessLinkInfrastructureException}.
 * </ul>
 *
 * <p>The store also appends the audit events of its hot-path writes (a new link's {@code
 * LINK_SENT}, an unlock's {@code DOOR_UNLOCKED}) to the audit log that {@link AccessEvents} reads,
 * in the same atomic step as the write; an implementation therefore comes with, or is given, the
 * {@link AccessEvents} it shares.
 *
 * <p>Implementations are thread-safe. All instants are passed in: a store never reads a clock.
 */
public interface AccessLinkStore {

  /**
   * Stores a new link, its quota unit, its secret hash or claimed pending delivery, and appends its
   * {@code LINK_SENT} event to the audit log, all in one atomic step; or nothing at all (no link, no
   * unit, no event) if the quota is used up.
   *
   * @throws dev.accesslink.core.domain.AccessLinkInfrastructureException if the secret hash or id
   *     is already taken (nothing is stored), or the store fails
   */
  InsertOutcome insert(NewAccessLink newLink);

  /** The link with that id in that organization. */
  Optional<AccessLink> findById(OrganizationId organization, AccessLinkId id);

  /** The link whose current secret hash is {@code hash}, in any organization. */
  Optional<AccessLink> findBySecretHash(SecretHash hash);

  /** One page of links, newest (highest id) first, starting after the query's cursor. */
  List<AccessLink> list(LinkQuery query);

  /**
   * Revokes a link at once. A live-links quota unit is freed; a monthly one is not.
   *
   * @return the outcome; an already revoked link is left as it was
   */
  RevokeOutcome revoke(OrganizationId organization, AccessLinkId id, Revocation revocation);

  /**
   * Records the bookkeeping of one or more unlocks, in one atomic step: each link keeps its latest
   * use (uses may arrive out of order, in one call or across calls; an unknown id is ignored), and
   * each use's event is appended to the audit log, in list order. Either every use of the list is
   * recorded or none is, so a caller may retry a failed call as a whole. The unlock path calls it
   * with one use; the background writer of {@code AccessLinks} with every use that queued up while
   * its previous call ran, so that one write carries many unlocks.
   *
   * @param uses at least one use
   * @throws IllegalArgumentException for an empty list
   */
  void recordUses(List<LinkUse> uses);

  /** Units of {@code key} in use at {@code now}. */
  long quotaUsed(QuotaKey key, Instant now);

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
}
