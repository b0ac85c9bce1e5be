package dev.accesslink.core.spec;

import dev.accesslink.core.domain.WebhookSecret;
import dev.accesslink.core.port.out.SecretSealer;
import java.util.Base64;

/** A reversible stand-in for a real sealer (adapter-webhook has AES-GCM): marks and reverses. */
final class TestSealer implements SecretSealer {
  @Override
  public String seal(WebhookSecret secret) {
    return "sealed:" + new StringBuilder(Base64.getEncoder().encodeToString(secret.keyBytes())).reverse();
  }

  @Override
  public WebhookSecret open(String sealed) {
    if (!sealed.startsWith("sealed:")) {
      throw new IllegalStateException("not sealed here");
    }
    return WebhookSecret.ofBytes(Base64.getDecoder().decode(
        new StringBuilder(sealed.substring("sealed:".length())).reverse().toString()));
  }
}
