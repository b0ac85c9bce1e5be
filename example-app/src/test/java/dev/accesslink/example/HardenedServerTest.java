package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.DoorPolicy;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The web server under attack and faults, over real sockets on loopback: slow and idle clients,
 * a body over the limit, keep-alive, a lock that never answers, guessed secrets. Runs the web layer
 * with small limits (8 worker threads, 1 s idle timeout, a bulkhead of 2 waits per door and 3 in
 * all, 3 guesses per burst) on the testkit's in-memory adapters.
 */
@DisplayName("The hardened web server")
class HardenedServerTest {
  static final WebServer.Limits SMALL = new WebServer.Limits(12, 32, Duration.ofSeconds(1), 1024, 500);
  static final Set<String> FROZEN = Set.of("office", "storage-room");

  final CountDownLatch thaw = new CountDownLatch(1);
  final Semaphore waiting = new Semaphore(0);
  final AtomicInteger frozenWaits = new AtomicInteger();
  WebServer server;
  AccessLinks links;
  String base;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws Exception {
    InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence();
    persistence.organizations().save(
        DemoSeed.organization(Optional.empty(), URI.create("http://localhost/l/"), ZoneOffset.UTC,
            dev.accesslink.core.domain.Language.ENGLISH));
    DemoSeed.GROUPS.forEach(persistence.groups()::put);
    links = AccessLinks.builder().persistence(persistence)
        .doors(command -> {
          if (!FROZEN.contains(command.door().value())) {
            return new DoorResponse.Unlocked();
          }
          frozenWaits.incrementAndGet();
          waiting.release();
          try {
            return thaw.await(30, TimeUnit.SECONDS) ? new DoorResponse.Unlocked() : new DoorResponse.Unreachable("timeout");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DoorResponse.Unreachable("interrupted");
          }
        })
        .doorPolicy(new DoorPolicy(Duration.ofSeconds(30), Duration.ofSeconds(30)).withBulkhead(2, 3))
        .clock(Clock.systemUTC()).build();
    GuessThrottle throttle = new GuessThrottle(new GuessThrottle.Settings(3, Duration.ofMinutes(10), 100), Clock.systemUTC());
    server = WebServer.start("127.0.0.1", 0, SMALL, CompositionRoot.objectMapper(), 16 * 1024, new StaticFiles(),
        new AdminRoutes(links, null, "t", AdminId.of("admin"), "Grace Hopper",
            url -> new byte[0], Clock.systemUTC()), new VisitorRoutes(links, throttle, new VisitorTexts(VisitorTexts.BUILT_IN)),
        throttle);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    thaw.countDown();
    server.close();
    links.close();
  }

  HttpResponse<String> call(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  CompletableFuture<HttpResponse<String>> callAsync(String method, String path) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  String staffSecret() {
    String url = links.send(SendAccessLinkCommand.manual(DemoSeed.ORGANIZATION, AdminId.of("admin"), "Ann",
        GroupId.of("staff"), ValidityWindow.always())).manualUrlIfAny().orElseThrow().reveal();
    return TestApp.secretOf(url);
  }

  Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout(20_000);
    return s;
  }

