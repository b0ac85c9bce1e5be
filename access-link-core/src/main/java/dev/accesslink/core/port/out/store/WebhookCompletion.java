package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.port.out.WebhookOutbox;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** How a claimed webhook attempt ended; recorded by {@link WebhookOutbox#complete}. */
public sealed interface WebhookCompletion {

  /** When the attempt ended. */
  Instant at();

  /** The HTTP status of the answer, or {@code null} when there was none. */
  @Nullable Integer statusCode();

  /** The endpoint answered 2xx: the delivery is DELIVERED. */
  record Delivered(Instant at, @Nullable Integer statusCode) implements WebhookCompletion {
    public Delivered {
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * It failed; the delivery stays PENDING and is due again at {@code nextAttemptAt}.
   *
   * @param reason short, secret-free reason
   */
  record RetryLater(Instant at, @Nullable Integer statusCode, String reason, Instant nextAttemptAt)
      implements WebhookCompletion {
    public RetryLater {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }
  }

  /**
   * It failed at the end of the retry period: the delivery becomes FAILED and, atomically, the
   * endpoint is disabled (unless it already is) and {@code disabledEvent} ({@code
   * WEBHOOK_ENDPOINT_DISABLED}) is appended to the audit log.
   *
   * @param reason short, secret-free reason
   */
  record GaveUp(Instant at, @Nullable Integer statusCode, String reason, AccessEvent disabledEvent)
      implements WebhookCompletion {
    public GaveUp {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(disabledEvent, "disabledEvent");
    }
  }
}
