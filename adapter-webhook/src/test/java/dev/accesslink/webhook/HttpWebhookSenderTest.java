package dev.accesslink.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accesslink.core.domain.WebhookEventType;
import dev.accesslink.core.domain.WebhookSecret;
import dev.accesslink.core.port.out.WebhookRequest;
import dev.accesslink.core.port.out.WebhookResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HttpWebhookSender against a real receiver on loopback")
class HttpWebhookSenderTest {
  final WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
  final Receiver receiver;
  final HttpWebhookSender sender = HttpWebhookSender.create(WebhookSenderSettings.builder()
      .plainHttpToLoopback(true).requestTimeout(Duration.ofSeconds(2)).build());

  HttpWebhookSenderTest() throws IOException {
    receiver = new Receiver(WebhookVerifier.of(List.of(secret.reveal())));
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  WebhookRequest request(URI url, WebhookSecret... secrets) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("organization", "acme");
    data.put("link", "0190a0c4-0000-7000-8000-000000000001");
    return new WebhookRequest(url, "5b0b9e2e-7c39-4c07-8f6e-1f0c1c1d2a3b", Instant.parse("2026-03-15T12:00:00Z"),
        WebhookEventType.LINK_SENT, data, List.of(secrets));
  }

  @Test
  @DisplayName("posts the Standard Webhooks headers and body; the receiver verifies the signature")
  void signedPost() throws Exception {
    WebhookResponse response = sender.send(request(receiver.url("/in"), secret));

    assertThat(response).isEqualTo(WebhookResponse.accepted(204));
    Receiver.Request r = receiver.next();
    assertThat(r.failure()).isNull();
    assertThat(r.verifiedId()).isEqualTo("5b0b9e2e-7c39-4c07-8f6e-1f0c1c1d2a3b");
    assertThat(r.headers()).containsEntry("content-type", "application/json");
    JsonNode body = new ObjectMapper().readTree(r.body());
    assertThat(body.get("type").asText()).isEqualTo("link.sent");
    assertThat(body.get("timestamp").asText()).isEqualTo("2026-03-15T12:00:00Z");
    assertThat(body.get("data").get("link").asText()).isEqualTo("0190a0c4-0000-7000-8000-000000000001");
  }

  @Test
  @DisplayName("during a rotation the receiver may hold either secret")
  void rotation() throws Exception {
    WebhookSecret next = WebhookSecret.generate(new SecureRandom());
    receiver.verifier(WebhookVerifier.of(List.of(next.reveal())));
    assertThat(sender.send(request(receiver.url("/in"), next, secret)).delivered()).isTrue();
    assertThat(receiver.next().failure()).isNull();
  }

  @Test
  @DisplayName("a receiver holding another secret refuses it, and that is a failed delivery")
  void wrongSecret() throws Exception {
    WebhookResponse response = sender.send(request(receiver.url("/in"), WebhookSecret.generate(new SecureRandom())));
    assertThat(response.delivered()).isFalse();
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(receiver.next().failure()).isEqualTo("NO_MATCHING_SIGNATURE");
  }

  @Test
  @DisplayName("a redirect is not followed")
  void noRedirects() throws Exception {
    receiver.on("/moved", ex -> {
      ex.getResponseHeaders().add("location", receiver.url("/target").toString());
      ex.sendResponseHeaders(307, -1);
    });
    WebhookResponse response = sender.send(request(receiver.url("/moved"), secret));
    assertThat(response.delivered()).isFalse();
    assertThat(response.statusCode()).isEqualTo(307);
    assertThat(receiver.next().path()).isEqualTo("/moved");
    assertThat(receiver.requests.poll(1, TimeUnit.SECONDS)).as("the target is never called").isNull();
  }

  @Test
  @DisplayName("a non-2xx answer is a failure with its status")
  void serverError() {
    receiver.on("/boom", ex -> ex.sendResponseHeaders(503, -1));
    WebhookResponse response = sender.send(request(receiver.url("/boom"), secret));
    assertThat(response).isEqualTo(WebhookResponse.failed(503, "HTTP 503"));
  }

