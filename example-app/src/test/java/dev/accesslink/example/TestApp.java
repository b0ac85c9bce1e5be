package dev.accesslink.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.core.domain.LinkSecret;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The example app as a newcomer runs it (embedded H2 file database in a temporary folder, embedded
 * MQTT broker with simulated locks, demo outbox), started once per test JVM on a free port, plus a
 * small HTTP client for it.
 */
final class TestApp {
  static final String TOKEN = "test-admin-token-4f9c2a";
  private static RunningApp app;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper JSON = CompositionRoot.objectMapper();

  private TestApp() {}

  static synchronized RunningApp get() {
    if (app == null) {
      try {
        Path data = Files.createTempDirectory("accesslink-example-test");
        app = CompositionRoot.start(AppConfig.builder()
            .port(0)
            .adminToken(TOKEN)
            .adminName("Grace Hopper")
            .dataDir(data)
            .dispatchInterval(Duration.ofMillis(500))
            .settings(Map.of("ACCESSLINK_GUESS_BURST", "100000")) // the suite tries many unknown links from one address
            .build());
        RunningApp started = app;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return app;
  }

  static String base() {
    return get().baseUrl().toString();
  }

  /** A response: status, headers and the body parsed as JSON (a missing node when empty). */
  record Reply(int status, HttpResponse<String> raw, JsonNode json) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    JsonNode error() {
      return json.path("error");
    }
  }

  static Reply send(String method, String path, String token, String contentType, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("").contains("json")
          ? JSON.missingNode() : JSON.readTree(r.body());
      return new Reply(r.statusCode(), r, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Reply admin(String method, String path) {
    return send(method, path, TOKEN, null, null);
  }

  static Reply adminJson(String method, String path, Object body) {
    try {
      return send(method, path, TOKEN, "application/json", JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Reply visitor(String method, String path) {
    return send(method, path, null, null, null);
  }

  /** The secret part of a visitor URL. */
  static String secretOf(String url) {
    return LinkSecret.parsePresented(url).orElseThrow().reveal();
  }
}