  /** Reads one HTTP/1.1 response with a Content-Length (or none) from {@code in}: its status line and body. */
  static String[] readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the response ended");
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    return new String[] {headers.substring(0, headers.indexOf("\r\n")), headers, new String(body, StandardCharsets.UTF_8)};
  }

  @Nested
  @DisplayName("slow and idle clients")
  class SlowClients {
    @Test
    @DisplayName("connections that send nothing or trickle a body never starve a health check or an unlock")
    void slowClientsDoNotStarveOthers() throws Exception {
      String secret = staffSecret();
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 3 * SMALL.maxThreads(); i++) {
          Socket s = connect();
          slow.add(s);
          OutputStream out = s.getOutputStream();
          if (i % 3 == 0) {
            continue; // connected, sends nothing
          }
          out.write(("POST /api/links/" + secret + "/doors/front-door/unlock HTTP/1.1\r\nHost: x\r\n"
              + "Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n" + (i % 3 == 1 ? "" : "{"))
              .getBytes(StandardCharsets.US_ASCII));
          out.flush(); // headers only, or headers and one byte of a body that never comes
        }
        assertThat(call("GET", "/api/health").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/links/" + secret + "/doors/front-door/unlock").statusCode()).isEqualTo(200);
        // and the server drops them: each slow connection ends (408 or closed) instead of being held forever
        for (Socket s : slow) {
          InputStream in = s.getInputStream();
          byte[] rest = in.readAllBytes();
          assertThat(rest.length == 0 || new String(rest, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 4")).isTrue();
        }
      } finally {
        for (Socket s : slow) {
          s.close();
        }
      }
    }
  }

  @Nested
  @DisplayName("connections")
  class Connections {
    @Test
    @DisplayName("a body over the limit is answered 413 and the connection closes gracefully, never reset")
    void lingeringCloseAfter413() throws Exception {
      for (int round = 0; round < 10; round++) {
        try (Socket s = connect()) {
          int size = 512 * 1024;
          OutputStream out = s.getOutputStream();
          out.write(("POST /api/links/x/doors/front-door/unlock HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Content-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          Thread writer = new Thread(() -> {
            try {
              byte[] chunk = new byte[8192];
              for (int sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
              }
              out.flush();
            } catch (IOException e) {
              // the server may stop reading once it has answered; what matters is that the answer arrives
            }
          });
          writer.start();
          String[] r = readResponse(s.getInputStream());
          assertThat(r[0]).startsWith("HTTP/1.1 413");
          assertThat(r[2]).contains("request.too_large");
          writer.join(20_000);
        }
      }
    }

    @Test
    @DisplayName("one keep-alive connection serves many requests in a row")
    void keepAlive() throws Exception {
      try (Socket s = connect()) {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        for (int i = 0; i < 300; i++) {
          out.write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          String[] r = readResponse(in);
          assertThat(r[0]).isEqualTo("HTTP/1.1 200 OK");
          assertThat(r[1].toLowerCase()).doesNotContain("connection: close");
          assertThat(r[2]).contains("\"UP\"");
        }
      }
    }
  }

  @Nested
  @DisplayName("malformed requests")
  class Malformed {
    String rawStatus(String requestLine, String... headers) throws IOException {
      try (Socket s = connect()) {
        StringBuilder req = new StringBuilder(requestLine).append("\r\nHost: x\r\nAuthorization: Bearer t\r\n");
        for (String h : headers) {
          req.append(h).append("\r\n");
        }
        s.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        return readResponse(s.getInputStream())[0];
      }
    }

    @Test
    @DisplayName("bad percent-encoding, unknown methods and odd paths are client errors, never 500")
    void neverServerErrors() throws Exception {
      for (String line : List.of(
          "GET /api/orgs/demo/access-links?limit=%zz HTTP/1.1",
          "GET /api/orgs/demo/access-links?cursor=%E0%A4%A HTTP/1.1",
          "GET /api/links/%zz HTTP/1.1",
          "GET /api/links/%00 HTTP/1.1",
          "POST /api/links/abc/doors/%ff%fe/unlock HTTP/1.1",
          "GET /api/orgs/%C0%AF/groups HTTP/1.1",
          "FOO /api/health HTTP/1.1",
          "GET /static/..%2f..%2fpom.xml HTTP/1.1",
          "GET //api//health HTTP/1.1")) {
        String status = rawStatus(line);
        assertThat(status).as(line).matches("HTTP/1.1 [234]\\d\\d .*|HTTP/1.1 [234]\\d\\d");
      }
    }
  }

  @Nested
  @DisplayName("a lock that never answers")
  class FrozenLock {
    @Test
    @DisplayName("holds at most 2 waits per door and 3 in all; more are refused at once with 503 BUSY; other doors still open")
    void bulkhead() throws Exception {
      String secret = staffSecret();
      String storage = "/api/links/" + secret + "/doors/storage-room/unlock";
      List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
      held.add(callAsync("POST", storage));
      held.add(callAsync("POST", storage));
      assertThat(waiting.tryAcquire(2, 20, TimeUnit.SECONDS)).isTrue();

      HttpResponse<String> busy = call("POST", storage);
      assertThat(busy.statusCode()).isEqualTo(503);
      assertThat(busy.headers().firstValue("Retry-After")).isPresent();
      JsonNode j = TestApp.JSON.readTree(busy.body());
      assertThat(j.path("outcome").asText()).isEqualTo("BUSY");
      assertThat(call("POST", "/api/links/" + secret + "/doors/front-door/unlock").statusCode()).isEqualTo(200);
      assertThat(call("GET", "/api/health").statusCode()).isEqualTo(200);

      held.add(callAsync("POST", "/api/links/" + secret + "/doors/office/unlock"));
      assertThat(waiting.tryAcquire(1, 20, TimeUnit.SECONDS)).isTrue();
      HttpResponse<String> full = call("POST", "/api/links/" + secret + "/doors/front-door/unlock");
      assertThat(full.statusCode()).isEqualTo(503);
      assertThat(TestApp.JSON.readTree(full.body()).path("outcome").asText()).isEqualTo("BUSY");
      assertThat(frozenWaits.get()).isEqualTo(3);

      thaw.countDown();
      for (CompletableFuture<HttpResponse<String>> f : held) {
        assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(call("POST", storage).statusCode()).isEqualTo(200);
    }
  }

  @Nested
  @DisplayName("guessed secrets")
  class Guessing {
    @Test
    @DisplayName("are counted, and past the burst answered 429 with Retry-After, while a valid link from the same address still works")
    void throttled() throws Exception {
      String secret = staffSecret();
      for (int i = 0; i < 3; i++) {
        assertThat(call("GET", "/api/links/guess" + i).statusCode()).isEqualTo(404);
      }
      HttpResponse<String> limited = call("GET", "/api/links/guess-more");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
      assertThat(TestApp.JSON.readTree(limited.body()).path("error").path("code").asText())
          .isEqualTo("link.attempts.throttled");
      HttpResponse<String> unlockGuess = call("POST", "/api/links/guess-again/doors/front-door/unlock");
      assertThat(unlockGuess.statusCode()).isEqualTo(429);

      assertThat(call("GET", "/api/links/" + secret).statusCode()).isEqualTo(200);
      assertThat(call("POST", "/api/links/" + secret + "/doors/front-door/unlock").statusCode()).isEqualTo(200);

      JsonNode health = TestApp.JSON.readTree(call("GET", "/api/health").body());
      assertThat(health.path("guessing").path("unknownSecretAttempts").asLong()).isEqualTo(5);
      assertThat(health.path("guessing").path("throttledRequests").asLong()).isEqualTo(2);
    }
  }

}
