package dev.accesslink.webhook;

import dev.accesslink.core.domain.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature: {@code v1,} + base64 of HMAC-SHA256, keyed with the endpoint's
 * secret, over {@code webhook-id + "." + webhook-timestamp + "." + body}. The {@code
 * webhook-signature} header holds one such signature per valid secret, separated by spaces (two
 * during a rotation). Stateless and thread-safe.
 */
public final class WebhookSignatures {
  /** The version prefix of each signature. */
  public static final String VERSION = "v1";

  private WebhookSignatures() {}

  /** The signature of one message with one secret: {@code v1,<base64>}. */
  public static String sign(WebhookSecret secret, String id, long timestampSeconds, byte[] body) {
    return VERSION + "," + Base64.getEncoder().encodeToString(hmac(secret, id, timestampSeconds, body));
  }

  /** The {@code webhook-signature} header: one signature per secret, space-separated. */
  public static String header(List<WebhookSecret> secrets, String id, long timestampSeconds, byte[] body) {
    List<String> out = new ArrayList<>();
    for (WebhookSecret s : secrets) {
      out.add(sign(s, id, timestampSeconds, body));
    }
    return String.join(" ", out);
  }

  static byte[] hmac(WebhookSecret secret, String id, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.keyBytes(), "HmacSHA256"));
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
