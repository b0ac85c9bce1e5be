package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.DeliveryCompletion;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.SecretGenerator;
import java.time.Clock;
import java.time.Instant;

/**
 * One delivery attempt under a claim: mint a fresh secret, store only its hash, send the URL,
 * record the result. A new attempt never kills a secret that may have reached the recipient: the
 * outbox keeps the secrets of attempts whose outcome is unknown (a crash, a timeout after the
 * hand-over) accepted, and only a message the provider refused for sure is superseded. Shared by the send call (first attempt) and the dispatcher (the rest).
 */
final class DeliveryAttempts {

  /** What an attempt came to. */
  enum Result { SENT, RETRY, FAILED, LOST }

  private final DeliveryOutbox outbox;
  private final Notifiers notifiers;
  private final SecretGenerator secrets;
  private final Audit audit;
  private final DeliveryPolicy policy;
  private final Clock clock;

  DeliveryAttempts(
      DeliveryOutbox outbox, Notifiers notifiers, SecretGenerator secrets, Audit audit,
      DeliveryPolicy policy, Clock clock) {
    this.outbox = outbox;
    this.notifiers = notifiers;
    this.secrets = secrets;
    this.audit = audit;
    this.policy = policy;
    this.clock = clock;
  }

  Result attempt(AccessLink link, Group group, OrganizationSettings org, DeliveryClaim claim) {
    LinkSecret secret = secrets.next();
    if (!outbox.beginAttempt(claim, secret.hash(), clock.instant())) {
      return Result.LOST;
    }
    LinkMessage message = new LinkMessage(
        link.id(),
        org.displayName(),
        link.recipient(),
        group.name(),
        group.doors().stream().map(Door::name).toList(),
        link.window(),
        org.zone(),
        org.linkUrl(secret),
        link.issuedBy(),
        link.issuerName(),
        link.language());
    DeliveryResult result;
    try {
      result = notifiers.forChannel(link.channel()).deliver(message);
    } catch (RuntimeException e) {
      // A notifier should classify, not throw; if it throws, the message may have left (keep its
      // secret alive) and keep only the exception's type: its message might quote the URL.
      result = new DeliveryResult.OutcomeUnknown("exception." + e.getClass().getSimpleName());
    }
    Instant at = clock.instant();
    if (result instanceof DeliveryResult.Sent sent) {
      return complete(link, claim, new DeliveryCompletion.Sent(at, sent.providerMessageId()),
          AccessEventType.DELIVERY_SENT, sent.segments() > 0 ? "segments=" + sent.segments() : null,
          Result.SENT);
    }
    String retryReason = result instanceof DeliveryResult.TransientFailure t ? t.reason()
        : result instanceof DeliveryResult.OutcomeUnknown u ? u.reason() : null;
    boolean mayHaveArrived = result instanceof DeliveryResult.OutcomeUnknown;
    if (retryReason != null && claim.attempt() < policy.maxAttempts()) {
      Instant next = at.plus(policy.backoffAfter(claim.attempt()));
      return complete(link, claim, new DeliveryCompletion.RetryLater(at, next, retryReason, mayHaveArrived),
          AccessEventType.DELIVERY_RETRY_SCHEDULED, mayHaveArrived ? retryReason + " (may have arrived)" : retryReason,
          Result.RETRY);
    }
    String reason = result instanceof DeliveryResult.PermanentFailure p
        ? p.reason()
        : "retries.exhausted:" + retryReason;
    return complete(link, claim, new DeliveryCompletion.Failed(at, reason),
        AccessEventType.DELIVERY_FAILED, reason, Result.FAILED);
  }

  /**
   * Ends the delivery under {@code claim} without an attempt (nothing worth sending any more: a
   * revoked or ended link, its group or organization gone) as failed for {@code reason}, with its
   * audit event.
   */
  Result abandon(AccessLink link, DeliveryClaim claim, Instant at, String reason) {
    return complete(link, claim, new DeliveryCompletion.Failed(at, reason), AccessEventType.DELIVERY_FAILED,
        reason, Result.FAILED);
  }

  private Result complete(
      AccessLink link, DeliveryClaim claim, DeliveryCompletion completion, AccessEventType type,
      String detail, Result result) {
    // the result and its audit event in one durable write
    AccessEvent event = audit.event(link.organization(), completion.at(), type, Actor.system(), link.id(), null, detail);
    return outbox.completeDelivery(claim, completion, event) ? result : Result.LOST;
  }
}
