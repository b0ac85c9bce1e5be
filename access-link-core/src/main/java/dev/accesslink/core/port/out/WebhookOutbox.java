package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.WebhookDelivery;
import dev.accesslink.core.domain.WebhookEndpointId;
import dev.accesslink.core.port.out.store.WebhookClaim;
import dev.accesslink.core.port.out.store.WebhookCompletion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The durable queue of webhook deliveries, fed by the audit log of the same store. Every event
 * appended to the audit log is durably marked "to announce" in the same atomic step as the event
 * itself (so as the change it records); {@link #announce} turns marked events into one queued
 * delivery per enabled endpoint of the organization that subscribes to the event's type and
 * existed when the event happened, and clears their mark, atomically. Deliveries are claimed with
 * a lease, as the delivery outbox's are, so that several dispatchers never send one at the same
 * time; a claim that is not completed (the dispatcher crashed after sending) is claimed again
 * after its lease: at least once, with the event id as the receiver's de-duplication key.
 * Thread-safe. Contract: {@code WebhookStoreContract} in the testkit.
 */
public interface WebhookOutbox {

  /**
   * Queues the deliveries of up to {@code max} audit events not yet announced, oldest first, and
   * marks those events announced, atomically: each event is announced exactly once.
   *
   * @return how many events this call announced (0 when none was left)
   */
  int announce(int max);

  /**
   * Appends a {@link dev.accesslink.core.domain.AccessEventType#LINK_EXPIRED} event (credited to
   * the system, at the link's {@code validUntil}) for each link whose window ended after the
   * previous call's {@code upTo} and at or before this {@code upTo}, and that was not revoked before
   * it ended; at most {@code max} per call, earliest end first. Exactly once per link, also with
   * several callers at once. The very first call of a store only sets the starting point (links
   * that ended before it are not announced).
   *
   * @return how many events this call appended
   */
  int recordExpiries(Instant upTo, int max);

  /**
   * Claims up to {@code max} due deliveries, each leased until {@code now + lease}: pending, next
   * attempt reached, no live lease, their endpoint enabled, and no earlier pending delivery of the
   * same link to the same endpoint (so that one link's events arrive in order).
   */
  List<WebhookClaim> claimDue(Instant now, Duration lease, int max);

  /**
   * Records how an attempt ended, only while {@code claim} is the delivery's current claim.
   *
   * @return false (nothing changed) when the claim is no longer current
   */
  boolean complete(WebhookClaim claim, WebhookCompletion completion);

  /** The endpoint's deliveries, newest first, at most {@code limit}. */
  List<WebhookDelivery> deliveries(OrganizationId organization, WebhookEndpointId endpoint, int limit);
}
