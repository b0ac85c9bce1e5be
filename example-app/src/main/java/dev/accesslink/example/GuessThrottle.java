package dev.accesslink.example;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts and throttles guesses at link secrets on the visitor endpoints, per client address.
 *
 * <p>Only failures are throttled: a request with an unknown secret takes one token from its
 * address's bucket ({@code burst} tokens, one more every {@code refillEvery}), and when the bucket
 * is empty it is answered 429 with {@code Retry-After} instead of 404. A valid secret is always
 * looked up and served, whatever its address did before, so a link's holder behind the same
 * address as an attacker (a shared NAT, a proxy) is never refused or slowed; no delay is added to
 * any request and no thread waits. One warning per burst names the address and how many guesses it made; {@link
 * #unknownSecretAttempts()} and {@link #throttledRequests()} are the operator's counters (shown by
 * {@code /api/health}). At most {@code maxTracked} addresses are remembered: full buckets are
 * forgotten first, and past that all new addresses share one bucket. Thread-safe.
 */
final class GuessThrottle {
  private static final System.Logger LOG = System.getLogger(GuessThrottle.class.getName());
  private static final String OVERFLOW = "*";

  /**
   * The throttle's limits.
   *
   * @param burst failures an address may make at once
   * @param refillEvery how often an address gets one more failure back
   * @param maxTracked how many addresses are remembered at most
   */
  record Settings(int burst, Duration refillEvery, int maxTracked) {
    Settings {
      if (burst < 1 || refillEvery.isNegative() || refillEvery.isZero() || maxTracked < 1) {
        throw new IllegalArgumentException("burst >= 1, refillEvery > 0, maxTracked >= 1");
      }
    }

    /** 20 failures at once, one more every 3 s, 10,000 addresses. */
    static Settings defaults() {
      return new Settings(20, Duration.ofSeconds(3), 10_000);
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong unknownAttempts = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();

  GuessThrottle(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Records that {@code address} presented a secret that opens nothing. Empty when it may be told
   * so (404); else the seconds it must wait (429 with {@code Retry-After}, at least 1).
   */
  OptionalLong failed(String address) {
    unknownAttempts.incrementAndGet();
    Instant now = clock.instant();
    Bucket b = buckets.get(address);
    if (b == null) {
      if (buckets.size() >= settings.maxTracked()) {
        buckets.values().removeIf(x -> x.isFull(now));
      }
      String key = buckets.size() >= settings.maxTracked() ? OVERFLOW : address;
      b = buckets.computeIfAbsent(key, k -> new Bucket(settings.burst(), now));
    }
    OptionalLong wait = b.take(now, address);
    if (wait.isPresent()) {
      throttled.incrementAndGet();
    }
    return wait;
  }

  /** Requests with a secret that opens nothing, since start. */
  long unknownSecretAttempts() {
    return unknownAttempts.get();
  }

  /** Requests answered 429 because their address guessed too often, since start. */
  long throttledRequests() {
    return throttled.get();
  }

  /** One address's tokens; guarded by itself. */
  private final class Bucket {
    private double tokens;
    private Instant refilledAt;
    private long failuresInBurst;
    private boolean reported;

    Bucket(int tokens, Instant now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }

    private void refill(Instant now) {
      long elapsed = Duration.between(refilledAt, now).toMillis();
      if (elapsed > 0) {
        tokens = Math.min(settings.burst(), tokens + (double) elapsed / settings.refillEvery().toMillis());
        refilledAt = now;
      }
      if (tokens >= settings.burst()) {
        failuresInBurst = 0;
        reported = false;
      }
    }

    synchronized boolean isFull(Instant now) {
      refill(now);
      return tokens >= settings.burst();
    }

    synchronized OptionalLong take(Instant now, String address) {
      refill(now);
      failuresInBurst++;
      if (tokens >= 1) {
        tokens -= 1;
        return OptionalLong.empty();
      }
      if (!reported) {
        reported = true;
        LOG.log(Level.WARNING, "guessing at access-link secrets: " + failuresInBurst + " unknown secrets from "
            + address + " in one burst; its further unknown secrets are answered 429 for a while ("
            + unknownAttempts.get() + " unknown secrets since start)");
      }
      double missing = 1 - tokens;
      return OptionalLong.of(Math.max(1, (long) Math.ceil(missing * settings.refillEvery().toMillis() / 1000.0)));
    }
  }
}
