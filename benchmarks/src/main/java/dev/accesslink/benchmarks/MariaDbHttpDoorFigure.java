package dev.accesslink.benchmarks;

import static dev.accesslink.benchmarks.HttpDoorFigure.DEMO_DOOR;
import static dev.accesslink.benchmarks.HttpDoorFigure.DEMO_ORG;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.example.RunningApp;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 9c: figure 7 (the example app's visitor unlock over HTTP end to end, against a bare JDK
 * {@code HttpServer} doing the unlock floor) with the app and the floor on MariaDB, a database of
 * their own. Figure 7's floor handler and client are reused as they are.
 */
final class MariaDbHttpDoorFigure extends SuitePart {
  MariaDbHttpDoorFigure(SuiteState state) {
    super(state);
  }

  void measure(MariaDb db, OwnMosquitto broker, MqttLockSimulator locks, RawMqttRoundTrip rawOwn) throws Exception {
    log("figure 9c: door over HTTP on MariaDB");
    String schema = db.createSchema("http");
    RunningApp app = startDemo(schema, broker);
    // before, in the same run: a second demo on a database of its own without version 13's procedure
    // al_record_uses, whose adapter sends the unlocks' bookkeeping as a transaction of batched statements
    String beforeSchema = db.createSchema("http_before");
    RunningApp beforeApp = startDemo(beforeSchema, broker);
    HikariDataSource beforePool = db.pool(beforeSchema, 2);
    try (java.sql.Connection c = beforePool.getConnection(); java.sql.Statement st = c.createStatement()) {
      st.execute("DROP PROCEDURE al_record_uses");
    }
    List<String> beforeSecrets = new ArrayList<>(HttpDoorFigure.demoLinks(beforePool).keySet());
    if (locks.locks().stream().noneMatch(l -> l.organization().equals(DEMO_ORG) && l.door().equals(DEMO_DOOR))) {
      locks.addLock(DEMO_ORG, DEMO_DOOR); // not yet added by figure 7: one lock answers each command
    }

    // links of the demo's organization, made by the library on the demo's own database
    HikariDataSource pool = db.pool(schema, 10);
    Map<String, String> hashes = HttpDoorFigure.demoLinks(pool);
    List<String> secrets = new ArrayList<>(hashes.keySet());

    // the floor: figure 7's JDK HttpServer handler (indexed SELECT, one durable INSERT in auto-commit,
    // raw Paho round trip) on this database
    System.setProperty("sun.net.httpserver.nodelay", "true");
    createFloorIntentTable(pool);
    HttpServer floorServer = HttpDoorFigure.startFloor(hashes, pool, rawOwn, closeables);

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    AtomicInteger next = new AtomicInteger();
    String demoBase = "http://127.0.0.1:" + app.port();
    Measure.Op library = () -> HttpDoorFigure.post(client, demoBase + "/api/links/"
        + secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size())) + "/doors/" + DEMO_DOOR.value() + "/unlock");
    String floorBase = "http://127.0.0.1:" + floorServer.getAddress().getPort();
    Measure.Op floor = () -> HttpDoorFigure.post(client, floorBase + "/floor/"
        + secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size())) + "/doors/" + DEMO_DOOR.value() + "/unlock");

    String beforeBase = "http://127.0.0.1:" + beforeApp.port();
    Measure.Op before = () -> HttpDoorFigure.post(client, beforeBase + "/api/links/"
        + beforeSecrets.get(Math.floorMod(next.incrementAndGet(), beforeSecrets.size())) + "/doors/"
        + DEMO_DOOR.value() + "/unlock");

    Runs runs = new Runs("door over HTTP on MariaDB: demo / floor");
    Runs beforeRuns = new Runs("before (bookkeeping as a transaction, no `al_record_uses`) / floor");
    List<List<Stats>> all = new ArrayList<>();
    WarmUp warm = Measure.warmUp(threads, slice(), library, floor, before);
    for (int run = 0; run < Runs.COUNT; run++) {
      List<Stats> s = Measure.interleaved(n(200), 10, n(100), library, floor, before);
      double[] tp = Measure.interleavedThroughput(threads, slice(), 1, run, library, floor, before);
      for (int i = 0; i < 3; i++) {
        s.get(i).throughput(tp[i], threads + " clients");
      }
      runs.add(s.get(0), s.get(1));
      beforeRuns.add(s.get(2), s.get(1));
      all.add(s);
    }
    List<Stats> s = all.get(runs.medianRun());
    Report.Figure f = new Report.Figure("9c. Door over HTTP on MariaDB: the demo's unlock end to end",
        "Figure 7 on MariaDB (" + MariaDb.version() + "), in a database of its own: the example app started with"
            + " `CompositionRoot.start` and `ACCESSLINK_DB_URL=jdbc:mariadb://...` (its migrations, MariaDB's V12"
            + " and V13 included, and its seed run there) on the suite's own Mosquitto, answering `POST /api/links/{secret}"
            + "/doors/{doorId}/unlock` (the guaranteed unlock: its intent written durably to MariaDB before the door"
            + " command), against figure 7's floor on the same database and broker: the JDK `HttpServer` handler"
            + " doing the indexed `SELECT` by secret hash, one durable `INSERT` in auto-commit (one redo log flush)"
            + " and a raw Paho QoS 1 round trip. Same client, throttle and bulkhead settings as figure 7; throughput: "
            + threads + " client threads. The demo's unlocks' background bookkeeping (last uses, `DOOR_UNLOCKED`"
            + " events, settled intents) is one `CALL al_record_uses(...)` per batch, the stored procedure of"
            + " MariaDB's own migration V13, taking the rows as JSON arrays. Before, in the same run and interleaved"
            + " with them: a second demo on a database of its own without that procedure, where the adapter sends"
            + " the same batch as a transaction of batched statements (auto-commit off, isolation, one `UPDATE` per"
            + " link, the events, one `DELETE` per intent, `COMMIT`, auto-commit on). " + Runs.COUNT
            + " consecutive runs; the table shows the run with the median p50 ratio.");
    f.row("library: the demo's `POST …/unlock` over HTTP (MariaDB)", s.get(0))
        .row("floor: JDK `HttpServer` + `SELECT` + durable `INSERT` + MQTT (MariaDB)", s.get(1))
        .row("before: the demo with its bookkeeping as a transaction (no `al_record_uses`)", s.get(2));
    f.ratio(runs.line());
    f.ratio(beforeRuns.line());
    f.ratio(warm.line("requests/s at " + threads + " clients", "demo", "floor", "before"));
    f.verdict = runs.verdict(HttpDoorFigure.P50_TARGET, HttpDoorFigure.THROUGHPUT_TARGET);
    report.figures.add(f);
  }

  /** The example app on {@code schema} of the suite's MariaDB and on the suite's own broker. */
  private RunningApp startDemo(String schema, OwnMosquitto broker) throws Exception {
    return keep(HttpDoorFigure.startDemo("jdbc:mariadb://" + MariaDb.HOST + "/" + schema, MariaDb.USER,
        MariaDb.PASSWORD, broker));
  }
}
