package dev.accesslink.example;

import static dev.accesslink.example.TestApp.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.example.TestApp.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("POST /api/orgs/{org}/access-links with an Idempotency-Key and an externalRef (issue 16, items 4 and 5)")
class SafeRetriesApiTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String LINKS = "/api/orgs/demo/access-links";

  @BeforeAll
  static void start() {
    TestApp.get();
  }

  static Reply post(Map<String, Object> body, String idempotencyKey) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(TestApp.base() + LINKS))
          .timeout(Duration.ofSeconds(20))
          .header("Authorization", "Bearer " + TestApp.TOKEN)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(TestApp.JSON.writeValueAsBytes(body)));
      if (idempotencyKey != null) {
        b.header("Idempotency-Key", idempotencyKey);
      }
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r, r.body().isEmpty() ? TestApp.JSON.missingNode() : TestApp.JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> email(String address) {
    Map<String, Object> m = new HashMap<>();
    m.put("recipientName", "Retry " + address);
    m.put("channel", "EMAIL");
    m.put("email", address);
    m.put("groupId", "visitors");
    return m;
  }

  static String fresh(String what) {
    return what + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static long outboxMessagesTo(String address) {
    long n = 0;
    for (JsonNode m : admin("GET", "/api/demo/outbox").json()) {
      n += m.path("to").asText().equals(address) ? 1 : 0;
    }
    return n;
  }

  static JsonNode listByRef(String ref) {
    Reply r = admin("GET", LINKS + "?externalRef=" + URLEncoder.encode(ref, StandardCharsets.UTF_8));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    return r.json().path("items");
  }

  @Test
  void a_repeat_returns_the_first_link_with_200_and_sends_nothing() {
    String address = fresh("retry") + "@example.com";
    String key = fresh("booking");
    long emailsBefore = admin("GET", "/api/orgs/demo/quota").json().path("email").path("used").asLong();

    Reply first = post(email(address), key);
    Reply again = post(email(address), key);

    assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    assertThat(outboxMessagesTo(address)).isEqualTo(1);
    assertThat(admin("GET", "/api/orgs/demo/quota").json().path("email").path("used").asLong())
        .isEqualTo(emailsBefore + 1);
  }

  @Test
  void a_manual_repeat_has_no_url() {
    Map<String, Object> body = new HashMap<>();
    body.put("recipientName", "Manual retry");
    body.put("channel", "MANUAL");
    body.put("groupId", "visitors");
    String key = fresh("desk");
    Reply first = post(body, key);
    Reply again = post(body, key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.json().path("url").asText()).isNotBlank();
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().has("url")).isFalse();
    assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
  }

  @Test
  void a_different_body_under_the_same_key_is_422_and_changes_nothing() {
    String key = fresh("booking");
    String address = fresh("first") + "@example.com";
    String other = fresh("second") + "@example.com";
    assertThat(post(email(address), key).status()).isEqualTo(201);

    Reply r = post(email(other), key);

    assertThat(r.status()).as(r.raw().body()).isEqualTo(422);
    assertThat(r.error().path("code").asText()).isEqualTo("idempotency.key_reused");
    assertThat(r.raw().body()).doesNotContain(key).doesNotContain(address);
    assertThat(outboxMessagesTo(other)).isZero();
  }

  @Test
  void a_bad_key_is_400_and_changes_nothing() {
    String address = fresh("badkey") + "@example.com";
    record Case(String key, String code) {}
    for (Case c : List.of(new Case("x".repeat(101), "idempotency.key.too_long"),
        new Case("tab\there", "idempotency.key.invalid_characters"),
        new Case("", "idempotency.key.blank"))) {
      Reply r = post(email(address), c.key());
      assertThat(r.status()).as(c.code() + ": " + r.raw().body()).isEqualTo(400);
      assertThat(r.error().path("code").asText()).isEqualTo(c.code());
      assertThat(r.error().path("field").asText()).isEqualTo("idempotencyKey");
    }
    assertThat(outboxMessagesTo(address)).isZero();
  }

  @Test
  void external_ref_is_shown_and_filters_the_list_by_exact_match() {
    String ref = fresh("BK");
    Map<String, Object> a = email(fresh("ref-a") + "@example.com");
    a.put("externalRef", "  " + ref + " ");
    Map<String, Object> b = email(fresh("ref-b") + "@example.com");
    b.put("externalRef", ref + "-2");
    Reply ra = post(a, null);
    assertThat(ra.status()).as(ra.raw().body()).isEqualTo(201);
    assertThat(ra.json().path("externalRef").asText()).isEqualTo(ref);
    assertThat(post(b, null).status()).isEqualTo(201);

    JsonNode items = listByRef(ref);
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("id").asText()).isEqualTo(ra.json().path("id").asText());
    assertThat(items.get(0).path("externalRef").asText()).isEqualTo(ref);
    assertThat(listByRef(ref.toLowerCase())).isEmpty();
    assertThat(admin("GET", LINKS + "?limit=200").json().path("items").toString()).contains(ref + "-2");
  }

  @Test
  void a_bad_external_ref_is_400_in_the_body_and_in_the_filter() {
    Map<String, Object> body = email(fresh("badref") + "@example.com");
    body.put("externalRef", "x".repeat(101));
    Reply r = post(body, null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().path("code").asText()).isEqualTo("external_ref.too_long");
    assertThat(r.error().path("field").asText()).isEqualTo("externalRef");

    Reply list = admin("GET", LINKS + "?externalRef=" + URLEncoder.encode("a\u202Eb", StandardCharsets.UTF_8));
    assertThat(list.status()).isEqualTo(400);
    assertThat(list.error().path("code").asText()).isEqualTo("external_ref.bidi_controls");
  }
}
