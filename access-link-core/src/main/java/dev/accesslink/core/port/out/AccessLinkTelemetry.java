package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DenialReason;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the library reports about its own work, for metrics and traces: a listener for the
 * outcomes of sends, deliveries, unlocks, door commands and dispatcher passes, and a hook that
 * wraps each operation so that an implementation can time it and make it the current span (a
 * Micrometer {@code Observation}, say). The module {@code access-link-micrometer} implements it;
 * {@link #none()} is the default and does nothing.
 *
 * <p>How the library calls it:
 *
 * <ul>
 *   <li>{@link #observe} runs each {@link Operation} (one send, one dispatcher pass, one unlock,
 *       one door command) exactly once, on the calling thread. Operations nest: an unlock's door
 *       command runs inside the unlock.
 *   <li>Each event ({@code on...}) is reported on the thread that runs its operation, <em>inside</em>
 *       the work that {@link #observe} was given for it, before that work returns or throws; so an
 *       implementation may attach an event's outcome to the operation's span or timer. {@link
 *       #onDelivery} comes inside a send (the first attempt) or a dispatcher pass (the retries).
 *   <li>Every argument is of low cardinality (enums and counts): never a link, organization,
 *       address or secret.
 * </ul>
 *
 * <p>Implementations must be thread-safe and fast: they run on the unlock path. A failing
 * implementation does not break a use case: the library catches what a listener method throws,
 * logs it, and goes on; if {@link #observe} throws without running the work, the library runs the
 * work itself.
 */
public interface AccessLinkTelemetry {

  /** The telemetry that reports nothing: the default. */
  static AccessLinkTelemetry none() {
    return NoTelemetry.INSTANCE;
  }

  /**
   * Runs {@code work}, the whole of one {@code operation}, and returns its result. An
   * implementation times it, makes it current (trace context) while it runs, and must call {@code
   * work} exactly once on the calling thread and pass on what it throws. Default: just runs it.
   */
  default <T> T observe(Operation operation, Supplier<T> work) {
    return work.get();
  }

  /** A send call ended: a link was stored (and its first delivery attempted), or refused. */
  default void onSend(DeliveryChannel channel, SendOutcome outcome) {}

  /** A notifier answered one delivery attempt of an EMAIL or SMS link. */
  default void onDelivery(DeliveryChannel channel, DeliveryOutcome outcome) {}

  /**
   * The provider accepted a message that took {@code segments} billable segments (an SMS: Twilio
   * bills per segment). Comes right after {@link #onDelivery} with {@link DeliveryOutcome#SENT},
   * and only when the notifier reported a count ({@code DeliveryResult.Sent#segments} above 0).
   */
  default void onSegmentsSent(DeliveryChannel channel, int segments) {}

  /**
   * An unlock call ended.
   *
   * @param reason why it was refused, for {@link UnlockResult#DENIED} only
   */
  default void onUnlock(UnlockResult outcome, Optional<DenialReason> reason) {}

  /** A door controller answered one unlock command (inside {@link Operation#DOOR_COMMAND}). */
  default void onDoorCommand(DoorOutcome outcome) {}

  /**
   * A dispatcher pass ended.
   *
   * @param claimed due deliveries the pass claimed
   * @param leftPending of those, the ones still pending after the pass: scheduled for a retry,
   *     or taken over by another dispatcher; deliveries that were not due are not counted
   */
  default void onDispatch(int claimed, int leftPending) {}

  /** The operations that {@link #observe} wraps. */
  enum Operation {
    /** One send call, including its first delivery attempt. */
    SEND,
    /** One dispatcher pass over the due deliveries. */
    DISPATCH,
    /** One unlock call, including its door command. */
    UNLOCK,
    /** One command to a door controller, from sending it to the lock's answer or the timeout. */
    DOOR_COMMAND
  }

  /** How a send call ended. */
  enum SendOutcome {
    /** The link was stored; for EMAIL and SMS, its first delivery was attempted. */
    ISSUED,
    /** Refused: the channel's quota is used up. */
    QUOTA_EXHAUSTED,
    /** Refused: bad input, an unknown group or organization, an unsupported channel. */
    REJECTED,
    /** Failed: the infrastructure (store, directory) failed. */
    ERROR,
    /**
     * A repeat of an earlier send under the same idempotency key: that send's link returned, nothing
     * stored, counted or sent. (The same key with a different request is {@link #REJECTED}.)
     */
    REPEATED
  }

  /** How a notifier answered one delivery attempt. */
  enum DeliveryOutcome {
    /** The provider accepted the message. */
    SENT,
    /** Failed for now; the dispatcher retries unless the attempts are used up. */
    TRANSIENT_FAILURE,
    /** Failed for good; the link is revoked and its quota unit given back. */
    PERMANENT_FAILURE,
    /** The notifier threw instead of answering (handled like a transient failure). */
    ERROR
  }

  /** How an unlock call ended. */
  enum UnlockResult {
    /** The door confirmed it unlocked. */
    UNLOCKED,
    /** Refused by the rules or by the lock; see the reason. */
    DENIED,
    /** The door did not answer in time or is offline. */
    DOOR_UNREACHABLE,
    /** Failed: the infrastructure (store, directory) failed. */
    ERROR
  }

  /** How a door controller answered one command. */
  enum DoorOutcome {
    /** The lock confirmed it unlocked. */
    UNLOCKED,
    /** The lock answered but did not open. */
    REFUSED,
    /** No answer within the timeout, or the lock is offline. */
    UNREACHABLE,
    /** The door controller threw. */
    ERROR
  }
}

