package dev.accesslink.core.port.out.store;

import dev.accesslink.core.port.out.DeliveryOutbox;
import java.time.Instant;
import java.util.Objects;

/** How a claimed delivery attempt ended; recorded by {@link DeliveryOutbox#completeDelivery}. */
public sealed interface DeliveryCompletion {

  /** When the attempt ended. */
  Instant at();

  /**
   * The provider accepted the message: delivery status SENT.
   *
   * @param providerMessageId the provider's id for the message (SMTP Message-ID, Twilio SID), kept
   *     with the attempt so that a later delivery report finds it; empty when the provider gave none
   */
  record Sent(Instant at, String providerMessageId) implements DeliveryCompletion {
    public Sent {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(providerMessageId, "providerMessageId");
    }

    /** Sent, without a provider message id. */
    public Sent(Instant at) {
      this(at, "");
    }
  }

  /**
   * A transient failure: the delivery stays PENDING and becomes claimable at {@code nextAttemptAt}.
   *
   * @param reason short secret-free reason (provider code)
   * @param mayHaveArrived true when the attempt's outcome is unknown (the message may have been
   *     handed over): its secret stays accepted after later attempts; false when the provider
   *     refused it for sure: the next attempt's secret supersedes it
   */
  record RetryLater(Instant at, Instant nextAttemptAt, String reason, boolean mayHaveArrived)
      implements DeliveryCompletion {
    public RetryLater {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
      Objects.requireNonNull(reason, "reason");
    }

    /** A retry after a message that was refused for sure. */
    public RetryLater(Instant at, Instant nextAttemptAt, String reason) {
      this(at, nextAttemptAt, reason, false);
    }
  }

  /**
   * A permanent failure: the delivery becomes FAILED, the link is revoked with reason
   * DELIVERY_FAILED, and its quota unit is given back (live slot, or monthly count), all at once.
   *
   * @param reason short secret-free reason (provider code)
   */
  record Failed(Instant at, String reason) implements DeliveryCompletion {
    public Failed {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
