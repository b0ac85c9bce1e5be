package dev.accesslink.mqtt.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Checks for settings values; each throws {@link IllegalArgumentException} with a message that
 * echoes no secret.
 */
public final class Checks {
  private Checks() {}

  /** A broker URI: {@code tcp}, {@code ssl}, {@code ws} or {@code wss}, a host, no credentials. */
  public static void serverUri(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("serverUri is not a URI", e);
    }
    if (parsed.getRawUserInfo() != null) {
      // never echo it: it may hold a password
      throw new IllegalArgumentException("serverUri must not contain credentials; use credentials(...)");
    }
    String scheme = parsed.getScheme();
    if (scheme == null || !Set.of("tcp", "ssl", "ws", "wss").contains(scheme) || parsed.getHost() == null) {
      throw new IllegalArgumentException("serverUri must be tcp://, ssl://, ws:// or wss://host:port: " + uri);
    }
  }

  /** {@code d}, if positive. */
  public static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
    return d;
  }

  /** {@code d}, if not negative. */
  public static Duration nonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative");
    }
    return d;
  }
}
