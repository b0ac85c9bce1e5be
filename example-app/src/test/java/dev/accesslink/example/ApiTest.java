package dev.accesslink.example;

import static dev.accesslink.example.TestApp.admin;
import static dev.accesslink.example.TestApp.adminJson;
import static dev.accesslink.example.TestApp.secretOf;
import static dev.accesslink.example.TestApp.send;
import static dev.accesslink.example.TestApp.visitor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.example.TestApp.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The JSON API, over real HTTP against the app with its embedded defaults")
class ApiTest {

  @BeforeAll
  static void start() {
    TestApp.get();
  }

  static Map<String, Object> link(String name, String channel, String groupId) {
    Map<String, Object> m = new HashMap<>();
    m.put("recipientName", name);
    m.put("channel", channel);
    m.put("groupId", groupId);
    return m;
  }

  static String unique(String name) {
    return name + " " + UUID.randomUUID().toString().substring(0, 6);
  }

  static Reply createManual(String name, String group) {
    Reply r = adminJson("POST", "/api/orgs/demo/access-links", link(name, "MANUAL", group));
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r;
  }

  static JsonNode outboxMessageTo(String address) {
    for (JsonNode m : admin("GET", "/api/demo/outbox").json()) {
      if (m.path("to").asText().equals(address)) {
        return m;
      }
    }
    throw new AssertionError("no outbox message to " + address);
  }

  static List<JsonNode> events() {
    List<JsonNode> out = new ArrayList<>();
    admin("GET", "/api/orgs/demo/events?limit=500").json().forEach(out::add);
    return out;
  }

  @Nested
  @DisplayName("admin authentication")
  class Authentication {
    @Test
    void missing_token_is_401_with_a_bearer_challenge() {
      Reply r = visitor("GET", "/api/orgs/demo/groups");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.error().path("code").asText()).isEqualTo("auth.required");
      assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void wrong_token_is_401_on_every_admin_endpoint() {
      for (String path : List.of("/api/orgs/demo/groups", "/api/orgs/demo/access-links", "/api/orgs/demo/quota",
          "/api/orgs/demo/events", "/api/demo/outbox")) {
        Reply r = send("GET", path, "not-the-token", null, null);
        assertThat(r.status()).as(path).isEqualTo(401);
        assertThat(r.error().path("code").asText()).isEqualTo("auth.invalid");
      }
      Reply r = send("POST", "/api/orgs/demo/access-links", TestApp.TOKEN + "x", "application/json",
          "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(401);
      assertThat(send("DELETE", "/api/orgs/demo/access-links/" + UUID.randomUUID(), null, null, null).status()).isEqualTo(401);
    }
  }

  @Nested
  @DisplayName("GET /api/orgs/{org}/groups")
  class Groups {
    @Test
    void lists_the_seeded_groups_with_their_doors() {
      Reply r = admin("GET", "/api/orgs/demo/groups");
      assertThat(r.status()).isEqualTo(200);
      Map<String, List<String>> doors = new HashMap<>();
      for (JsonNode g : r.json()) {
        List<String> names = new ArrayList<>();
        g.path("doors").forEach(d -> names.add(d.path("name").asText()));
        doors.put(g.path("name").asText(), names);
        assertThat(g.path("id").asText()).isNotBlank();
      }
      assertThat(doors).containsEntry("Visitors", List.of("Front door"))
          .containsEntry("Staff", List.of("Front door", "Office", "Storage room"));
    }

    @Test
    void unknown_organization_is_404() {
      Reply r = admin("GET", "/api/orgs/nowhere/groups");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.error().path("code").asText()).isEqualTo("organization.unknown");
      for (String p : List.of("/api/orgs/nowhere/access-links", "/api/orgs/nowhere/quota", "/api/orgs/nowhere/events")) {
        assertThat(admin("GET", p).status()).as(p).isEqualTo(404);
      }
    }
  }

  @Nested
  @DisplayName("POST /api/orgs/{org}/access-links")
  class Send {
    @Test
    void a_manual_link_returns_its_url_once() {
      String name = unique("Ada");
      Reply r = createManual(name, "visitors");
      JsonNode j = r.json();
      assertThat(j.path("recipientName").asText()).isEqualTo(name);
      assertThat(j.path("channel").asText()).isEqualTo("MANUAL");
      assertThat(j.path("groupId").asText()).isEqualTo("visitors");
      assertThat(j.path("status").asText()).isEqualTo("ACTIVE");
      assertThat(j.path("validFrom").isNull()).isTrue();
      assertThat(j.path("validUntil").isNull()).isTrue();
      assertThat(j.path("url").asText()).startsWith(TestApp.base() + "/l/");
      assertThat(r.header("Cache-Control")).isEqualTo("no-store");

      String secret = secretOf(j.path("url").asText());
      Reply list = admin("GET", "/api/orgs/demo/access-links?limit=200");
      assertThat(list.raw().body()).contains(j.path("id").asText()).doesNotContain(secret);
      assertThat(events().toString()).doesNotContain(secret);
    }