  @Test
  @DisplayName("reads only a few KiB of an endless answer, then drops the connection")
  void boundedAnswer() {
    AtomicLong written = new AtomicLong();
    receiver.on("/big", ex -> {
      ex.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[8192];
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 64 * 1024; i++) { // up to 512 MiB
          out.write(chunk);
          written.addAndGet(chunk.length);
        }
      } catch (IOException e) {
        // the sender hung up: expected
      }
    });
    WebhookResponse response = sender.send(request(receiver.url("/big"), secret));
    assertThat(response).isEqualTo(WebhookResponse.accepted(200));
  }

  @Test
  @DisplayName("an endpoint that does not answer times out")
  void timeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    receiver.on("/slow", ex -> {
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.sendResponseHeaders(204, -1);
    });
    try {
      WebhookResponse response = sender.send(request(receiver.url("/slow"), secret));
      assertThat(response).isEqualTo(WebhookResponse.failed(null, "timeout"));
    } finally {
      release.countDown();
    }
  }

  @Test
  @DisplayName("plain http is refused without a connection, unless to loopback and allowed")
  void httpsOnly() {
    HttpWebhookSender strict = HttpWebhookSender.create(WebhookSenderSettings.defaults());
    assertThat(strict.send(request(receiver.url("/in"), secret)))
        .isEqualTo(WebhookResponse.failed(null, "url refused: https required"));
    assertThat(sender.send(request(URI.create("http://hooks.example.com/in"), secret)))
        .isEqualTo(WebhookResponse.failed(null, "url refused: https required"));
    assertThat(sender.send(request(URI.create("http://10.0.0.1/in"), secret)).detail()).contains("https required");
    assertThat(receiver.requests).isEmpty();
  }

  @Test
  @DisplayName("a host that is or resolves to a non-public address is refused without a connection, and not named")
  void privateAddressesRefused() throws Exception {
    HttpWebhookSender strict = HttpWebhookSender.create(WebhookSenderSettings.defaults());
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = listener.getLocalPort();
      AtomicInteger connections = countConnections(listener);
      // "localhost" is a name: it is resolved (to loopback) and refused
      for (String url : List.of("https://127.0.0.1:" + port + "/in", "https://localhost:" + port + "/in",
          "https://[::ffff:127.0.0.1]:" + port + "/in", "https://10.0.0.1/in", "https://169.254.169.254/in",
          "https://[fd00::1]/in")) {
        WebhookResponse response = strict.send(request(URI.create(url), secret));
        assertThat(response).as(url)
            .isEqualTo(WebhookResponse.failed(null, "url refused: the host is not a public address"));
      }
      assertThat(strict.send(request(URI.create("https://no-such-host.invalid/in"), secret)))
          .isEqualTo(WebhookResponse.failed(null, "unknown host"));

      // allowed: the call is made (the listener speaks no TLS, so it fails after connecting)
      HttpWebhookSender onPremises = HttpWebhookSender.create(WebhookSenderSettings.builder()
          .privateAddresses(true).connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(2)).build());
      WebhookResponse response = onPremises.send(request(URI.create("https://localhost:" + port + "/in"), secret));
      assertThat(response.delivered()).isFalse();
      assertThat(response.detail()).doesNotContain("url refused");
      // the listener counts a connection before closing it, so before the client's call fails
      assertThat(connections).as("only the allowed call connected").hasValue(1);
    }
  }

  /** Accepts and closes connections on {@code listener} in the background, counting them. */
  static AtomicInteger countConnections(ServerSocket listener) {
    AtomicInteger connections = new AtomicInteger();
    Thread acceptor = new Thread(() -> {
      while (!listener.isClosed()) {
        try (Socket s = listener.accept()) {
          connections.incrementAndGet();
        } catch (IOException e) {
          return;
        }
      }
    }, "test-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    return connections;
  }
}
