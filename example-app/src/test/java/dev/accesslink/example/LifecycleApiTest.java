package dev.accesslink.example;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Resend, rotate, change the window and Twilio's status callback, over real HTTP against an app of
 * its own (so that its SMS quota is its own) whose SMS go to Twilio as WireMock plays it.
 */
@DisplayName("The link lifecycle API: resend, rotate, PATCH the window, Twilio status callbacks")
class LifecycleApiTest {
  static final String TOKEN = "lifecycle-admin-token-7d1e";
  static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
  static final String AUTH_TOKEN = "t0k3n-0123456789abcdef0123456789ab";
  static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
  static final String CALLBACK_URL = "https://demo.example/api/twilio/status";
  static final ObjectMapper JSON = CompositionRoot.objectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static WireMockServer twilio;
  static RunningApp app;

  @BeforeAll
  static void start() throws IOException {
    twilio = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    twilio.start();
    app = CompositionRoot.start(AppConfig.builder()
        .port(0)
        .adminToken(TOKEN)
        .dataDir(Files.createTempDirectory("accesslink-lifecycle-test"))
        .dispatchInterval(Duration.ofMillis(500))
        .settings(Map.of(
            "ACCESSLINK_TWILIO_ACCOUNT_SID", ACCOUNT_SID,
            "ACCESSLINK_TWILIO_AUTH_TOKEN", AUTH_TOKEN,
            "ACCESSLINK_TWILIO_FROM", "+15005550006",
            "ACCESSLINK_TWILIO_API_URL", twilio.baseUrl(),
            "ACCESSLINK_TWILIO_STATUS_CALLBACK_URL", CALLBACK_URL))
        .build());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (twilio != null) {
      twilio.stop();
    }
  }

  record Reply(int status, JsonNode json, String raw) {
    JsonNode error() {
      return json.path("error");
    }
  }