    @Test
    void an_email_link_has_no_url_in_the_answer_and_lands_in_the_outbox() {
      String name = unique("Grace");
      Map<String, Object> body = link(name, "EMAIL", "staff");
      body.put("email", "  Grace.Hopper@Example.COM ");
      body.put("validUntil", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
      Reply r = adminJson("POST", "/api/orgs/demo/access-links", body);
      assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
      assertThat(r.json().has("url")).isFalse();
      assertThat(r.json().path("channel").asText()).isEqualTo("EMAIL");
      assertThat(r.json().path("delivery").path("status").asText()).isEqualTo("SENT");
      String address = r.json().path("email").asText();

      JsonNode message = outboxMessageTo(address);
      assertThat(message.path("channel").asText()).isEqualTo("EMAIL");
      assertThat(message.path("subject").asText()).isNotBlank();
      assertThat(message.path("body").asText()).contains(message.path("url").asText()).contains(name);
      assertThat(message.path("url").asText()).startsWith(TestApp.base() + "/l/");
    }

    @Test
    void an_sms_link_lands_in_the_outbox_and_counts_against_the_monthly_quota_until_429() {
      long before = admin("GET", "/api/orgs/demo/quota").json().path("sms").path("used").asLong();
      Map<String, Object> body = link(unique("Linus"), "SMS", "visitors");
      body.put("phone", "(415) 555-0134");
      Reply first = adminJson("POST", "/api/orgs/demo/access-links", body);
      assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
      assertThat(first.json().path("phone").asText()).isEqualTo("+14155550134");
      JsonNode sms = outboxMessageTo("+14155550134");
      assertThat(sms.path("channel").asText()).isEqualTo("SMS");
      assertThat(sms.path("body").asText()).contains(sms.path("url").asText());
      JsonNode quota = admin("GET", "/api/orgs/demo/quota").json().path("sms");
      assertThat(quota.path("used").asLong()).isEqualTo(before + 1);
      assertThat(quota.path("limit").asLong()).isEqualTo(10);
      assertThat(quota.path("resetsAt").asText()).isNotBlank();

      Reply last = first;
      for (int i = 0; i < 11 && last.status() == 201; i++) {
        last = adminJson("POST", "/api/orgs/demo/access-links", body);
      }
      assertThat(last.status()).isEqualTo(429);
      JsonNode e = last.error();
      assertThat(e.path("code").asText()).isEqualTo("quota.exhausted");
      assertThat(e.path("used").asLong()).isEqualTo(10);
      assertThat(e.path("limit").asLong()).isEqualTo(10);
      assertThat(Instant.parse(e.path("resetsAt").asText())).isAfter(Instant.now());
      assertThat(e.path("message").asText()).isNotBlank();
    }

    @Test
    void bad_input_is_400_with_the_field() {
      record Case(Map<String, Object> body, String code, String field) {}
      Map<String, Object> blankName = link("  ", "MANUAL", "visitors");
      Map<String, Object> badEmail = link("Ann", "EMAIL", "visitors");
      badEmail.put("email", "ann@@example");
      Map<String, Object> noPhone = link("Ann", "SMS", "visitors");
      Map<String, Object> foreignPhone = link("Ann", "SMS", "visitors");
      foreignPhone.put("phone", "+44 20 7946 0958");
      Map<String, Object> badChannel = link("Ann", "FAX", "visitors");
      Map<String, Object> order = link("Ann", "MANUAL", "visitors");
      order.put("validFrom", "2040-01-02T00:00:00Z");
      order.put("validUntil", "2040-01-01T00:00:00Z");
      Map<String, Object> past = link("Ann", "MANUAL", "visitors");
      past.put("validUntil", "2001-01-01T00:00:00Z");
      Map<String, Object> badInstant = link("Ann", "MANUAL", "visitors");
      badInstant.put("validFrom", "tomorrow");
      Map<String, Object> unknownField = link("Ann", "MANUAL", "visitors");
      unknownField.put("colour", "blue");
      Map<String, Object> wrongType = link("Ann", "MANUAL", "visitors");
      wrongType.put("recipientName", 42);
      Map<String, Object> emailOnManual = link("Ann", "MANUAL", "visitors");
      emailOnManual.put("email", "ann@example.com");
      Map<String, Object> noGroup = link("Ann", "MANUAL", "visitors");
      noGroup.remove("groupId");
      Map<String, Object> farFuture = link("Ann", "MANUAL", "visitors");
      farFuture.put("validUntil", "+300000-01-01T00:00:00Z");
      Map<String, Object> year10000 = link("Ann", "MANUAL", "visitors");
      year10000.put("validUntil", "+10000-01-01T00:00:00Z");
      Map<String, Object> before1970 = link("Ann", "MANUAL", "visitors");
      before1970.put("validFrom", "1900-01-01T00:00:00Z");
      for (Case c : List.of(
          new Case(blankName, "recipient.name.blank", "recipientName"),
          new Case(badEmail, null, "email"),
          new Case(noPhone, "address.required", "phone"),
          new Case(foreignPhone, "phone.region.not_allowed", "phone"),
          new Case(badChannel, "channel.invalid", "channel"),
          new Case(order, "validity.order", "validUntil"),
          new Case(past, "validity.ended", "validUntil"),
          new Case(badInstant, "instant.invalid", "validFrom"),
          new Case(unknownField, "json.unknown_field", "colour"),
          new Case(wrongType, "json.type", "recipientName"),
          new Case(emailOnManual, "email.not_applicable", "email"),
          new Case(noGroup, "group.required", "groupId"),
          new Case(farFuture, "validity.out_of_range", "validUntil"),
          new Case(year10000, "validity.out_of_range", "validUntil"),
          new Case(before1970, "validity.out_of_range", "validFrom"),
          new Case(link("Ann\u2028Bcc: x", "MANUAL", "visitors"), "recipient.name.control_characters", "recipientName"),
          new Case(link("Ann\u2029Smith", "MANUAL", "visitors"), "recipient.name.control_characters", "recipientName"),
          new Case(link("Ali\u202Ecod.exe", "MANUAL", "visitors"), "recipient.name.bidi_controls", "recipientName"),
          new Case(link("\u200B\u200C\u200D", "MANUAL", "visitors"), "recipient.name.invisible", "recipientName"),
          new Case(link("\u2800\u3164", "MANUAL", "visitors"), "recipient.name.invisible", "recipientName"))) {
        Reply r = adminJson("POST", "/api/orgs/demo/access-links", c.body());
        assertThat(r.status()).as(c.toString() + " -> " + r.raw().body()).isEqualTo(400);
        if (c.code() != null) {
          assertThat(r.error().path("code").asText()).as(c.toString()).isEqualTo(c.code());
        }
        assertThat(r.error().path("field").asText()).as(c.toString()).isEqualTo(c.field());
        assertThat(r.error().path("message").asText()).isNotBlank();
      }
    }

    @Test
    void unknown_group_is_404() {
      Reply r = adminJson("POST", "/api/orgs/demo/access-links", link("Ann", "MANUAL", "cellar"));
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.error().path("code").asText()).isEqualTo("group.unknown");
    }

