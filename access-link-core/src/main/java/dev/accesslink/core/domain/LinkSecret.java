package dev.accesslink.core.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The one-time secret of an access link: 256 random bits, written as 43 characters of unpadded
 * base64url.
 *
 * <p>The secret is shown once (in the message, or returned once for a manual link) and never
 * stored: only its {@link #hash()} is. {@link #toString()} never reveals it; call {@link
 * #reveal()} at the one place that must put it into a URL.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinkSecret {
  /** Number of random bytes in a secret. */
  public static final int BYTES = 32;
  /** Length of the encoded form. */
  public static final int ENCODED_LENGTH = 43;
  /** Longer presented text is refused unread: no link URL is that long. */
  private static final int MAX_PRESENTED = 8192;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final byte[] bytes;

  private LinkSecret(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A fresh secret from {@code random}, which must be a cryptographically strong generator. */
  public static LinkSecret generate(RandomGenerator random) {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    return new LinkSecret(b);
  }

  /**
   * Parses a secret a visitor presented. Anything that is not exactly 43 base64url characters
   * encoding 32 bytes is empty: the caller treats it as an unknown link, without saying why.
   */
  public static Optional<LinkSecret> parse(String presented) {
    if (presented.length() != ENCODED_LENGTH) {
      return Optional.empty();
    }
    for (int i = 0; i < presented.length(); i++) {
      char c = presented.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
              || c == '_';
      if (!ok) {
        return Optional.empty();
      }
    }
    byte[] decoded = DECODER.decode(presented);
    // reject non-canonical encodings (stray low bits in the last character) so one secret has one text
    if (decoded.length != BYTES || !ENCODER.encodeToString(decoded).equals(presented)) {
      return Optional.empty();
    }
    return Optional.of(new LinkSecret(decoded));
  }

  /**
   * Parses what a visitor presented: the secret alone, or a whole link URL whose last path segment
   * is the secret ({@code https://doors.acme.example/l/SECRET}). A query ({@code ?...}), a fragment
   * ({@code #...}), trailing slashes and surrounding white space are ignored; the scheme, host and
   * the rest of the path are not checked (the secret alone is the credential). Anything else is
   * empty, as with {@link #parse}: the caller treats it as an unknown link, without saying why.
   */
  public static Optional<LinkSecret> parsePresented(String presented) {
    if (presented.length() > MAX_PRESENTED) {
      return Optional.empty();
    }
    String s = presented.strip();
    int cut = s.indexOf('#');
    s = cut < 0 ? s : s.substring(0, cut);
    cut = s.indexOf('?');
    s = cut < 0 ? s : s.substring(0, cut);
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return parse(s.substring(s.lastIndexOf('/', end - 1) + 1, end));
  }

  /** The secret in its URL form. Handle with care: this is the credential. */
  public String reveal() {
    return ENCODER.encodeToString(bytes);
  }

  /** SHA-256 of the secret's bytes: what the store keeps and looks up. */
  public SecretHash hash() {
    try {
      return SecretHash.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinkSecret other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Always {@code "LinkSecret[redacted]"}. */
  @Override
  public String toString() {
    return "LinkSecret[redacted]";
  }
}
