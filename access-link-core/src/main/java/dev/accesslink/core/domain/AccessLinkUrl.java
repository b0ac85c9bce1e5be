package dev.accesslink.core.domain;

import java.net.URI;

/**
 * The visitor URL of a link: the organization's link base URL followed by the secret.
 *
 * <p>It contains the secret, so {@link #toString()} redacts it; {@link #reveal()} gives the real
 * text to the one place that shows or sends it. Immutable.
 */
public final class AccessLinkUrl {
  private final String base;
  private final LinkSecret secret;

  private AccessLinkUrl(String base, LinkSecret secret) {
    this.base = base;
    this.secret = secret;
  }

  /**
   * Builds {@code base + secret}. A base without a trailing slash gets one, so both {@code
   * https://x/l} and {@code https://x/l/} give {@code https://x/l/SECRET}.
   */
  public static AccessLinkUrl of(URI base, LinkSecret secret) {
    String b = base.toString();
    return new AccessLinkUrl(b.endsWith("/") ? b : b + "/", secret);
  }

  /** The full URL, secret included. Handle with care. */
  public String reveal() {
    return base + secret.reveal();
  }

  /**
   * The secret alone, e.g. to pass to {@code unlock} or {@code resolve} (which also accept the
   * whole URL). Its {@code toString()} does not reveal it either.
   */
  public LinkSecret secret() {
    return secret;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessLinkUrl other && base.equals(other.base) && secret.equals(other.secret);
  }

  @Override
  public int hashCode() {
    return base.hashCode() * 31 + secret.hashCode();
  }

  /** The base followed by {@code [redacted]}: never the secret. */
  @Override
  public String toString() {
    return base + "[redacted]";
  }
}
