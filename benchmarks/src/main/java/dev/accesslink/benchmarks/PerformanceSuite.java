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
 * by the run) and the system Mosquitto at 127.0.0.1:1883 for the default-configuration figure.
 * Exits with status 1 if a correctness assertion (the quota race) fails.
 *
 * <p>This class only reads the arguments, sets up the shared pool, broker and library, and runs
 * the figures in order; each figure is its own class ({@link SuitePart}).
 */
public final class PerformanceSuite {
  private final SuiteState state;
  /** The one figure to run ({@code --only}), or 0 for all. */
  private final int only;

  private PerformanceSuite(boolean quick, int largeCount, int only) {
    this.state = new SuiteState(quick, largeCount);
    this.only = only;
  }

  /**
   * Runs the suite.
   *
   * @param args {@code --out PATH} (default {@code docs/performance.md}), {@code --links N} (links
   *     in the large table, default 1,000,000), {@code --quick} (a short smoke run with small counts),
   *     {@code --only 5} (only figure 5, the quota race), {@code --only 2} (only figure 2, unlock)
   * @throws Exception if the run cannot complete
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of("docs/performance.md");
    boolean quick = false;
    int links = 1_000_000;
    int only = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--quick" -> quick = true;
        case "--links" -> links = Integer.parseInt(args[++i]);
        case "--only" -> {
          only = Integer.parseInt(args[++i]);
          if (only != 5 && only != 2) {
            throw new IllegalArgumentException("--only supports figures 2 and 5, got " + only);
          }
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (quick && links == 1_000_000) {
      links = 20_000;
    }
    PerformanceSuite suite = new PerformanceSuite(quick, links, only);
    SuiteState state = suite.state;
    long t0 = System.nanoTime();
    try {
      suite.run();
    } finally {
      state.closeAll();
    }
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    state.report.tail.add("Whole run: " + seconds + " s (wall clock, setup and the bulk load included); load average"
        + " at the end " + ReportHeader.loadAverage() + " (the suite's own 64-thread race and JMH fork included).");
    if (!state.failures.isEmpty()) {
      state.report.tail.add("");
      state.report.tail.add("**FAILED assertions:** " + String.join("; ", state.failures));
    }
    try (var in = PerformanceSuite.class.getResourceAsStream("analysis.md")) {
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

  private void run() throws Exception {
    Postgres pg = state.keep(new Postgres());
    SuitePart.log("starting own mosquitto");
    OwnMosquitto broker = state.keep(OwnMosquitto.start());
    new ReportHeader(state).write(broker);
    if (only == 5) {
      new QuotaRaceFigure(state).measure(pg);
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

    if (only == 2) {
      new UnlockFigure(state).measure(lib, pool, locks, rawOwn);
      return;
    }
    new BuildingBlocks(state).measure(pool, rawOwn, doors, locks);
    new CreateFigure(state).measure(lib, pool);
    new UnlockFigure(state).measure(lib, pool, locks, rawOwn);
    new PeerFigure(state).measure(pg, lib, pool);
    new ScaleFigure(state).measure(pg, doors, locks, rawOwn);
    new QuotaRaceFigure(state).measure(pg);
    if (Boolean.parseBoolean(System.getProperty("bench.jmh", "true"))) {
      // -Dbench.jmh=false skips it, e.g. under JFR, whose forked JVM would overwrite the recording
      new CpuFigure(state).measure();
    }
  }
}
