package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.mqtt.MqttDoorController;
import dev.accesslink.mqtt.MqttDoorSettings;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The performance suite: measures every figure of {@code docs/performance.md} against its floor in
 * one run and writes that page.
 *
 * <pre>
 * ./mvnw -Pbenchmarks -pl benchmarks -am package -DskipTests &amp;&amp; java -jar benchmarks/target/benchmarks.jar
 * </pre>
 *
 * <p>Needs PostgreSQL at 127.0.0.1:5432 (user {@code postgres}, database {@code test}; its
 * schemas are created and dropped by the run), {@code /usr/sbin/mosquitto} (started on a free port
 * by the run) and the system Mosquitto at 127.0.0.1:1883 for the default-configuration figure;
 * MariaDB at 127.0.0.1:3306 (user {@code root}) for figures 9, 9b and 9c (skipped with a note when absent). The
 * example app (figure 7) and GreenMail (figure 8) run inside the suite's JVM. Each verdict is the
 * median of {@link Runs#COUNT} consecutive runs of its figure. Exits with status 1 if a correctness
 * assertion (the quota race's exactness, each drained e-mail sent once) fails.
 *
 * <p>This class only reads the arguments, sets up the shared pool, broker and library, and runs
 * the figures in order; each figure is its own class ({@link SuitePart}).
 */
public final class PerformanceSuite {
  private final SuiteState state;
  /** The one figure to run ({@code --only}), or empty for all. */
  private final String only;
  /** The command line's arguments, as the report's header shows them. */
  private final String arguments;

  private PerformanceSuite(boolean quick, int largeCount, String only, String arguments) {
    this.state = new SuiteState(quick, largeCount);
    this.only = only;
    this.arguments = arguments;
  }

  /** The figures {@code --only} knows, by name; numbers name the same figures. */
  static final java.util.List<String> FIGURES = java.util.List.of(
      "create", "unlock", "peer", "scale", "race", "load", "http", "drain", "mariadb", "cpu");

  /**
   * Runs the suite.
   *
   * @param args {@code --out PATH} (default {@code docs/performance.md} for the whole run,
   *     {@code benchmarks/target/performance-<figure>.md} for a partial one), {@code --links N}
   *     (links in the large table of figure 4, default 1,000,000), {@code --quick} (a short smoke
   *     run with small counts), {@code --only F} (one figure: {@code create} 1, {@code unlock} 2,
   *     {@code peer} 3, {@code scale} 4, {@code race} 5, {@code load} 6, {@code http} 7, {@code
   *     drain} 8, {@code mariadb} 9: 9, 9b and 9c, {@code cpu}), {@code --scale-10m} (figure 4 alone at
   *     10,000,000 links: {@code --only scale --links 10000000})
   * @throws Exception if the run cannot complete
   */
  public static void main(String[] args) throws Exception {
    Path out = null;
    boolean quick = false;
    int links = 1_000_000;
    String only = "";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--quick" -> quick = true;
        case "--links" -> links = Integer.parseInt(args[++i]);
        case "--only" -> only = figure(args[++i]);
        case "--scale-10m" -> {
          only = "scale";
          links = 10_000_000;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (quick && links == 1_000_000) {
      links = 20_000;
    }
    if (out == null) {
      out = only.isEmpty() ? Path.of("docs/performance.md")
          : Path.of("benchmarks/target/performance-" + only + (only.equals("scale") ? "-" + links : "") + ".md");
    }
    PerformanceSuite suite = new PerformanceSuite(quick, links, only, String.join(" ", args));
    SuiteState state = suite.state;
    long t0 = System.nanoTime();
    try {
      suite.run();
    } finally {
      state.closeAll();
    }
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    state.report.tail.add("Whole run: " + seconds + " s (wall clock, setup and the bulk load included); load average"
        + " at the end " + ReportHeader.loadAverage()
        + (only.isEmpty() ? " (the suite's own 64-thread race and JMH fork included)." : "."));
    if (!state.failures.isEmpty()) {
      state.report.tail.add("");
      state.report.tail.add("**FAILED assertions:** " + String.join("; ", state.failures));
    }
    // the analysis reads the whole run's figures: a page of one figure would carry a stale copy of it
    try (var in = only.isEmpty() ? PerformanceSuite.class.getResourceAsStream("analysis.md") : null) {
      if (in != null) {
        state.report.tail.add("");
        state.report.tail.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, state.report.render(), StandardCharsets.UTF_8);
    SuitePart.log("wrote " + out.toAbsolutePath() + " in " + seconds + " s");
    if (!state.failures.isEmpty()) {
      System.err.println("FAILED: " + state.failures);
      System.exit(1);
    }
  }

  private static String figure(String arg) {
    if (arg.matches("[1-9]")) {
      return FIGURES.get(Integer.parseInt(arg) - 1);
    }
    if (!FIGURES.contains(arg)) {
      throw new IllegalArgumentException("--only takes one of " + FIGURES + " or 1-9, got " + arg);
    }
    return arg;
  }

  private boolean runs(String figure) {
    return only.isEmpty() || only.equals(figure);
  }

  private void run() throws Exception {
    Postgres pg = state.keep(new Postgres());
    SuitePart.log("starting own mosquitto");
    OwnMosquitto broker = state.keep(OwnMosquitto.start());
    new ReportHeader(state).write(broker, arguments);
    if (only.equals("race")) {
      new QuotaRaceFigure(state).measure(pg);
      return;
    }
    if (only.equals("drain")) {
      new DeliveryDrainFigure(state).measure(pg);
      return;
    }
    if (only.equals("mariadb")) {
      mariaDb(broker, state.keep(MqttLockSimulator.builder(broker.uri()).build()),
          state.keep(new RawMqttRoundTrip(broker.uri())));
      return;
    }
    if (only.equals("cpu")) {
      new CpuFigure(state).measure();
      return;
    }

    MqttLockSimulator locks = state.keep(MqttLockSimulator.builder(broker.uri()).build());
    MqttDoorController doors = state.keep(MqttDoorController.connect(
        MqttDoorSettings.builder(broker.uri()).clientId("bench-" + SuitePart.shortId())
            .commandKeys(UnlockFigure.ORG, Library.DOOR, UnlockFigure.KEYS).build()));
    RawMqttRoundTrip rawOwn = state.keep(new RawMqttRoundTrip(broker.uri()));

    String mainSchema = pg.createSchema("main");
    HikariDataSource pool = pg.pool(mainSchema, 10);
    Library lib = new Library(pool, doors);

    HikariDataSource asyncPool = pg.asyncCommitPool(mainSchema, 10);
    state.whatIf(WhatIf.library(lib, asyncPool, doors));

    if (only.isEmpty()) {
      new BuildingBlocks(state).measure(pool, rawOwn, doors, locks);
    }
    if (runs("create")) {
      new CreateFigure(state).measure(lib, pool);
    }
    if (runs("unlock")) {
      new UnlockFigure(state).measure(lib, pool, locks, rawOwn);
    }
    if (runs("peer")) {
      new PeerFigure(state).measure(pg, lib, pool);
    }
    if (runs("scale")) {
      new ScaleFigure(state).measure(pg, doors, locks, rawOwn);
    }
    if (runs("race")) {
      new QuotaRaceFigure(state).measure(pg);
    }
    if (runs("load")) {
      new UnderLoadFigure(state).measure(lib, pool, locks, rawOwn, runs("unlock"));
    }
    if (runs("http")) {
      new HttpDoorFigure(state).measure(pg, broker, locks, rawOwn);
    }
    if (runs("drain")) {
      new DeliveryDrainFigure(state).measure(pg);
    }
    if (runs("mariadb")) {
      mariaDb(broker, locks, rawOwn);
    }
    if (runs("cpu") && Boolean.parseBoolean(System.getProperty("bench.jmh", "true"))) {
      // -Dbench.jmh=false skips it, e.g. under JFR, whose forked JVM would overwrite the recording
      new CpuFigure(state).measure();
    }
  }

  private void mariaDb(OwnMosquitto broker, MqttLockSimulator locks, RawMqttRoundTrip rawOwn) throws Exception {
    if (!dev.accesslink.testsupport.ExternalServices.tcpOpen(MariaDb.HOST.split(":")[0],
        Integer.parseInt(MariaDb.HOST.split(":")[1]))) {
      state.report.tail.add("MariaDB at " + MariaDb.HOST + " was not reachable: figure 9 was not measured.");
      return;
    }
    new MariaDbFigure(state).measure(state.keep(new MariaDb()), broker, locks, rawOwn);
  }
}
