package dev.accesslink.example;

import static dev.accesslink.example.TestApp.admin;
import static dev.accesslink.example.TestApp.adminJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.accesslink.example.TestApp.Reply;
import dev.accesslink.webhook.WebhookVerificationException;
import dev.accesslink.webhook.WebhookVerifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The webhook API: a real receiver on loopback gets signed events")
class WebhookApiTest {
  static HttpServer server;
  static final AtomicReference<WebhookVerifier> VERIFIER = new AtomicReference<>();
  static final LinkedBlockingQueue<JsonNode> VERIFIED = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() throws Exception {
    TestApp.get();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
      int status = 204;
      try {
        String id = VERIFIER.get().verify(headers::get, body);
        JsonNode event = TestApp.JSON.readTree(body);
        ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("webhookId", id);
        VERIFIED.add(event);
      } catch (WebhookVerificationException | NullPointerException e) {
        status = 400;
      }
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  static String hookUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  static Map<String, Object> endpoint(Object url, Object events) {
    Map<String, Object> m = new HashMap<>();
    m.put("url", url);
    m.put("events", events);
    return m;
  }

  @Test
  @DisplayName("register (secret shown once), receive a verified link.sent, read the delivery log, delete")
  void lifecycle() throws Exception {
    Reply created = adminJson("POST", "/api/orgs/demo/webhooks", endpoint(hookUrl(), List.of("link.sent")));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String id = created.json().get("id").asText();
    String secret = created.json().get("secret").asText();
    assertThat(secret).startsWith("whsec_");
    assertThat(created.json().get("events").get(0).asText()).isEqualTo("link.sent");
    VERIFIER.set(WebhookVerifier.of(List.of(secret)));

    Reply list = admin("GET", "/api/orgs/demo/webhooks");
    assertThat(list.raw().body()).contains(id).doesNotContain(secret.substring(6));

    Reply link = ApiTest.createManual(ApiTest.unique("Hook"), "visitors");
    JsonNode event = awaitEventFor(link.json().get("id").asText());
    assertThat(event.get("type").asText()).isEqualTo("link.sent");
    assertThat(event.toString()).doesNotContain(link.json().get("url").asText());
    // the one dispatcher thread records an answer before it sends the next event: once a second
    // event arrived, the first one's delivery is in the log
    awaitEventFor(ApiTest.createManual(ApiTest.unique("Hook"), "visitors").json().get("id").asText());

    JsonNode first = null;
    for (JsonNode d : admin("GET", "/api/orgs/demo/webhooks/" + id + "/deliveries").json()) {
      if (d.get("eventId").asText().equals(event.get("webhookId").asText())) {
        first = d;
      }
    }
    assertThat(first).as("the first event in the delivery log").isNotNull();
    assertThat(first.get("type").asText()).isEqualTo("link.sent");
    assertThat(first.get("status").asText()).isEqualTo("DELIVERED");
    assertThat(first.get("attempts").asInt()).isEqualTo(1);
    assertThat(first.get("lastStatusCode").asInt()).isEqualTo(204);

    assertThat(admin("DELETE", "/api/orgs/demo/webhooks/" + id).status()).isEqualTo(204);
    Reply again = admin("DELETE", "/api/orgs/demo/webhooks/" + id);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.error().get("code").asText()).isEqualTo("webhook.unknown");
  }

  static JsonNode awaitEventFor(String linkId) throws InterruptedException {
    for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < deadline; ) {
      JsonNode e = VERIFIED.poll(1, TimeUnit.SECONDS);
      if (e != null && e.path("data").path("link").asText().equals(linkId)) {
        return e;
      }
    }
    throw new AssertionError("no verified event for link " + linkId + " within 60 s");
  }

  @Test
  @DisplayName("bad input is a typed 400 and registers nothing")
  void badInput() {
    int before = admin("GET", "/api/orgs/demo/webhooks").json().size();
    assertProblem(endpoint("http://hooks.example.com/in", List.of("link.sent")), "webhook.url.insecure", "url");
    assertProblem(endpoint("https://user:pw@hooks.example.com/in", List.of("link.sent")), "webhook.url.invalid", "url");
    assertProblem(endpoint("https://169.254.169.254/latest/meta-data/", List.of("link.sent")),
        "webhook.url.private_address", "url");
    assertProblem(endpoint("https://10.0.0.5/in", List.of("link.sent")), "webhook.url.private_address", "url");
    assertProblem(endpoint("", List.of("link.sent")), "webhook.url.required", "url");
    assertProblem(endpoint(42, List.of("link.sent")), "json.type", "url");
    assertProblem(endpoint("https://hooks.example.com/in", List.of("link.opened")), "webhook.events.unknown", "events");
    assertProblem(endpoint("https://hooks.example.com/in", List.of()), "webhook.events.required", "events");
    assertProblem(endpoint("https://hooks.example.com/in", "link.sent"), "json.type", "events");
    Map<String, Object> extra = endpoint("https://hooks.example.com/in", List.of("link.sent"));
    extra.put("secret", "whsec_mine");
    assertProblem(extra, "json.unknown_field", "secret");
    assertThat(admin("GET", "/api/orgs/demo/webhooks").json().size()).isEqualTo(before);
    assertThat(admin("GET", "/api/orgs/demo/webhooks/not-an-id/deliveries").status()).isEqualTo(400);
    assertThat(admin("GET", "/api/orgs/nope/webhooks").status()).isEqualTo(404);
  }

  static void assertProblem(Map<String, Object> body, String code, String field) {
    Reply r = adminJson("POST", "/api/orgs/demo/webhooks", body);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
    assertThat(r.error().get("code").asText()).isEqualTo(code);
    assertThat(r.error().get("field").asText()).isEqualTo(field);
  }
}