    @Test
    void malformed_json_is_400_never_500() {
      for (String body : List.of("{\"recipientName\":", "not json", "{\"a\":1}{", "{\"recipientName\":\"a\",\"recipientName\":\"b\"}")) {
        Reply r = send("POST", "/api/orgs/demo/access-links", TestApp.TOKEN, "application/json", body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(body).isEqualTo(400);
        assertThat(r.error().path("code").asText()).as(body).isEqualTo("json.malformed");
      }
      Reply array = send("POST", "/api/orgs/demo/access-links", TestApp.TOKEN, "application/json", "[]".getBytes(StandardCharsets.UTF_8));
      assertThat(array.status()).isEqualTo(400);
      assertThat(array.error().path("code").asText()).isEqualTo("json.not_object");
      Reply empty = send("POST", "/api/orgs/demo/access-links", TestApp.TOKEN, "application/json", new byte[0]);
      assertThat(empty.status()).isEqualTo(400);
      assertThat(empty.error().path("code").asText()).isEqualTo("json.missing");
      Reply notUtf8 = send("POST", "/api/orgs/demo/access-links", TestApp.TOKEN, "application/json",
          new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
      assertThat(notUtf8.status()).isEqualTo(400);
      assertThat(notUtf8.error().path("code").asText()).isEqualTo("json.malformed");
    }

    @Test
    void json_nested_too_deep_is_400_never_500() {
      for (String body : List.of("[".repeat(1500) + "]".repeat(1500), "{\"a\":".repeat(1500) + "1" + "}".repeat(1500),
          "{\"recipientName\":" + "[".repeat(40) + "]".repeat(40) + "}")) {
        Reply r = send("POST", "/api/orgs/demo/access-links", TestApp.TOKEN, "application/json", body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().path("code").asText()).isEqualTo("json.too_deep");
      }
    }

    @Test
    void a_name_with_half_a_character_pair_is_400() {
      Reply r = send("POST", "/api/orgs/demo/access-links", TestApp.TOKEN, "application/json",
          "{\"recipientName\":\"Ann\\ud800\",\"channel\":\"MANUAL\",\"groupId\":\"visitors\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
      assertThat(r.error().path("code").asText()).isEqualTo("recipient.name.unpaired_surrogate");
      assertThat(r.error().path("field").asText()).isEqualTo("recipientName");
    }

    @Test
    void a_body_that_is_not_json_is_415() {
      byte[] body = "recipientName=Ann".getBytes(StandardCharsets.UTF_8);
      for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain", null}) {
        Reply r = send("POST", "/api/orgs/demo/access-links", TestApp.TOKEN, type, body);
        assertThat(r.status()).as(String.valueOf(type)).isEqualTo(415);
        assertThat(r.error().path("code").asText()).isEqualTo("request.unsupported_media_type");
      }
      Reply withCharset = send("POST", "/api/orgs/demo/access-links", TestApp.TOKEN, "application/json; charset=utf-8",
          ("{\"recipientName\":\"Ann\",\"channel\":\"MANUAL\",\"groupId\":\"visitors\"}").getBytes(StandardCharsets.UTF_8));
      assertThat(withCharset.status()).isEqualTo(201);
    }

    @Test
    void an_oversized_body_is_413() {
      String big = "{\"recipientName\":\"" + "x".repeat(20_000) + "\"}";
      Reply r = send("POST", "/api/orgs/demo/access-links", TestApp.TOKEN, "application/json", big.getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.error().path("code").asText()).isEqualTo("request.too_large");
      // a body a few times the limit is read to its end: the connection stays usable
      assertThat(r.header("Connection")).isNull();
      Reply unlock = send("POST", "/api/links/x/doors/front-door/unlock", null, "application/json", big.getBytes(StandardCharsets.UTF_8));
      assertThat(unlock.status()).isEqualTo(413);
      assertThat(admin("GET", "/api/orgs/demo/groups").status()).isEqualTo(200);
    }
  }

  @Nested
  @DisplayName("GET /api/orgs/{org}/access-links")
  class ListLinks {
    @Test
    void pages_newest_first_with_a_cursor() {
      String a = createManual(unique("Page A"), "visitors").json().path("id").asText();
      String b = createManual(unique("Page B"), "visitors").json().path("id").asText();
      Reply first = admin("GET", "/api/orgs/demo/access-links?limit=1");
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.json().path("items")).hasSize(1);
      assertThat(first.json().path("items").get(0).path("id").asText()).isEqualTo(b);
      String cursor = first.json().path("nextCursor").asText();
      assertThat(cursor).isNotBlank();
      Reply second = admin("GET", "/api/orgs/demo/access-links?limit=1&cursor=" + cursor);
      assertThat(second.json().path("items").get(0).path("id").asText()).isEqualTo(a);
      JsonNode item = second.json().path("items").get(0);
      for (String field : List.of("recipientName", "channel", "groupId", "validFrom", "validUntil", "status", "delivery")) {
        assertThat(item.has(field)).as(field).isTrue();
      }
      assertThat(item.has("url")).isFalse();
    }

    @Test
    void a_bad_limit_or_cursor_is_400() {
      assertThat(admin("GET", "/api/orgs/demo/access-links?limit=0").error().path("field").asText()).isEqualTo("limit");
      assertThat(admin("GET", "/api/orgs/demo/access-links?limit=lots").status()).isEqualTo(400);
      Reply r = admin("GET", "/api/orgs/demo/access-links?cursor=nonsense");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.error().path("code").asText()).isEqualTo("page.cursor.invalid");
    }
  }

