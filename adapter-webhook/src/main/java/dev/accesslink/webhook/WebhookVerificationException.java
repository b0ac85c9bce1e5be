package dev.accesslink.webhook;

/**
 * A webhook failed verification; {@link #reason()} says why. Its message names no secret and no
 * signature. Answer such a request with 400 (or 401) and do not act on it.
 */
public final class WebhookVerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a webhook was refused. */
  public enum Reason {
    /** A {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} header is missing or malformed. */
    MISSING_HEADERS,
    /** The timestamp is further from now than the tolerance (a replay, or a clock far off). */
    TIMESTAMP_OUT_OF_TOLERANCE,
    /** No signature matches any of the secrets: forged, altered, or signed with another secret. */
    NO_MATCHING_SIGNATURE
  }

  private final Reason reason;

  WebhookVerificationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why it was refused. */
  public Reason reason() {
    return reason;
  }
}