  static Reply call(String method, String path, String contentType, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(Duration.ofSeconds(20));
    headers.forEach(b::header);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body());
      return new Reply(r.statusCode(), json, r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Reply admin(String method, String path, Object body) {
    try {
      return call(method, path, body == null ? null : "application/json",
          body == null ? null : JSON.writeValueAsString(body), Map.of("Authorization", "Bearer " + TOKEN));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Reply create(Map<String, Object> body) {
    Reply r = admin("POST", "/api/orgs/demo/access-links", body);
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    return r;
  }

  static Map<String, Object> link(String name, String channel) {
    Map<String, Object> m = new HashMap<>();
    m.put("recipientName", name + " " + java.util.UUID.randomUUID().toString().substring(0, 6));
    m.put("channel", channel);
    m.put("groupId", "visitors");
    return m;
  }

  static List<JsonNode> outboxTo(String address) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : admin("GET", "/api/demo/outbox", null).json()) {
      if (m.path("to").asText().equals(address)) {
        out.add(m);
      }
    }
    return out;
  }

  static String secretOf(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  static int visitorStatus(String secret) {
    return call("GET", "/api/links/" + secret, null, null, Map.of()).status();
  }

  static long smsUsed() {
    return admin("GET", "/api/orgs/demo/quota", null).json().path("sms").path("used").asLong();
  }

  /** Twilio answers the next message with this SID. */
  static void nextSid(String sid) {
    twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"sid\":\"" + sid + "\",\"account_sid\":\"" + ACCOUNT_SID + "\",\"status\":\"queued\"}")));
  }

  /** Twilio's X-Twilio-Signature: Base64 HMAC-SHA1 of the URL and the sorted parameters, under the auth token. */
  static String signature(String url, Map<String, String> params) throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static Reply callback(Map<String, String> params, String signature) {
    StringBuilder form = new StringBuilder();
    params.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return call("POST", "/api/twilio/status", "application/x-www-form-urlencoded", form.toString(),
        signature == null ? Map.of() : Map.of("X-Twilio-Signature", signature));
  }

  static Map<String, String> undelivered(String sid) {
    Map<String, String> p = new HashMap<>();
    p.put("MessageSid", sid);
    p.put("MessageStatus", "undelivered");
    p.put("ErrorCode", "30003");
    p.put("AccountSid", ACCOUNT_SID);
    return p;
  }

  @Nested
  @DisplayName("POST /api/orgs/{org}/access-links/{id}/resend")
  class Resend {

    @Test
    void an_email_resend_sends_a_new_link_and_kills_the_old_one() {
      Map<String, Object> body = link("Ada", "EMAIL");
      String address = "ada." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
      body.put("email", address);
      String id = create(body).json().path("id").asText();
      String first = secretOf(outboxTo(address).get(0).path("url").asText());

      Reply r = admin("POST", "/api/orgs/demo/access-links/" + id + "/resend", null);
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(r.json().path("id").asText()).isEqualTo(id);
      assertThat(r.json().has("url")).isFalse();
      assertThat(r.json().path("delivery").path("status").asText()).isEqualTo("SENT");
      List<JsonNode> messages = outboxTo(address);
      assertThat(messages).hasSize(2);
      String second = secretOf(messages.get(0).path("url").asText()); // newest first
      assertThat(second).isNotEqualTo(first);
      assertThat(visitorStatus(first)).isEqualTo(404);
      assertThat(visitorStatus(second)).isEqualTo(200);
    }

    @Test
    void a_manual_rotation_returns_the_new_url_once() {
      Reply sent = create(link("Max", "MANUAL"));
      String old = secretOf(sent.json().path("url").asText());
      Reply r = admin("POST", "/api/orgs/demo/access-links/" + sent.json().path("id").asText() + "/resend", null);
      assertThat(r.status()).isEqualTo(200);
      String fresh = secretOf(r.json().path("url").asText());
      assertThat(fresh).isNotEqualTo(old);
      assertThat(visitorStatus(old)).isEqualTo(404);
      assertThat(visitorStatus(fresh)).isEqualTo(200);
    }

    @Test
    void a_revoked_link_is_409_and_an_unknown_one_404() {
      String id = create(link("Rita", "MANUAL")).json().path("id").asText();
      admin("DELETE", "/api/orgs/demo/access-links/" + id, null);
      Reply r = admin("POST", "/api/orgs/demo/access-links/" + id + "/resend", null);
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.error().path("code").asText()).isEqualTo("link.not_resendable");
      Reply unknown = admin("POST", "/api/orgs/demo/access-links/" + java.util.UUID.randomUUID() + "/resend", null);
      assertThat(unknown.status()).isEqualTo(404);
    }
  }

  @Nested
  @DisplayName("PATCH /api/orgs/{org}/access-links/{id}")
  class Window {

    @Test
    void extends_and_ends_a_link_and_refuses_bad_input() {
      Instant until = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
      Map<String, Object> body = link("Ola", "MANUAL");
      body.put("validUntil", until.toString());
      Reply sent = create(body);
      String id = sent.json().path("id").asText();
      String secret = secretOf(sent.json().path("url").asText());

      Instant later = until.plus(1, ChronoUnit.DAYS);
      Reply r = admin("PATCH", "/api/orgs/demo/access-links/" + id, Map.of("validUntil", later.toString()));
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(Instant.parse(r.json().path("validUntil").asText())).isEqualTo(later);
      assertThat(r.json().path("validFrom").isNull()).isTrue();

      Reply bad = admin("PATCH", "/api/orgs/demo/access-links/" + id, Map.of("validUntil", "tomorrow"));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.error().path("code").asText()).isEqualTo("instant.invalid");
      Reply unknownField = admin("PATCH", "/api/orgs/demo/access-links/" + id, Map.of("channel", "SMS"));
      assertThat(unknownField.status()).isEqualTo(400);
      assertThat(unknownField.error().path("code").asText()).isEqualTo("json.unknown_field");

      Reply ended = admin("PATCH", "/api/orgs/demo/access-links/" + id,
          Map.of("validUntil", Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString()));
      assertThat(ended.status()).isEqualTo(200);
      assertThat(ended.json().path("status").asText()).isEqualTo("EXPIRED");
      assertThat(call("POST", "/api/links/" + secret + "/doors/front-door/unlock", null, null, Map.of()).status())
          .isEqualTo(403);

      admin("DELETE", "/api/orgs/demo/access-links/" + id, null);
      Reply revoked = admin("PATCH", "/api/orgs/demo/access-links/" + id, Map.of("validUntil", later.toString()));
      assertThat(revoked.status()).isEqualTo(409);
      assertThat(revoked.error().path("code").asText()).isEqualTo("link.not_changeable");
    }
  }

  @Nested
  @DisplayName("SMS through Twilio: resend, and POST /api/twilio/status")
  class Twilio {

    @Test
    void an_undelivered_report_revokes_the_link_and_gives_the_unit_back_once_signed() throws Exception {
      long before = smsUsed();
      nextSid("SM00000000000000000000000000000001");
      Map<String, Object> body = link("Linus", "SMS");
      body.put("phone", "(415) 555-0177");
      Reply sent = create(body);
      String id = sent.json().path("id").asText();
      assertThat(sent.json().path("delivery").path("status").asText()).isEqualTo("SENT");
      LoggedRequest request = twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES_PATH))).get(0);
      assertThat(request.formParameters().get("StatusCallback").firstValue()).isEqualTo(CALLBACK_URL);

      // a resend: a new SID, a second unit of the month
      nextSid("SM00000000000000000000000000000002");
      Reply resent = admin("POST", "/api/orgs/demo/access-links/" + id + "/resend", null);
      assertThat(resent.status()).as(resent.raw()).isEqualTo(200);
      assertThat(smsUsed()).isEqualTo(before + 2);

      // a bad or missing signature: 403, nothing changed
      Map<String, String> report = undelivered("SM00000000000000000000000000000002");
      assertThat(callback(report, null).status()).isEqualTo(403);
      Reply forged = callback(report, signature("https://evil.example/api/twilio/status", report));
      assertThat(forged.status()).isEqualTo(403);
      assertThat(forged.error().path("code").asText()).isEqualTo("twilio.signature_invalid");
      assertThat(stored(id).path("revocation").isNull()).isTrue();
      // a malformed or oversized form: a typed 400/413 naming the body, nothing changed
      Reply malformed = call("POST", "/api/twilio/status", "application/x-www-form-urlencoded",
          "MessageSid=SM00000000000000000000000000000002&MessageStatus=%ZZ", Map.of("X-Twilio-Signature", "AAAA"));
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(malformed.error().path("code").asText()).isEqualTo("request.malformed");
      assertThat(malformed.error().path("message").asText()).contains("form body");
      Reply huge = call("POST", "/api/twilio/status", "application/x-www-form-urlencoded",
          "MessageSid=" + "S".repeat(20_000), Map.of("X-Twilio-Signature", "AAAA"));
      assertThat(huge.status()).isEqualTo(413);
      assertThat(stored(id).path("revocation").isNull()).isTrue();
      assertThat(smsUsed()).isEqualTo(before + 2);

      // the first message's report is stale since the resend: ignored
      Map<String, String> stale = undelivered("SM00000000000000000000000000000001");
      assertThat(callback(stale, signature(CALLBACK_URL, stale)).status()).isEqualTo(204);
      assertThat(stored(id).path("revocation").isNull()).isTrue();

      // the current message's: the link is revoked and the resend's unit given back
      assertThat(callback(report, signature(CALLBACK_URL, report)).status()).isEqualTo(204);
      JsonNode after = stored(id);
      assertThat(after.path("status").asText()).isEqualTo("REVOKED");
      assertThat(after.path("delivery").path("status").asText()).isEqualTo("FAILED");
      assertThat(after.path("revocation").path("reason").asText()).isEqualTo("DELIVERY_FAILED");
      assertThat(smsUsed()).isEqualTo(before + 1);
      List<String> types = new ArrayList<>();
      admin("GET", "/api/orgs/demo/events?limit=50", null).json().forEach(e -> types.add(e.path("type").asText()));
      assertThat(types).contains("LINK_RESENT", "DELIVERY_REPORTED_FAILED");

      // resends spend the month's units like sends, until 429 with nothing changed
      nextSid("SM00000000000000000000000000000003");
      Map<String, Object> other = link("Lin", "SMS");
      other.put("phone", "(415) 555-0178");
      String otherId = create(other).json().path("id").asText();
      Reply last = null;
      for (int i = 0; i < 12 && (last == null || last.status() == 200); i++) {
        last = admin("POST", "/api/orgs/demo/access-links/" + otherId + "/resend", null);
      }
      assertThat(last.status()).as(last.raw()).isEqualTo(429);
      assertThat(last.error().path("code").asText()).isEqualTo("quota.exhausted");
      assertThat(smsUsed()).isEqualTo(10);
      int requests = twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES_PATH))).size();
      assertThat(admin("POST", "/api/orgs/demo/access-links/" + otherId + "/resend", null).status()).isEqualTo(429);
      assertThat(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES_PATH)))).as("no message sent").hasSize(requests);
      assertThat(stored(otherId).path("status").asText()).isEqualTo("ACTIVE");
    }

    JsonNode stored(String id) {
      for (JsonNode l : admin("GET", "/api/orgs/demo/access-links?limit=200", null).json().path("items")) {
        if (l.path("id").asText().equals(id)) {
          return l;
        }
      }
      throw new AssertionError("no link " + id);
    }
  }
}