  @Nested
  @DisplayName("the visitor endpoints")
  class Visitor {
    @Test
    void a_link_resolves_opens_its_doors_and_refuses_others() {
      String name = unique("Vera");
      String url = createManual(name, "visitors").json().path("url").asText();
      String secret = secretOf(url);

      Reply view = visitor("GET", "/api/links/" + secret);
      assertThat(view.status()).isEqualTo(200);
      assertThat(view.json().path("recipientName").asText()).isEqualTo(name);
      assertThat(view.json().path("groupName").asText()).isEqualTo("Visitors");
      assertThat(view.json().path("doors").get(0).path("id").asText()).isEqualTo("front-door");
      assertThat(view.json().path("status").asText()).isEqualTo("ACTIVE");
      assertThat(view.json().has("validFrom")).isTrue();
      assertThat(view.json().has("validUntil")).isTrue();

      Reply opened = visitor("POST", "/api/links/" + secret + "/doors/front-door/unlock");
      assertThat(opened.status()).as(opened.raw().body()).isEqualTo(200);
      assertThat(opened.json().path("outcome").asText()).isEqualTo("UNLOCKED");

      Reply wrongDoor = visitor("POST", "/api/links/" + secret + "/doors/office/unlock");
      assertThat(wrongDoor.status()).isEqualTo(403);
      assertThat(wrongDoor.json().path("outcome").asText()).isEqualTo("DENIED");
      assertThat(wrongDoor.json().path("reason").asText()).isEqualTo("DOOR_NOT_IN_GROUP");

      assertThat(events()).anySatisfy(e -> {
        assertThat(e.path("type").asText()).isEqualTo("DOOR_UNLOCKED");
        assertThat(e.path("actor").path("name").asText()).isEqualTo(name);
        assertThat(e.path("doorName").asText()).isEqualTo("Front door");
      });
    }

