package dev.accesslink.core.domain;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 hash of a {@link LinkSecret}: what a store keeps, indexes uniquely and looks up.
 *
 * <p>A plain (unsalted, fast) hash is the right tool here: the secret has 256 bits of entropy, so
 * there is nothing to brute-force, and lookups must stay one indexed read. Immutable.
 */
public final class SecretHash {
  /** Length of the hash in bytes. */
  public static final int BYTES = 32;

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private SecretHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps 32 bytes (copied). */
  public static SecretHash of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a secret hash is 32 bytes, got " + bytes.length);
    }
    return new SecretHash(bytes.clone());
  }

  /** Parses the 64-character lower-case hex form produced by {@link #toHex()}. */
  public static SecretHash fromHex(String hex) {
    if (hex.length() != BYTES * 2) {
      throw new IllegalArgumentException("a secret hash is 64 hex characters");
    }
    return new SecretHash(HEX.parseHex(hex));
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** 64 lower-case hex characters. */
  public String toHex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretHash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Shows only a short prefix: enough to correlate in a debugger, useless to an attacker. */
  @Override
  public String toString() {
    return "SecretHash[" + toHex().substring(0, 8) + "…]";
  }
}
