package dev.accesslink.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Signatures and their verification (Standard Webhooks)")
class WebhookVerifierTest {
  static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
  final WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
  final byte[] body = "{\"type\":\"link.sent\",\"timestamp\":\"2026-03-15T12:00:00Z\",\"data\":{}}"
      .getBytes(StandardCharsets.UTF_8);

  WebhookVerifier verifier(WebhookSecret... secrets) {
    return WebhookVerifier.of(java.util.Arrays.stream(secrets).map(WebhookSecret::reveal).toList())
        .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static Map<String, String> headers(String id, long ts, String signature) {
    return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(ts), "webhook-signature", signature);
  }

  @Test
  @DisplayName("matches the specification's published example")
  void specificationVector() {
    WebhookSecret s = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    byte[] payload = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookSignatures.sign(s, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, payload))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  @DisplayName("a signed request verifies and yields its id")
  void verifies() {
    long ts = NOW.getEpochSecond();
    Map<String, String> h = headers("evt-1", ts, WebhookSignatures.sign(secret, "evt-1", ts, body));
    assertThat(verifier(secret).verify(h::get, body)).isEqualTo("evt-1");
  }

  @Test
  @DisplayName("a tampered body, a changed id, an old or future timestamp, or another secret fail")
  void refuses() {
    long ts = NOW.getEpochSecond();
    String sig = WebhookSignatures.sign(secret, "evt-1", ts, body);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("link.sent", "door.unlocked")
        .getBytes(StandardCharsets.UTF_8);
    assertReason(verifier(secret), headers("evt-1", ts, sig), tampered,
        WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE);
    assertReason(verifier(secret), headers("evt-2", ts, sig), body,
        WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE);
    assertReason(verifier(WebhookSecret.generate(new SecureRandom())), headers("evt-1", ts, sig), body,
        WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE);

    long old = NOW.minus(Duration.ofMinutes(6)).getEpochSecond();
    assertReason(verifier(secret), headers("evt-1", old, WebhookSignatures.sign(secret, "evt-1", old, body)), body,
        WebhookVerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE);
    long future = NOW.plus(Duration.ofMinutes(6)).getEpochSecond();
    assertReason(verifier(secret), headers("evt-1", future, WebhookSignatures.sign(secret, "evt-1", future, body)),
        body, WebhookVerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE);
    assertReason(verifier(secret), Map.of("webhook-id", "evt-1"), body,
        WebhookVerificationException.Reason.MISSING_HEADERS);
    assertReason(verifier(secret), headers("evt-1", ts, "v2," + sig.substring(3)), body,
        WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  @DisplayName("during a rotation the header has two signatures: a receiver with either secret accepts it")
  void rotation() {
    WebhookSecret next = WebhookSecret.generate(new SecureRandom());
    long ts = NOW.getEpochSecond();
    String header = WebhookSignatures.header(List.of(next, secret), "evt-1", ts, body);
    assertThat(header.split(" ")).hasSize(2);
    Map<String, String> h = headers("evt-1", ts, header);
    assertThat(verifier(secret).verify(h::get, body)).isEqualTo("evt-1");
    assertThat(verifier(next).verify(h::get, body)).isEqualTo("evt-1");
    assertThat(verifier(next, secret).verify(h::get, body)).isEqualTo("evt-1");
  }

  @Test
  @DisplayName("the sealer's text opens with its key only, and never shows the secret")
  void sealer() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    AesGcmSecretSealer sealer = AesGcmSecretSealer.of(key);
    String sealed = sealer.seal(secret);
    assertThat(sealed).startsWith("v1.").doesNotContain(secret.reveal().substring(6));
    assertThat(sealer.open(sealed)).isEqualTo(secret);
    assertThatThrownBy(() -> AesGcmSecretSealer.of(new byte[32]).open(sealed))
        .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(sealed);
    assertThatThrownBy(() -> AesGcmSecretSealer.of(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }

  static void assertReason(WebhookVerifier v, Map<String, String> h, byte[] body, WebhookVerificationException.Reason r) {
    assertThatThrownBy(() -> v.verify(h::get, body))
        .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(r));
  }
}
