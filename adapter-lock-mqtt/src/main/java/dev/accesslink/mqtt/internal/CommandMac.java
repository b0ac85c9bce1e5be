package dev.accesslink.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 and the exact bytes a command signature covers (see docs/door-control-mqtt.md,
 * "Signed commands"): every signed field, each as its UTF-8 length, a colon and its text, after
 * the version tag {@code accesslink-command-v1}. Length prefixes make the encoding unambiguous
 * whatever characters a door id holds.
 */
public final class CommandMac {
  private static final String TAG = "accesslink-command-v1";

  /** One Mac per thread: {@link Mac#getInstance} (a provider lookup) costs more than the MAC itself. */
  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  });

  private CommandMac() {}

  /** HMAC-SHA256 of {@code message} under {@code key}. */
  public static byte[] mac(byte[] key, byte[] message) {
    Mac mac = MACS.get();
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("an HMAC key was refused", e);
    }
    return mac.doFinal(message);
  }

  /** The signed bytes of a command. */
  public static byte[] signedBytes(String organization, String door, String commandId, String action,
      long durationMs, String linkId, String issuedAt, String expiresAt) {
    StringBuilder b = new StringBuilder(256).append(TAG);
    for (String field : new String[] {organization, door, commandId, action, Long.toString(durationMs), linkId,
        issuedAt, expiresAt}) {
      b.append('\n').append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field);
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
