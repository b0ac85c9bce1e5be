package dev.accesslink.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * HMAC-SHA256 and the exact bytes a command signature covers (see docs/door-control-mqtt.md,
 * "Signed commands"): every signed field, each as its UTF-8 length, a colon and its text, after
 * the version tag {@code accesslink-command-v1}. Length prefixes make the encoding unambiguous
 * whatever characters a door id holds.
 */
public final class CommandMac {
  private static final String TAG = "accesslink-command-v1";

  /**
   * One Mac per thread ({@link Mac#getInstance}, a provider lookup, costs more than the MAC itself),
   * with the key it was last initialized with: {@link Mac#doFinal} leaves it ready for that key
   * again, so a thread signing or checking under one key initializes it once, not per command.
   */
  private static final ThreadLocal<Keyed> MACS = ThreadLocal.withInitial(() -> {
    try {
      return new Keyed(Mac.getInstance("HmacSHA256"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  });

  private static final class Keyed {
    final Mac mac;
    /** The array the Mac was initialized from (compared by identity: key arrays are never changed). */
    byte @Nullable [] key;

    Keyed(Mac mac) {
      this.mac = mac;
    }
  }

  private static final byte[] TAG_BYTES = TAG.getBytes(StandardCharsets.US_ASCII);

  private CommandMac() {}

  /** HMAC-SHA256 of {@code message} under {@code key}. */
  public static byte[] mac(byte[] key, byte[] message) {
    Keyed keyed = MACS.get();
    if (keyed.key != key) {
      keyed.key = null;
      try {
        keyed.mac.init(new SecretKeySpec(key, "HmacSHA256"));
      } catch (InvalidKeyException e) {
        throw new IllegalStateException("an HMAC key was refused", e);
      }
      keyed.key = key;
    }
    return keyed.mac.doFinal(message);
  }

  /** The signed bytes of a command. */
  public static byte[] signedBytes(String organization, String door, String commandId, String action,
      long durationMs, String linkId, String issuedAt, String expiresAt) {
    byte[][] fields = {
        utf8(organization), utf8(door), utf8(commandId), utf8(action),
        Long.toString(durationMs).getBytes(StandardCharsets.US_ASCII), utf8(linkId), utf8(issuedAt),
        utf8(expiresAt)};
    int size = TAG_BYTES.length;
    for (byte[] f : fields) {
      size += 1 + digits(f.length) + 1 + f.length;
    }
    byte[] out = new byte[size];
    System.arraycopy(TAG_BYTES, 0, out, 0, TAG_BYTES.length);
    int at = TAG_BYTES.length;
    for (byte[] f : fields) {
      // a newline, the UTF-8 length of the field in decimal, a colon and its UTF-8 bytes
      out[at++] = '\n';
      int width = digits(f.length);
      for (int i = at + width - 1, v = f.length; i >= at; i--, v /= 10) {
        out[i] = (byte) ('0' + v % 10);
      }
      at += width;
      out[at++] = ':';
      System.arraycopy(f, 0, out, at, f.length);
      at += f.length;
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** How many decimal digits {@code n} (not negative) has. */
  private static int digits(int n) {
    int d = 1;
    while (n >= 10) {
      n /= 10;
      d++;
    }
    return d;
  }
}
