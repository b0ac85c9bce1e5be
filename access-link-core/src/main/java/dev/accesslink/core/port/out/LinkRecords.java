package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.IdempotencyKey;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.KeyedSend;
import dev.accesslink.core.port.out.store.LinkQuery;
import dev.accesslink.core.port.out.store.LinkResend;
import dev.accesslink.core.port.out.store.ResendOutcome;
import dev.accesslink.core.port.out.store.WindowChange;
import dev.accesslink.core.port.out.store.WindowChangeOutcome;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.RevokeOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where links and their quota counters live.
 *
 * <p>The promises every implementation owes (the testkit's {@code LinkRecordsContract} checks
 * them):
 *
 * <ul>
 *   <li>Quotas are exact under concurrency, also across processes sharing one database: of N
 *       concurrent {@link #insert}s against a quota with F free units, exactly F succeed.
 *   <li>A live-links quota (EMAIL, MANUAL) counts links that are not revoked and whose window has
 *       not ended at the reservation's instant; a monthly quota (SMS) counts links created in the
 *       month, less those whose delivery failed for good (see {@link DeliveryOutbox}).
 *   <li>No secret is ever stored: only {@link SecretHash}es, unique across all links.
 *   <li>{@link #insert} appends the new link's {@code LINK_SENT} event to the audit log that the
 *       same {@link AccessLinkPersistence}'s {@link AccessEvents} reads, in the same atomic step.
 *   <li>An idempotency key is held by at most one link per organization while it is kept: of N
 *       concurrent {@link #insert}s with the same kept key, also across processes, exactly one
 *       stores its link and the others get {@link InsertOutcome.KeyTaken} with that link.
 *   <li>Every method either does all it says or nothing, and reports infrastructure failure as
 *       {@link dev.accesslink.core.domain.AccessLinkInfrastructureException}.
 * </ul>
 *
 * <p>Implementations are thread-safe. All instants are passed in: a store never reads a clock. To
 * decorate one call, extend {@link ForwardingLinkRecords}.
 */
public interface LinkRecords {

  /**
   * Stores a new link, its quota unit, its secret hash or claimed pending delivery (which {@link
   * DeliveryOutbox} then serves), and appends its {@code LINK_SENT} event to the audit log, all in
   * one atomic step; or nothing at all (no link, no unit, no delivery, no event) if the quota is
   * used up. With an {@link NewAccessLink#idempotency() idempotency key}, the key is stored in the
   * same step, replacing one of the organization that is no longer kept at the link's creation; if
   * the key is still held by an earlier insert, nothing is stored and the outcome is {@link
   * InsertOutcome.KeyTaken} with that insert's link (read after it committed) and fingerprint,
   * whatever the quota.
   *
   * @throws dev.accesslink.core.domain.AccessLinkInfrastructureException if the secret hash or id
   *     is already taken (nothing is stored), or the store fails
   */
  InsertOutcome insert(NewAccessLink newLink);

  /** The link with that id in that organization. */
  Optional<AccessLink> findById(OrganizationId organization, AccessLinkId id);

  /**
   * The link that accepts the secret whose hash is {@code hash}, in any organization: the link's
   * current secret, or the secret of an earlier delivery attempt whose outcome is unknown (see
   * {@link DeliveryOutbox#beginAttempt}). The current secret is found by one indexed lookup; the
   * earlier ones cost a second lookup only when the first finds nothing.
   */
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
   * Resends (EMAIL, SMS) or rotates (MANUAL) a link, in one atomic step, unless it is revoked or
   * its window has ended at {@code resend.at()}: every secret the link accepted stops working (the
   * current one and those of earlier attempts); a MANUAL link takes {@code resend.newHash()}; an
   * EMAIL/SMS link gets a new PENDING delivery under {@code resend.claim()} (attempts counted from
   * that claim), with no secret until its first attempt begins; an SMS link takes one unit of
   * {@code resend.quota()}, under the same exactness as {@link #insert} (its earlier unit stays
   * spent, and a later failure of the new delivery gives back the new one); and the event is
   * appended to the audit log. Nothing changes when the outcome is not {@link
   * ResendOutcome.Resent}.
   *
   * @throws IllegalArgumentException if the request does not fit the link's channel (nothing changes)
   */
  ResendOutcome resend(LinkResend resend);

  /**
   * Gives a link that is not revoked a new window, in one atomic step. For a live-links quota
   * (EMAIL, MANUAL), at {@code change.quota().now()}: a link whose new window has ended gives its
   * unit back; a link that holds no unit (its window had ended and its unit was given back) and
   * whose new window has not ended takes one, under the same exactness as {@link #insert}, or
   * nothing changes ({@link WindowChangeOutcome.QuotaExhausted}). A monthly unit is not affected.
   */
  WindowChangeOutcome changeWindow(WindowChange change);

  /** Units of {@code key} in use at {@code now}. */
  long quotaUsed(QuotaKey key, Instant now);

  /**
   * The link stored under the organization's idempotency key {@code key}, with its request
   * fingerprint, if the key is still kept at {@code now}.
   */
  Optional<KeyedSend> findByIdempotencyKey(OrganizationId organization, IdempotencyKey key, Instant now);

  /**
   * Deletes the idempotency keys (of every organization) no longer kept at {@code now}; their links
   * stay. The send use case never needs this (a key no longer kept is free, stored or not): it
   * keeps the store small, and the dispatcher calls it on each pass.
   *
   * @return how many keys were deleted
   */
  int purgeIdempotencyKeys(Instant now);
}
