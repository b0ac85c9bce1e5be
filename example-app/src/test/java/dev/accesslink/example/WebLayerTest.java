package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.DoorResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The web layer alone, on core's in-memory adapters and lambda ports, for the answers the
 * embedded demo cannot produce on demand: a door that does not answer (503 UNREACHABLE) and a
 * backing service that is down (503 without internals).
 */
@DisplayName("The web layer's answers to failing doors and services")
class WebLayerTest {
  private static final OrganizationId DEMO = DemoSeed.ORGANIZATION;
  private final AtomicBoolean auditDown = new AtomicBoolean();
  private WebServer server;
  private AccessLinks links;
  private String base;

  @BeforeEach
  void start() throws Exception {
    AccessEvents events = new AccessEvents() {
      @Override
      public void record(AccessEvent event) {}

      @Override
      public List<AccessEvent> recent(OrganizationId organization, int limit) {
        if (auditDown.get()) {
          throw new AccessLinkInfrastructureException("database: read events failed (SQLState 08001, secret-host:5432)");
        }
        return List.of();
      }
    };
    InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence(events);
    persistence.organizations().save(
        DemoSeed.organization(java.util.Optional.empty(), URI.create("http://localhost/l/"), java.time.ZoneOffset.UTC,
            dev.accesslink.core.domain.Language.ENGLISH));
    DemoSeed.GROUPS.forEach(persistence.groups()::put);
    links = AccessLinks.builder().persistence(persistence).doors(command -> new DoorResponse.Unreachable("timeout"))
        .clock(Clock.systemUTC()).build();
    GuessThrottle throttle = new GuessThrottle(GuessThrottle.Settings.defaults(), Clock.systemUTC());
    server = WebServer.start("127.0.0.1", 0, WebServer.Limits.defaults(), CompositionRoot.objectMapper(), 16 * 1024,
        new StaticFiles(), new AdminRoutes(links, null, "t", AdminId.of("admin"), "Grace Hopper",
            url -> new byte[0], Clock.systemUTC()),
        new VisitorRoutes(links, throttle, new VisitorTexts(VisitorTexts.BUILT_IN)), throttle);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> call(String method, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer t").method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void a_door_that_does_not_answer_is_503_unreachable() throws Exception {
    String url = links.send(SendAccessLinkCommand.manual(DEMO, AdminId.of("admin"), "Ann", GroupId.of("visitors"),
        ValidityWindow.always())).manualUrlIfAny().orElseThrow().reveal();
    HttpResponse<String> r = call("POST", "/api/links/" + TestApp.secretOf(url) + "/doors/front-door/unlock");
    assertThat(r.statusCode()).isEqualTo(503);
    JsonNode j = TestApp.JSON.readTree(r.body());
    assertThat(j.path("outcome").asText()).isEqualTo("UNREACHABLE");
  }

  @Test
  void a_backing_service_failure_is_503_without_internals() throws Exception {
    auditDown.set(true);
    HttpResponse<String> r = call("GET", "/api/orgs/demo/events");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(TestApp.JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("service.unavailable");
    assertThat(r.body()).doesNotContain("SQLState").doesNotContain("secret-host");
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void a_twilio_account_without_a_callback_url_says_what_to_set_not_that_there_is_no_account() throws Exception {
    GuessThrottle throttle = new GuessThrottle(GuessThrottle.Settings.defaults(), Clock.systemUTC());
    try (WebServer twilioServer = WebServer.start("127.0.0.1", 0, WebServer.Limits.defaults(),
        CompositionRoot.objectMapper(), 16 * 1024, new StaticFiles(),
        new AdminRoutes(links, null, "t", AdminId.of("admin"), "Grace Hopper", url -> new byte[0], Clock.systemUTC()),
        new VisitorRoutes(links, throttle, new VisitorTexts(VisitorTexts.BUILT_IN)), throttle,
        TwilioRoutes.withoutCallbackUrl(links))) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + twilioServer.port() + "/api/twilio/status"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("MessageSid=SM1&MessageStatus=failed")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
      JsonNode error = TestApp.JSON.readTree(r.body()).path("error");
      assertThat(error.path("code").asText()).isEqualTo("twilio.disabled");
      assertThat(error.path("message").asText()).contains("ACCESSLINK_PUBLIC_URL").doesNotContain("No Twilio account");
    }
  }

  @Test
  void without_a_demo_outbox_the_outbox_is_404() throws Exception {
    HttpResponse<String> r = call("GET", "/api/demo/outbox");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("demo.disabled");
  }
}
