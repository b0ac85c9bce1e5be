package dev.accesslink.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.example.AppConfig;
import dev.accesslink.example.CompositionRoot;
import dev.accesslink.example.RunningApp;
import dev.accesslink.example.WebLayerProbe;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 7: the example app's visitor unlock over HTTP end to end, against a bare JDK {@code
 * HttpServer} doing the unlock floor on the same broker and database.
 */
final class HttpDoorFigure extends SuitePart {
  /** The targets of issue 19. */
  static final double P50_TARGET = 1.3;
  static final double THROUGHPUT_TARGET = 0.8;
  /** The demo's seeded organization, group and door (example-app {@code DemoSeed}). */
  static final OrganizationId DEMO_ORG = OrganizationId.of("demo");
  static final GroupId DEMO_GROUP = GroupId.of("visitors");
  static final DoorId DEMO_DOOR = DoorId.of("front-door");
  /** The demo's guess throttle burst and door bulkhead limits, raised for the benchmark. */
  static final String GUESS_BURST = "1000000";
  static final String DOOR_WAITS = "10000";

  HttpDoorFigure(SuiteState state) {
    super(state);
  }

  void measure(Postgres pg, OwnMosquitto broker, MqttLockSimulator locks, RawMqttRoundTrip rawOwn) throws Exception {
    log("figure 7: door over HTTP");
    String schema = pg.createSchema("http");
    RunningApp app = keep(startDemo(Postgres.URL + "?currentSchema=" + schema, Postgres.USER, Postgres.PASSWORD,
        broker));
    locks.addLock(DEMO_ORG, DEMO_DOOR);

    // links of the demo's organization, made by the library on the demo's own schema
    HikariDataSource pool = pg.pool(schema, 10);
    Map<String, String> hashes = demoLinks(pool);
    List<String> secrets = new ArrayList<>(hashes.keySet());

    // the floor: the JDK's own HTTP server, one handler doing the unlock floor; TCP_NODELAY on its
    // sockets as Jetty sets it (else Nagle and delayed ACKs add up to 40 ms to an answer)
    System.setProperty("sun.net.httpserver.nodelay", "true");
    UnlockFigure.durableFloor(pool, new ArrayList<>(hashes.values()), new AtomicInteger(), rawOwn); // its table
    HttpServer floorServer = startFloor(hashes, pool, rawOwn, closeables);

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    AtomicInteger next = new AtomicInteger();
    String demoBase = "http://127.0.0.1:" + app.port();
    Measure.Op library = () -> post(client, demoBase + "/api/links/"
        + secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size())) + "/doors/" + DEMO_DOOR.value() + "/unlock");
    String floorBase = "http://127.0.0.1:" + floorServer.getAddress().getPort();
    Measure.Op floor = () -> post(client, floorBase + "/floor/"
        + secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size())) + "/doors/" + DEMO_DOOR.value() + "/unlock");

    // the web layer alone: the demo's web server and a bare JDK server in front of one in-memory
    // AccessLinks whose door answers in-process, so that the two differ in the web layer only
    WebLayer web = new WebLayer(client, secrets.size());
    closeables.add(web);

    // warm-up at the measured concurrency, untimed, until the JIT is quiet: the deep Jetty/Javalin, Jdbi and
    // Paho stacks take the compiler about a minute on 2 cores, which the timed runs would otherwise pay for
    WarmUp warm = Measure.warmUp(threads, slice(), library, floor, web.demo, web.jdk);

    Runs runs = new Runs("door over HTTP: demo / floor");
    Runs webRuns = new Runs("web layer alone: demo / JDK HttpServer");
    List<List<Stats>> all = new ArrayList<>();
    for (int run = 0; run < Runs.COUNT; run++) {
      List<Stats> s = Measure.interleaved(n(200), 10, n(100), library, floor, web.demo, web.jdk);
      double[] tp = Measure.interleavedThroughput(threads, slice(), 1, run, library, floor, web.demo, web.jdk);
      for (int i = 0; i < s.size(); i++) {
        s.get(i).throughput(tp[i], threads + " clients");
      }
      runs.add(s.get(0), s.get(1));
      webRuns.add(s.get(2), s.get(3));
      all.add(s);
    }
    List<Stats> s = all.get(runs.medianRun());
    List<Stats> w = all.get(webRuns.medianRun());
    Report.Figure f = new Report.Figure("7. Door over HTTP: the demo's unlock end to end",
        "Library: the example app (in the suite's JVM, started with `CompositionRoot.start` on"
            + " PostgreSQL, schema of its own, and on the suite's own Mosquitto) answering `POST /api/links/{secret}"
            + "/doors/{doorId}/unlock`: a `java.net.http` client (HTTP/1.1, keep-alive) on loopback → Jetty 12 /"
            + " Javalin 7 → the demo's visitor route (guess throttle, body rules, JSON) → `AccessLinks.unlock` (the"
            + " guaranteed unlock of figure 2, door commands unsigned) → MQTT → the suite's `MqttLockSimulator` →"
            + " answer → JSON. Its background bookkeeping is not waited for. For the benchmark the demo's guess throttle"
            + " burst is raised to " + GUESS_BURST + " (every request comes from one address) and its door bulkhead"
            + " to " + DOOR_WAITS + " waits per door and in all (`ACCESSLINK_GUESS_BURST`,"
            + " `ACCESSLINK_DOOR_MAX_WAITS_PER_DOOR`, `ACCESSLINK_DOOR_MAX_WAITS`). Floor: the JDK's"
            + " `com.sun.net.httpserver.HttpServer` (64 threads, `-Dsun.net.httpserver.nodelay=true` set by the"
            + " suite: TCP_NODELAY, as Jetty has it) whose one handler does the floor of a guaranteed"
            + " unlock of figure 2 (indexed `SELECT` by secret hash, one durable `INSERT`, raw Paho QoS 1 round"
            + " trip) on the same database and broker and answers a small JSON; same client. Throughput: "
            + threads + " client threads. Before the first run the paths run untimed " + slice().toSeconds()
            + " s slices side by side at " + threads + " clients until the JIT is quiet (the warm-up line below). " + Runs.COUNT + " consecutive runs; the table"
            + " shows the run with the median p50 ratio. The last two rows (no target) isolate the web layer: the demo's web server"
            + " (`WebLayerProbe`: the same `WebServer`, routes, limits, headers and throttle) and a bare JDK"
            + " `HttpServer` (64 threads) both call one `AccessLinks` on in-memory persistence whose door"
            + " controller answers at once, in the same JVM, with the same client; they are measured in the"
            + " same interleaved rounds as the first two, and shown from their own median run (a request that java.net.http"
            + " fails with its pooled-connection race, which only these in-process answers are fast enough to hit, is"
            + " sent once more).");
    f.row("library: the demo's `POST …/unlock` over HTTP", s.get(0))
        .row("floor: JDK `HttpServer` + `SELECT` + durable `INSERT` + MQTT", s.get(1))
        .row("web layer alone: the demo's web server, in-memory unlock", w.get(2))
        .row("web layer alone: JDK `HttpServer`, the same in-memory unlock", w.get(3));
    f.ratio(runs.line());
    f.ratio(webRuns.line() + " (no target: what the web layer alone adds)");
    f.ratio(warm.line("requests/s at " + threads + " clients", "demo", "floor", "web layer alone: demo", "web layer alone: JDK"));
    f.verdict = runs.verdict(P50_TARGET, THROUGHPUT_TARGET);
    report.figures.add(f);
  }

  /**
   * The example app on the database at {@code url} and the suite's own broker, on a free loopback
   * port, with the throttle and bulkhead raised for the benchmark's one client address and 8 clients.
   */
  static RunningApp startDemo(String url, String user, String password, OwnMosquitto broker) throws Exception {
    return CompositionRoot.start(AppConfig.builder()
        .port(0)
        .bindAddress("127.0.0.1")
        .adminToken("bench-" + UUID.randomUUID())
        .dataDir(Files.createTempDirectory("accesslink-bench-http"))
        .settings(Map.of(
            "ACCESSLINK_DB_URL", url,
            "ACCESSLINK_DB_USER", user,
            "ACCESSLINK_DB_PASSWORD", password,
            "ACCESSLINK_MQTT_URL", broker.uri(),
            // one address (the benchmark's client) sends every request: the throttle must not count them
            "ACCESSLINK_GUESS_BURST", GUESS_BURST,
            // 8 clients wait on one door at once: above the demo's bulkhead defaults for one door
            "ACCESSLINK_DOOR_MAX_WAITS_PER_DOOR", DOOR_WAITS,
            "ACCESSLINK_DOOR_MAX_WAITS", DOOR_WAITS))
        .build());
  }

  /**
   * 200 MANUAL links of the demo's organization, made by the library on {@code pool}: each secret
   * with the hex SHA-256 the floor looks up (in the order they were made).
   */
  static Map<String, String> demoLinks(HikariDataSource pool) {
    Map<String, String> hashes = new java.util.LinkedHashMap<>();
    try (AccessLinks maker = AccessLinks.builder().persistence(JdbcAccessLinkPersistence.create(pool))
        .doors(c -> new DoorResponse.Unreachable("not used")).build()) {
      for (int i = 0; i < 200; i++) {
        String secret = Library.secretOf(maker.send(SendAccessLinkCommand.manual(DEMO_ORG, Library.ADMIN,
            "Ada Visitor", DEMO_GROUP, ValidityWindow.always())));
        hashes.put(secret, dev.accesslink.core.domain.LinkSecret.parse(secret).orElseThrow().hash().toHex());
      }
    }
    return hashes;
  }

  /**
   * The floor's JDK {@code HttpServer} (64 threads) answering {@code POST /floor/{secret}/doors/...}
   * with {@link #floorUnlock}, started on a free loopback port and stopped by {@code closeables}.
   */
  static HttpServer startFloor(Map<String, String> hashes, HikariDataSource pool, RawMqttRoundTrip raw,
      List<AutoCloseable> closeables) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    ExecutorService threads = Executors.newFixedThreadPool(64);
    server.setExecutor(threads);
    server.createContext("/floor/", ex -> floorUnlock(ex, hashes, pool, raw));
    server.start();
    closeables.add(() -> {
      server.stop(0);
      threads.shutdownNow();
    });
    return server;
  }

  static void floorUnlock(HttpExchange ex, Map<String, String> hashes, HikariDataSource pool,
      RawMqttRoundTrip raw) throws IOException {
    try (ex) {
      String[] parts = ex.getRequestURI().getPath().split("/");
      String hash = parts.length > 2 ? hashes.get(parts[2]) : null;
      if (!"POST".equals(ex.getRequestMethod()) || hash == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ex.getRequestBody().readAllBytes();
      try {
        selectByHash(pool, hash);
        insertFloorIntent(pool, "demo", "front-door");
        raw.roundTrip();
      } catch (Exception e) {
        ex.sendResponseHeaders(500, -1);
        return;
      }
      byte[] body = ("{\"outcome\":\"UNLOCKED\",\"doorId\":\"front-door\",\"at\":\""
          + java.time.Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * The web layer alone: the demo's web server and a bare JDK {@code HttpServer} in front of the
   * same in-memory {@link AccessLinks}, whose door answers in-process.
   */
  private static final class WebLayer implements AutoCloseable {
    final Measure.Op demo;
    final Measure.Op jdk;
    private final AccessLinks links;
    private final WebLayerProbe probe;
    private final HttpServer jdkServer;
    private final ExecutorService jdkThreads;

    WebLayer(HttpClient client, int count) throws IOException {
      InMemoryAccessLinkPersistence memory = new InMemoryAccessLinkPersistence();
      memory.organizations().save(OrganizationSettings.of(DEMO_ORG, "Bench web", URI.create("https://links.example/l")));
      memory.groups().put(new Group(DEMO_ORG, DEMO_GROUP, "Visitors", List.of(new Door(DEMO_DOOR, "Front door"))));
      links = AccessLinks.builder().persistence(memory).doors(c -> new DoorResponse.Unlocked())
          .doorPolicy(dev.accesslink.core.application.DoorPolicy.defaults().withBulkhead(10_000, 10_000)).build();
      List<String> secrets = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        secrets.add(Library.secretOf(links.send(SendAccessLinkCommand.manual(DEMO_ORG, Library.ADMIN,
            "Ada Visitor", DEMO_GROUP, ValidityWindow.always()))));
      }
      probe = WebLayerProbe.start(links, Integer.parseInt(GUESS_BURST));
      jdkServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      jdkThreads = Executors.newFixedThreadPool(64);
      jdkServer.setExecutor(jdkThreads);
      jdkServer.createContext("/api/links/", this::jdkUnlock);
      jdkServer.start();
      AtomicInteger next = new AtomicInteger();
      String demoBase = "http://127.0.0.1:" + probe.port() + "/api/links/";
      String jdkBase = "http://127.0.0.1:" + jdkServer.getAddress().getPort() + "/api/links/";
      String tail = "/doors/" + DEMO_DOOR.value() + "/unlock";
      demo = () -> postRetryingPoolRace(client, demoBase + secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size())) + tail);
      jdk = () -> postRetryingPoolRace(client, jdkBase + secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size())) + tail);
    }

    private void jdkUnlock(HttpExchange ex) throws IOException {
      try (ex) {
        String[] parts = ex.getRequestURI().getPath().split("/");
        if (!"POST".equals(ex.getRequestMethod()) || parts.length != 7) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        ex.getRequestBody().readAllBytes();
        UnlockOutcome outcome = links.unlock(new UnlockDoorCommand(parts[3], DoorId.of(parts[5])));
        if (!(outcome instanceof UnlockOutcome.Unlocked u)) {
          ex.sendResponseHeaders(500, -1);
          return;
        }
        byte[] body = ("{\"outcome\":\"UNLOCKED\",\"doorId\":\"" + u.door().value() + "\",\"at\":\""
            + u.at() + "\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    }

    @Override
    public void close() {
      probe.close();
      jdkServer.stop(0);
      jdkThreads.shutdownNow();
      links.close();
    }
  }

  /**
   * {@link #post}, sent once more when java.net.http failed it with its pooled-connection race: an
   * answer that arrives within microseconds on a connection just taken from the client's pool can be
   * read as "data received while in pool", which closes the connection under the request ("connection
   * closed locally"). Only the in-process answers of the web-layer rows are that fast; the
   * end-to-end rows never retry.
   */
  private static void postRetryingPoolRace(HttpClient client, String url) throws Exception {
    try {
      post(client, url);
    } catch (IOException e) {
      post(client, url);
    }
  }

  static void post(HttpClient client, String url) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 || !r.body().contains("UNLOCKED")) {
      throw new IllegalStateException("unlock over HTTP: " + r.statusCode() + " " + r.body());
    }
  }
}
