package dev.accesslink.core.port.out.store;

import dev.accesslink.core.port.out.DeliveryOutbox;
import java.time.Instant;
import java.util.Objects;

/** How a claimed delivery attempt ended; recorded by {@link DeliveryOutbox#completeDelivery}. */
public sealed interface DeliveryCompletion {

  /** When the attempt ended. */
  Instant at();

  /** The provider accepted the message: delivery status SENT. */
  record Sent(Instant at) implements DeliveryCompletion {
    public Sent {
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A transient failure: the delivery stays PENDING and becomes claimable at {@code nextAttemptAt}.
   *
   * @param reason short secret-free reason (provider code)
   */
  record RetryLater(Instant at, Instant nextAttemptAt, String reason) implements DeliveryCompletion {
    public RetryLater {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
      Objects.requireNonNull(reason, "reason");
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
