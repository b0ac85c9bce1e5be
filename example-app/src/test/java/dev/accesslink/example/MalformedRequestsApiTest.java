package dev.accesslink.example;

import static dev.accesslink.example.TestApp.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.example.TestApp.Reply;
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
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs found by trying the merged demo as an attacker would: each was accepted or misread before. */
@DisplayName("Malformed query strings, repeated headers and odd webhook URLs are typed 400s that change nothing")
class MalformedRequestsApiTest {
  private static final String LINKS = "/api/orgs/demo/access-links";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    TestApp.get();
  }

  /** Sends a request line as written (java.net.URI refuses a malformed %-escape) and returns status and body. */
  static String[] raw(String target) throws IOException {
    URI base = URI.create(TestApp.base());
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), base.getPort())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestApp.TOKEN
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String status = all.substring(0, all.indexOf("\r\n"));
      return new String[] {status, all.substring(all.indexOf("\r\n\r\n") + 4)};
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"externalRef=BK-1%", "externalRef=BK%ZZ", "externalRef=%C3%28", "externalRef=%ED%A0%80",
      "limit=%ZZ", "cursor=%", "externalRef=x&other=%G0"})
  @DisplayName("a malformed %-escape or invalid UTF-8 in the query is 400 request.malformed, not the unfiltered list")
  void malformedQuery(String query) throws IOException {
    String[] reply = raw(LINKS + "?" + query);
    assertThat(reply[0]).as(reply[1]).contains(" 400 ");
    assertThat(reply[1]).contains("\"request.malformed\"").doesNotContain("\"items\"");
  }

  @Test
  @DisplayName("a well-formed filter still works: %-escapes, '+' for a space and UTF-8 are decoded")
  void wellFormedQuery() throws IOException {
    String ref = "Büro " + UUID.randomUUID().toString().substring(0, 8);
    Reply sent = TestApp.adminJson("POST", LINKS, Map.of("recipientName", "Q", "channel", "MANUAL",
        "groupId", "visitors", "externalRef", ref));
    assertThat(sent.status()).isEqualTo(201);
    String encoded = java.net.URLEncoder.encode(ref, StandardCharsets.UTF_8); // a space becomes '+'
    String[] reply = raw(LINKS + "?externalRef=" + encoded);
    assertThat(reply[0]).contains(" 200 ");
    JsonNode items = TestApp.JSON.readTree(reply[1]).path("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("id").asText()).isEqualTo(sent.json().path("id").asText());
  }

  @Test
  @DisplayName("two Idempotency-Key headers are 400 idempotency.key.multiple and create no link")
  void twoIdempotencyKeys() throws Exception {
    String ref = "two-keys-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] body = TestApp.JSON.writeValueAsBytes(Map.of("recipientName", "K", "channel", "MANUAL",
        "groupId", "visitors", "externalRef", ref));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(TestApp.base() + LINKS))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + TestApp.TOKEN)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", "key-a")
        .header("Idempotency-Key", "key-b")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode error = TestApp.JSON.readTree(r.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("idempotency.key.multiple");
    assertThat(error.path("field").asText()).isEqualTo("idempotencyKey");
    assertThat(admin("GET", LINKS + "?externalRef=" + ref).json().path("items")).isEmpty();
  }

  @Test
  @DisplayName("a webhook URL with port 99999 or over 2000 characters is refused with a typed code; nothing registered")
  void webhookUrls() {
    String hooks = "/api/orgs/demo/webhooks";
    int before = admin("GET", hooks).json().size();
    Reply port = TestApp.adminJson("POST", hooks, Map.of("url", "https://hooks.example.com:99999/in",
        "events", java.util.List.of("link.sent")));
    assertThat(port.status()).isEqualTo(400);
    assertThat(port.error().path("code").asText()).isEqualTo("webhook.url.invalid");
    Reply tooLong = TestApp.adminJson("POST", hooks, Map.of("url", "https://hooks.example.com/" + "a".repeat(2100),
        "events", java.util.List.of("link.sent")));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.error().path("code").asText()).isEqualTo("webhook.url.too_long");
    assertThat(admin("GET", hooks).json().size()).isEqualTo(before);
  }
}