    @Test
    void opening_the_page_never_unlocks() {
      String name = unique("Gus");
      Reply sent = createManual(name, "staff");
      String secret = secretOf(sent.json().path("url").asText());
      Reply page = visitor("GET", "/l/" + secret);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Content-Type")).startsWith("text/html");
      assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
      assertThat(page.raw().body()).doesNotContain(secret);
      visitor("GET", "/api/links/" + secret);
      assertThat(events()).noneSatisfy(e -> assertThat(e.path("actor").path("name").asText()).isEqualTo(name));
      assertThat(visitor("GET", "/api/links/" + secret + "/doors/office/unlock").status()).isEqualTo(405);
    }

    @Test
    void an_unknown_link_is_404() {
      String fake = "A".repeat(42) + "A";
      Reply view = visitor("GET", "/api/links/" + fake);
      assertThat(view.status()).isEqualTo(404);
      assertThat(view.error().path("code").asText()).isEqualTo("link.unknown");
      Reply unlock = visitor("POST", "/api/links/" + fake + "/doors/front-door/unlock");
      assertThat(unlock.status()).isEqualTo(404);
      assertThat(unlock.json().path("reason").asText()).isEqualTo("UNKNOWN_LINK");
      assertThat(visitor("POST", "/api/links/short/doors/front-door/unlock").status()).isEqualTo(404);
    }

    @Test
    void a_link_not_yet_valid_is_refused_with_403() {
      Map<String, Object> body = link(unique("Future"), "MANUAL", "visitors");
      body.put("validFrom", Instant.now().plus(1, ChronoUnit.DAYS).toString());
      Reply sent = adminJson("POST", "/api/orgs/demo/access-links", body);
      assertThat(sent.json().path("status").asText()).isEqualTo("NOT_YET_VALID");
      String secret = secretOf(sent.json().path("url").asText());
      assertThat(visitor("GET", "/api/links/" + secret).json().path("status").asText()).isEqualTo("NOT_YET_VALID");
      Reply r = visitor("POST", "/api/links/" + secret + "/doors/front-door/unlock");
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().path("reason").asText()).isEqualTo("NOT_YET_VALID");
    }

