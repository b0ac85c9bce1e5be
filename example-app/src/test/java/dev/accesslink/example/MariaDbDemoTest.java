package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.testsupport.ExternalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The demo on MariaDB, configured as docs/example-app.md says for any database ({@code
 * ACCESSLINK_DB_URL}, {@code ACCESSLINK_DB_USER}, {@code ACCESSLINK_DB_PASSWORD}): started on an
 * empty database of its own (MariaDB at 127.0.0.1:3306, user root, empty password), it migrates and
 * seeds it, creates a link and opens a door over HTTP, and starts again on the same database.
 */
class MariaDbDemoTest {
  private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
  private static final String TOKEN = "maria-admin-token-" + UUID.randomUUID();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  @DisplayName("the demo runs on MariaDB: migrations and seed on an empty database, a link sent and a door opened over HTTP, and a restart on the same data")
  void runsOnMariaDb() throws Exception {
    ExternalServices.assumeTcp("MariaDB", "127.0.0.1", 3306, "start MariaDB with user root, empty password");
    String database = "al_demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }
    try {
      AppConfig config = AppConfig.builder()
          .port(0)
          .bindAddress("127.0.0.1")
          .adminToken(TOKEN)
          .adminName("Grace Hopper")
          .dataDir(Files.createTempDirectory("accesslink-example-mariadb"))
          .settings(Map.of("ACCESSLINK_DB_URL", SERVER + database, "ACCESSLINK_DB_USER", "root",
              "ACCESSLINK_DB_PASSWORD", ""))
          .build();
      String secret;
      try (RunningApp app = CompositionRoot.start(config)) {
        assertThat(app.wiring()).anySatisfy(line -> assertThat(line).contains("jdbc:mariadb:"));
        HttpResponse<String> sent = send(app, "POST", "/api/orgs/demo/access-links", TOKEN,
            "{\"recipientName\":\"Ada Visitor\",\"channel\":\"MANUAL\",\"groupId\":\"visitors\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        secret = dev.accesslink.core.domain.LinkSecret.parsePresented(json(sent).path("url").asText()).orElseThrow()
            .reveal();

        HttpResponse<String> opened = send(app, "POST", "/api/links/" + secret + "/doors/front-door/unlock", null, null);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(json(opened).path("outcome").asText()).isEqualTo("UNLOCKED");
      }
      try (RunningApp again = CompositionRoot.start(config)) {
        HttpResponse<String> view = send(again, "GET", "/api/links/" + secret, null, null);
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        assertThat(json(view).path("recipientName").asText()).isEqualTo("Ada Visitor");
        HttpResponse<String> events = send(again, "GET", "/api/orgs/demo/events?limit=50", TOKEN, null);
        assertThat(events.body()).contains("DOOR_UNLOCKED").contains("LINK_SENT").doesNotContain(secret);
      }
    } finally {
      try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE " + database);
      }
    }
  }

  private HttpResponse<String> send(RunningApp app, String method, String path, String token, String json)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return CompositionRoot.objectMapper().readTree(r.body());
  }
}
