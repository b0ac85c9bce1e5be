package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import dev.accesslink.mqtt.simulator.SimulatedLock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as wired by {@link CompositionRoot} (embedded broker, simulated locks, H2), with a 2 s
 * door timeout: a frozen lock that acts at once but whose answer is held up 3 s. The visitor is
 * told the door did not answer; the audit log then says the truth, a late DOOR_UNLOCKED with its
 * delay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A lock whose answer comes after the visitor's")
class LateDoorAnswerTest {
  static final String TOKEN = "late-answer-token-7c1d";
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  RunningApp app;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    app = CompositionRoot.start(AppConfig.builder().port(0).adminToken(TOKEN).dataDir(data)
        .settings(Map.of("ACCESSLINK_DOOR_TIMEOUT_MS", "2000")).build());
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  List<JsonNode> events() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    TestApp.JSON.readTree(call("GET", "/api/orgs/demo/events?limit=50", null).body()).forEach(out::add);
    return out;
  }

  @Test
  @DisplayName("the visitor gets 503 UNREACHABLE, then the audit log gets the late DOOR_UNLOCKED with its delay, once")
  void lateOpeningIsRecorded() throws Exception {
    SimulatedLock front = app.resource(MqttLockSimulator.class).orElseThrow().locks().stream()
        .filter(l -> l.door().equals(DoorId.of("front-door"))).findFirst().orElseThrow();
    front.answerDelay(Duration.ofSeconds(3));
    HttpResponse<String> created = call("POST", "/api/orgs/demo/access-links",
        "{\"recipientName\":\"Late Lena\",\"channel\":\"MANUAL\",\"groupId\":\"visitors\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String secret = TestApp.secretOf(TestApp.JSON.readTree(created.body()).path("url").asText());

    HttpResponse<String> unlock = call("POST", "/api/links/" + secret + "/doors/front-door/unlock", null);
    assertThat(unlock.statusCode()).as(unlock.body()).isEqualTo(503);
    assertThat(TestApp.JSON.readTree(unlock.body()).path("outcome").asText()).isEqualTo("UNREACHABLE");
    assertThat(TestApp.JSON.readTree(unlock.body()).path("message").asText()).contains("If it is still locked");
    assertThat(front.executions()).hasSize(1); // the door did open, in time

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<JsonNode> unlocked = List.of();
    while (unlocked.isEmpty() && System.nanoTime() < deadline) {
      unlocked = events().stream().filter(e -> e.path("type").asText().equals("DOOR_UNLOCKED")).toList();
      if (unlocked.isEmpty()) {
        Thread.sleep(100); // polling the API as an operator would; no hook to wait on from outside
      }
    }
    assertThat(unlocked).singleElement().satisfies(e -> {
      assertThat(e.path("doorId").asText()).isEqualTo("front-door");
      assertThat(e.path("detail").asText()).matches("bypassed:\\[.*] late:\\d+ms");
      long delay = Long.parseLong(e.path("detail").asText().replaceAll(".* late:(\\d+)ms", "$1"));
      assertThat(delay).isPositive();
    });
    assertThat(events().stream().filter(e -> e.path("type").asText().equals("DOOR_UNREACHABLE")).count()).isOne();
  }
}
