package dev.accesslink.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link HttpWebhookSender} posts. Immutable and thread-safe; build one with {@link
 * #builder()}.
 *
 * <ul>
 *   <li>{@code connectTimeout}: how long to wait for a TCP (and TLS) connection; default 5 s
 *   <li>{@code requestTimeout}: how long to wait for the answer's status and headers; default 10 s
 *       (keep it well under the webhook policy's lease)
 *   <li>{@code maxResponseBytes}: how much of an answer's body is read at most (then the
 *       connection is dropped); default 4 KiB
 *   <li>{@code plainHttpToLoopback}: accept {@code http://} URLs whose host is a loopback address
 *       ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}), and loopback hosts over {@code
 *       https}; default false: {@code https} only
 *   <li>{@code privateAddresses}: call hosts that resolve to private, loopback, link-local or
 *       reserved addresses (see {@link dev.accesslink.core.port.out.WebhookTargets}); default
 *       false: before each call the host is resolved and every address it has must be public.
 *       Turn it on for receivers on your own network, or when an egress proxy does the filtering
 *       (and the application cannot resolve outside names itself)
 *   <li>{@code userAgent}: the {@code User-Agent} header; default {@code AccessLinks-Webhooks/1}
 *   <li>{@code clock}: where {@code webhook-timestamp} comes from; default the system clock
 * </ul>
 *
 * <p>Redirects are never followed (a 3xx answer is a failed attempt), whatever the settings.
 */
public final class WebhookSenderSettings {
  /** Default {@link #connectTimeout()}: 5 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Default {@link #requestTimeout()}: 10 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@link #maxResponseBytes()}: 4 KiB. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 4096;

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxResponseBytes;
  private final boolean plainHttpToLoopback;
  private final boolean privateAddresses;
  private final String userAgent;
  private final Clock clock;

  private WebhookSenderSettings(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxResponseBytes = b.maxResponseBytes;
    this.plainHttpToLoopback = b.plainHttpToLoopback;
    this.privateAddresses = b.privateAddresses;
    this.userAgent = b.userAgent;
    this.clock = b.clock;
  }

  /** The defaults: https only to public addresses, 5 s to connect, 10 s for the answer, 4 KiB of it read. */
  public static WebhookSenderSettings defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** How long to wait for a connection. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long to wait for the answer. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** How much of an answer's body is read at most. */
  public int maxResponseBytes() {
    return maxResponseBytes;
  }

  /** Whether {@code http://} to a loopback address is accepted. */
  public boolean plainHttpToLoopback() {
    return plainHttpToLoopback;
  }

  /** Whether hosts that resolve to non-public addresses are called. */
  public boolean privateAddresses() {
    return privateAddresses;
  }

  /** The {@code User-Agent} header. */
  public String userAgent() {
    return userAgent;
  }

  /** The clock of {@code webhook-timestamp}. */
  public Clock clock() {
    return clock;
  }

  /** Builds {@link WebhookSenderSettings}. Not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private boolean plainHttpToLoopback;
    private boolean privateAddresses;
    private String userAgent = "AccessLinks-Webhooks/1";
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** See {@link WebhookSenderSettings#connectTimeout()}; positive. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** See {@link WebhookSenderSettings#requestTimeout()}; positive. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** See {@link WebhookSenderSettings#maxResponseBytes()}; 0 to 1 MiB. */
    public Builder maxResponseBytes(int bytes) {
      if (bytes < 0 || bytes > 1 << 20) {
        throw new IllegalArgumentException("maxResponseBytes must be between 0 and 1 MiB");
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /** See {@link WebhookSenderSettings#plainHttpToLoopback()}. */
    public Builder plainHttpToLoopback(boolean allowed) {
      this.plainHttpToLoopback = allowed;
      return this;
    }

    /** See {@link WebhookSenderSettings#privateAddresses()}. */
    public Builder privateAddresses(boolean allowed) {
      this.privateAddresses = allowed;
      return this;
    }

    /** See {@link WebhookSenderSettings#userAgent()}. */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent);
      return this;
    }

    /** See {@link WebhookSenderSettings#clock()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** The settings. */
    public WebhookSenderSettings build() {
      return new WebhookSenderSettings(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