    @Test
    void an_expired_link_is_refused_with_403() {
      Map<String, Object> body = link(unique("Brief"), "MANUAL", "visitors");
      Instant until = Instant.now().plusMillis(1500);
      body.put("validUntil", until.toString());
      String secret = secretOf(adminJson("POST", "/api/orgs/demo/access-links", body).json().path("url").asText());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Instant.now().isAfter(until) && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
      Reply r = visitor("POST", "/api/links/" + secret + "/doors/front-door/unlock");
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().path("reason").asText()).isEqualTo("EXPIRED");
      assertThat(visitor("GET", "/api/links/" + secret).json().path("status").asText()).isEqualTo("EXPIRED");
    }
  }

  @Nested
  @DisplayName("link rules: use limits, schedules, doors closed to links, policy")
  class Rules {
    @Test
    void a_use_limited_link_opens_as_often_as_allowed_then_403_use_limit_reached() {
      Map<String, Object> body = link(unique("Una"), "MANUAL", "visitors");
      body.put("maxUses", 2);
      body.put("activeMinutesAfterFirstUse", 60);
      Reply sent = adminJson("POST", "/api/orgs/demo/access-links", body);
      assertThat(sent.status()).as(sent.raw().body()).isEqualTo(201);
      assertThat(sent.json().path("maxUses").asInt()).isEqualTo(2);
      assertThat(sent.json().path("usesLeft").asInt()).isEqualTo(2);
      assertThat(sent.json().path("activeMinutesAfterFirstUse").asInt()).isEqualTo(60);
      assertThat(sent.json().path("activeUntil").isNull()).isTrue();
      assertThat(sent.json().path("schedule").isNull()).isTrue();
      String secret = secretOf(sent.json().path("url").asText());
      String unlock = "/api/links/" + secret + "/doors/front-door/unlock";
      assertThat(visitor("POST", unlock).status()).isEqualTo(200);
      JsonNode view = visitor("GET", "/api/links/" + secret).json();
      assertThat(view.path("usesLeft").asInt()).isEqualTo(1);
      assertThat(view.path("activeUntil").isNull()).isFalse();
      assertThat(visitor("POST", unlock).status()).isEqualTo(200);
      Reply refused = visitor("POST", unlock);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().path("reason").asText()).isEqualTo("USE_LIMIT_REACHED");
      assertThat(visitor("GET", "/api/links/" + secret).json().path("status").asText()).isEqualTo("USED_UP");
      JsonNode listed = null;
      for (JsonNode l : admin("GET", "/api/orgs/demo/access-links?limit=200").json().path("items")) {
        if (l.path("id").asText().equals(sent.json().path("id").asText())) {
          listed = l;
        }
      }
      assertThat(listed).isNotNull();
      assertThat(listed.path("usesLeft").asInt()).isZero();
      assertThat(events()).anySatisfy(e -> {
        assertThat(e.path("type").asText()).isEqualTo("UNLOCK_REFUSED");
        assertThat(e.path("detail").asText()).isEqualTo("USE_LIMIT_REACHED");
      });
    }

    @Test
    void a_schedule_round_trips_and_a_link_outside_it_is_403_outside_schedule_with_its_next_opening() {
      Map<String, Object> body = link(unique("Sol"), "MANUAL", "visitors");
      // a slot of one minute on a day that is not today: the link is outside it now
      String other = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3).getDayOfWeek().name().substring(0, 3);
      body.put("schedule", Map.of("slots", List.of(Map.of("days", List.of(other), "from", "22:00", "until", "22:01"))));
      Reply sent = adminJson("POST", "/api/orgs/demo/access-links", body);
      assertThat(sent.status()).as(sent.raw().body()).isEqualTo(201);
      JsonNode slot = sent.json().path("schedule").path("slots").get(0);
      assertThat(slot.path("days").get(0).asText()).isEqualTo(other);
      assertThat(slot.path("from").asText()).isEqualTo("22:00");
      assertThat(slot.path("until").asText()).isEqualTo("22:01");
      assertThat(Instant.parse(sent.json().path("nextOpening").asText())).isAfter(Instant.now());
      String secret = secretOf(sent.json().path("url").asText());
      Reply refused = visitor("POST", "/api/links/" + secret + "/doors/front-door/unlock");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().path("reason").asText()).isEqualTo("OUTSIDE_SCHEDULE");
      assertThat(visitor("GET", "/api/links/" + secret).json().path("nextOpening").asText())
          .isEqualTo(sent.json().path("nextOpening").asText());
    }

    @Test
    void bad_rules_are_400_and_nothing_is_stored() {
      int before = admin("GET", "/api/orgs/demo/access-links?limit=200").json().path("items").size();
      Map<String, Object> uses = link(unique("Bad"), "MANUAL", "visitors");
      uses.put("maxUses", 0);
      assertCode(uses, "rules.max_uses.out_of_range");
      uses.put("maxUses", "three");
      assertCode(uses, "json.type");
      Map<String, Object> minutes = link(unique("Bad"), "MANUAL", "visitors");
      minutes.put("activeMinutesAfterFirstUse", 10_081);
      assertCode(minutes, "rules.active_minutes.out_of_range");
      Map<String, Object> schedule = link(unique("Bad"), "MANUAL", "visitors");
      schedule.put("schedule", Map.of("slots", List.of()));
      assertCode(schedule, "schedule.slots.empty");
      schedule.put("schedule", Map.of("slots", List.of(Map.of("days", List.of("MOON"), "from", "08:00", "until", "18:00"))));
      assertCode(schedule, "schedule.day.invalid");
      schedule.put("schedule", Map.of("slots", List.of(Map.of("days", List.of(), "from", "08:00", "until", "18:00"))));
      assertCode(schedule, "schedule.days.empty");
      schedule.put("schedule", Map.of("slots", List.of(Map.of("days", List.of("MON"), "from", "8am", "until", "18:00"))));
      assertCode(schedule, "schedule.time.invalid");
      schedule.put("schedule", Map.of("slots", List.of(Map.of("days", List.of("MON"), "from", "08:00", "until", "18:00",
          "zone", "UTC"))));
      assertCode(schedule, "json.unknown_field");
      assertThat(admin("GET", "/api/orgs/demo/access-links?limit=200").json().path("items").size()).isEqualTo(before);
    }

    private void assertCode(Map<String, Object> body, String code) {
      Reply r = adminJson("POST", "/api/orgs/demo/access-links", body);
      assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
      assertThat(r.error().path("code").asText()).isEqualTo(code);
    }

    @Test
    void a_door_closed_to_links_is_403_door_excluded_and_shows_in_the_groups() {
      String secret = secretOf(createManual(unique("Xena"), "staff").json().path("url").asText());
      try {
        Reply closed = adminJson("PUT", "/api/orgs/demo/doors/storage-room/link-access", Map.of("allowed", false));
        assertThat(closed.status()).as(closed.raw().body()).isEqualTo(200);
        assertThat(closed.json().path("linkAccess").asBoolean()).isFalse();
        assertThat(closed.json().path("name").asText()).isEqualTo("Storage room");
        JsonNode staff = null;
        for (JsonNode g : admin("GET", "/api/orgs/demo/groups").json()) {
          if (g.path("id").asText().equals("staff")) {
            staff = g;
          }
        }
        assertThat(staff).isNotNull();
        assertThat(staff.path("doors").get(2).path("linkAccess").asBoolean()).isFalse();
        assertThat(staff.path("doors").get(0).path("linkAccess").asBoolean()).isTrue();
        Reply refused = visitor("POST", "/api/links/" + secret + "/doors/storage-room/unlock");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("reason").asText()).isEqualTo("DOOR_EXCLUDED");
        assertThat(visitor("GET", "/api/links/" + secret).json().path("doors").get(2).path("linkAccess").asBoolean())
            .isFalse();
      } finally {
        assertThat(adminJson("PUT", "/api/orgs/demo/doors/storage-room/link-access", Map.of("allowed", true)).status())
            .isEqualTo(200);
      }
      Reply unknown = adminJson("PUT", "/api/orgs/demo/doors/nope/link-access", Map.of("allowed", false));
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.error().path("code").asText()).isEqualTo("door.unknown");
      Reply missing = adminJson("PUT", "/api/orgs/demo/doors/office/link-access", Map.of());
      assertThat(missing.status()).isEqualTo(400);
      assertThat(missing.error().path("code").asText()).isEqualTo("allowed.required");
      Reply wrongType = adminJson("PUT", "/api/orgs/demo/doors/office/link-access", Map.of("allowed", "no"));
      assertThat(wrongType.error().path("code").asText()).isEqualTo("json.type");
    }

    @Test
    void a_policy_refuses_sends_that_break_it_with_nothing_stored_or_counted() {
      assertThat(admin("GET", "/api/orgs/demo/policy").json().path("requireExpiry").asBoolean()).isFalse();
      try {
        Map<String, Object> policy = new HashMap<>();
        policy.put("maxValidityDays", 30);
        policy.put("requireExpiry", true);
        Reply set = adminJson("PUT", "/api/orgs/demo/policy", policy);
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(admin("GET", "/api/orgs/demo/policy").json().path("maxValidityDays").asInt()).isEqualTo(30);
        long emailUsed = admin("GET", "/api/orgs/demo/quota").json().path("email").path("used").asLong();
        String address = "pol-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Map<String, Object> never = link(unique("Pol"), "EMAIL", "visitors");
        never.put("email", address);
        Reply r1 = adminJson("POST", "/api/orgs/demo/access-links", never);
        assertThat(r1.status()).isEqualTo(400);
        assertThat(r1.error().path("code").asText()).isEqualTo("policy.expiry_required");
        assertThat(r1.error().path("field").asText()).isEqualTo("validUntil");
        never.put("validUntil", Instant.now().plus(31, ChronoUnit.DAYS).toString());
        Reply r2 = adminJson("POST", "/api/orgs/demo/access-links", never);
        assertThat(r2.error().path("code").asText()).isEqualTo("policy.validity_too_long");
        assertThat(admin("GET", "/api/orgs/demo/quota").json().path("email").path("used").asLong()).isEqualTo(emailUsed);
        assertThat(admin("GET", "/api/demo/outbox").json()).noneSatisfy(m -> assertThat(m.path("to").asText()).isEqualTo(address));
        Reply bad = adminJson("PUT", "/api/orgs/demo/policy", Map.of("maxValidityDays", 0));
        assertThat(bad.error().path("code").asText()).isEqualTo("policy.max_validity_days.out_of_range");
      } finally {
        Map<String, Object> none = new HashMap<>();
        none.put("maxValidityDays", null);
        none.put("requireExpiry", null);
        Reply reset = adminJson("PUT", "/api/orgs/demo/policy", none);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().path("maxValidityDays").isNull()).isTrue();
        assertThat(reset.json().path("requireExpiry").asBoolean()).isFalse();
      }
    }
  }

  @Nested
  @DisplayName("DELETE /api/orgs/{org}/access-links/{id}")
  class Revoke {
    @Test
    void revoking_takes_effect_at_once() {
      Reply sent = createManual(unique("Rita"), "visitors");
      String id = sent.json().path("id").asText();
      String secret = secretOf(sent.json().path("url").asText());
      Reply revoked = admin("DELETE", "/api/orgs/demo/access-links/" + id);
      assertThat(revoked.status()).isEqualTo(204);
      assertThat(revoked.raw().body()).isEmpty();
      Reply r = visitor("POST", "/api/links/" + secret + "/doors/front-door/unlock");
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().path("reason").asText()).isEqualTo("REVOKED");
      assertThat(visitor("GET", "/api/links/" + secret).json().path("status").asText()).isEqualTo("REVOKED");
      assertThat(admin("DELETE", "/api/orgs/demo/access-links/" + id).status()).isEqualTo(204);
    }

    @Test
    void unknown_or_malformed_ids() {
      Reply unknown = admin("DELETE", "/api/orgs/demo/access-links/" + UUID.randomUUID());
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.error().path("code").asText()).isEqualTo("link.unknown");
      Reply bad = admin("DELETE", "/api/orgs/demo/access-links/not-a-uuid");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.error().path("code").asText()).isEqualTo("id.invalid");
    }
  }

  @Nested
  @DisplayName("quota, events, outbox and routing")
  class Reports {
    @Test
    void quota_reports_every_channel() {
      createManual(unique("Quota"), "visitors");
      JsonNode q = admin("GET", "/api/orgs/demo/quota").json();
      assertThat(q.path("email").path("limit").asLong()).isEqualTo(1000);
      assertThat(q.path("email").has("used")).isTrue();
      assertThat(q.path("sms").path("resetsAt").asText()).isNotBlank();
      assertThat(q.path("manual").path("used").asLong()).isPositive();
      assertThat(q.path("manual").path("limit").isNull()).isTrue();
    }

    @Test
    void events_are_newest_first_and_limited() {
      createManual(unique("Events"), "visitors");
      List<JsonNode> all = events();
      assertThat(all).isNotEmpty();
      for (int i = 1; i < all.size(); i++) {
        assertThat(Instant.parse(all.get(i - 1).path("at").asText()))
            .isAfterOrEqualTo(Instant.parse(all.get(i).path("at").asText()));
      }
      assertThat(admin("GET", "/api/orgs/demo/events?limit=1").json()).hasSize(1);
      assertThat(admin("GET", "/api/orgs/demo/events?limit=0").status()).isEqualTo(400);
    }

    @Test
    void unknown_routes_and_methods() {
      assertThat(admin("GET", "/api/nothing").status()).isEqualTo(404);
      assertThat(admin("GET", "/api/nothing").error().path("code").asText()).isEqualTo("route.unknown");
      Reply put = admin("PUT", "/api/orgs/demo/quota");
      assertThat(put.status()).isEqualTo(405);
      assertThat(put.header("Allow")).isEqualTo("GET");
      assertThat(visitor("GET", "/").header("Content-Type")).startsWith("text/html");
      assertThat(visitor("GET", "/static/admin.js").status()).isEqualTo(200);
      assertThat(visitor("GET", "/static/../pom.xml").status()).isEqualTo(404);
    }
  }
}
