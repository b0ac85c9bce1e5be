package dev.accesslink.webhook;

import dev.accesslink.core.domain.WebhookSecret;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Verifies webhooks on the receiving side: a signature of the {@code webhook-signature} header
 * must match the body under one of the secrets (two during a rotation), and {@code
 * webhook-timestamp} must be within the tolerance of now (default five minutes), so that a
 * captured request cannot be replayed later. Use the raw body bytes, before any JSON parsing.
 * De-duplicate on {@code webhook-id}: a webhook may arrive more than once.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of(List.of(System.getenv("WEBHOOK_SECRET")));
 * verifier.verify(name -> request.getHeader(name), rawBody); // throws WebhookVerificationException
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookVerifier {
  /** The default tolerance between {@code webhook-timestamp} and now: five minutes. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final List<WebhookSecret> secrets;
  private final Duration tolerance;
  private final Clock clock;

  private WebhookVerifier(List<WebhookSecret> secrets, Duration tolerance, Clock clock) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret");
    }
    this.secrets = List.copyOf(secrets);
    this.tolerance = Objects.requireNonNull(tolerance);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * A verifier for the secrets in their {@code whsec_...} form (one, or two during a rotation).
   *
   * @throws IllegalArgumentException for a malformed secret (the message does not quote it)
   */
  public static WebhookVerifier of(List<String> secrets) {
    return new WebhookVerifier(secrets.stream().map(WebhookSecret::parse).toList(), DEFAULT_TOLERANCE,
        Clock.systemUTC());
  }

  /** This verifier with another timestamp tolerance. */
  public WebhookVerifier withTolerance(Duration tolerance) {
    return new WebhookVerifier(secrets, tolerance, clock);
  }

  /** This verifier with another clock (tests). */
  public WebhookVerifier withClock(Clock clock) {
    return new WebhookVerifier(secrets, tolerance, clock);
  }

  /**
   * Verifies one request.
   *
   * @param headers the request's header values by (lower-case) name, {@code null} when absent
   * @param body the raw body
   * @return the verified {@code webhook-id}, the key to de-duplicate on
   * @throws WebhookVerificationException when it does not verify
   */
  public String verify(Function<String, @Nullable String> headers, byte[] body) {
    String id = headers.apply("webhook-id");
    String timestamp = headers.apply("webhook-timestamp");
    String signatures = headers.apply("webhook-signature");
    if (id == null || timestamp == null || signatures == null || id.isBlank()) {
      throw new WebhookVerificationException(WebhookVerificationException.Reason.MISSING_HEADERS,
          "webhook-id, webhook-timestamp and webhook-signature are required");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException(WebhookVerificationException.Reason.MISSING_HEADERS,
          "webhook-timestamp is not a number of seconds");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - seconds) > tolerance.toSeconds()) {
      throw new WebhookVerificationException(WebhookVerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE,
          "webhook-timestamp is more than " + tolerance + " from now");
    }
    for (String candidate : signatures.trim().split(" +")) {
      int comma = candidate.indexOf(',');
      if (comma < 0 || !candidate.substring(0, comma).equals(WebhookSignatures.VERSION)) {
        continue;
      }
      byte[] presented;
      try {
        presented = Base64.getDecoder().decode(candidate.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      for (WebhookSecret s : secrets) {
        if (MessageDigest.isEqual(presented, WebhookSignatures.hmac(s, id, seconds, body))) {
          return id;
        }
      }
    }
    throw new WebhookVerificationException(WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE,
        "no signature matches");
  }
}
