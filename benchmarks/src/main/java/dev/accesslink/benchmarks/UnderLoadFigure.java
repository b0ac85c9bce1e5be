package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import java.util.ArrayList;
import java.util.List;

/** Figure 6: figures 1 and 2 again, library against floor, while a CPU hog runs beside them. */
final class UnderLoadFigure extends SuitePart {
  /** The target of issue 19: library / floor p50 under load. */
  static final double P50_TARGET = 1.30;

  UnderLoadFigure(SuiteState state) {
    super(state);
  }

  /** Measures; {@code unlockLockAdded}: figure 2 ran before and added its door's simulated lock. */
  void measure(Library lib, HikariDataSource pool, MqttLockSimulator locks, RawMqttRoundTrip rawOwn,
      boolean unlockLockAdded) throws Exception {
    log("figure 6: under load");
    OrganizationId org = lib.organization("create-load", Long.MAX_VALUE);
    CreateFigure create = new CreateFigure(stateForFigures());
    UnlockFigure.Pair unlock = UnlockFigure.pair(lib, pool, locks, rawOwn, unlockLockAdded);
    List<Stats> createRows = new ArrayList<>();
    List<Stats> unlockRows = new ArrayList<>();
    Runs createRuns;
    Runs unlockRuns;
    int hogThreads;
    try (CpuHog hog = CpuHog.start()) {
      hogThreads = hog.size();
      createRuns = create.measurePair(CreateFigure.library(lib, org), CreateFigure.floor(pool),
          "create under load: library / floor", createRows);
      unlockRuns = create.measurePair(unlock.library(), unlock.floor(),
          "unlock under load: library / floor", unlockRows);
    }
    Report.Figure f = new Report.Figure("6. Under load: figures 1 and 2 beside a CPU hog",
        "Figures 1 (create) and 2 (guaranteed unlock, own broker) again, library and floor only, exactly as there,"
            + " while the suite runs " + hogThreads + " busy threads (one per core, normal priority) in its own JVM:"
            + " the library, its floor, the JDBC driver and the MQTT clients share the CPU with them, and"
            + " PostgreSQL and Mosquitto (other processes) compete with them through the OS scheduler. This is the"
            + " library next to the user's own busy application. " + Runs.COUNT + " consecutive runs each; the"
            + " table shows the run with the median p50 ratio.");
    f.row("create, library (under load)", createRows.get(0)).row("create, floor `INSERT` + `COMMIT` (under load)",
        createRows.get(1));
    f.row("unlock, library guaranteed (under load)", unlockRows.get(0))
        .row("unlock, floor `SELECT` + durable `INSERT` + MQTT (under load)", unlockRows.get(1));
    f.ratio(createRuns.line());
    f.ratio(unlockRuns.line());
    boolean met = createRuns.medianP50() <= P50_TARGET && unlockRuns.medianP50() <= P50_TARGET;
    f.verdict = "target ≤ " + Report.x(P50_TARGET) + " p50 (medians: create " + Report.x(createRuns.medianP50())
        + ", unlock " + Report.x(unlockRuns.medianP50()) + "): " + (met ? "met" : "missed");
    report.figures.add(f);
  }
}
