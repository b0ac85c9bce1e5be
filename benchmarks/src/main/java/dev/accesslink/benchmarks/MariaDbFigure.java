package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 9: figures 1 (create), 5 (quota race) and 7 (the door over HTTP) on MariaDB, against
 * MariaDB's own floors.
 */
final class MariaDbFigure extends SuitePart {
  MariaDbFigure(SuiteState state) {
    super(state);
  }

  void measure(MariaDb db, OwnMosquitto broker, MqttLockSimulator locks, RawMqttRoundTrip rawOwn) throws Exception {
    log("figure 9: MariaDB (" + MariaDb.version() + ")");
    String schema = db.createSchema("create");
    HikariDataSource pool = db.pool(schema, 10);
    DoorController none = c -> new DoorResponse.Unreachable("not used");
    Library lib = new Library(pool, none); // runs the adapter's migrations on MariaDB, its own V12 included
    OrganizationId org = lib.organization("create", Long.MAX_VALUE);
    // before, in the same run: a database without V12's procedure, where the adapter sends the
    // create as the compound statement it sent before (its fallback)
    String beforeSchema = db.createSchema("create_compound");
    HikariDataSource beforePool = db.pool(beforeSchema, 10);
    Library before = new Library(beforePool, none);
    try (Connection c = beforePool.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP PROCEDURE al_insert_link");
    }
    OrganizationId beforeOrg = before.organization("create", Long.MAX_VALUE);
    Measure.Op library = CreateFigure.library(lib, org);
    Measure.Op floor = CreateFigure.floor(pool);
    Measure.Op compound = CreateFigure.library(before, beforeOrg);
    Runs runs = new Runs("MariaDB create: library / floor");
    Runs beforeRuns = new Runs("before (compound statement) / floor");
    List<List<Stats>> all = new ArrayList<>();
    WarmUp warm = Measure.warmUp(threads, slice(), library, floor, compound);
    for (int run = 0; run < Runs.COUNT; run++) {
      List<Stats> s = Measure.interleaved(n(300), 10, n(150), library, floor, compound);
      double[] tp = Measure.interleavedThroughput(threads, slice(), 1, run, library, floor, compound);
      for (int i = 0; i < 3; i++) {
        s.get(i).throughput(tp[i], threads + " threads");
      }
      runs.add(s.get(0), s.get(1));
      beforeRuns.add(s.get(2), s.get(1));
      all.add(s);
    }
    List<Stats> rows = all.get(runs.medianRun());
    Report.Figure f = new Report.Figure("9. Create a link on MariaDB",
        "Figure 1 on " + MariaDb.version() + " at " + MariaDb.HOST + " (" + MariaDb.durability() + "), in its own"
            + " database, library and floor on one HikariCP pool of 10: the library's `send` of a MANUAL link against"
            + " MariaDB's own floor, the same bare single-row `INSERT` of an equivalent `al_link` row + `COMMIT`."
            + " (The adapter's MariaDB dialect runs there: MariaDB has no data-modifying CTE, so the create's one"
            + " statement is `CALL al_insert_link(...)`, the stored procedure of MariaDB's own migration V12, whose"
            + " transaction takes the quota unit, inserts the link and its `LINK_SENT` event and commits: one round"
            + " trip and one redo log flush; the floor makes four: auto-commit off, `INSERT`, `COMMIT`, auto-commit"
            + " on.) Before, in the same run and interleaved with them: the library on a database of its own"
            + " without that procedure, where the adapter sends the same steps as one compound statement,"
            + " `BEGIN NOT ATOMIC ... COMMIT ... END`, which the server parses and compiles with every create. "
            + Runs.COUNT + " consecutive runs; the table shows the run with the median p50 ratio.");
    f.row("library: send a MANUAL link (MariaDB)", rows.get(0)).row("floor: `INSERT` + `COMMIT` (MariaDB)", rows.get(1))
        .row("before: the library sending the compound statement (no procedure)", rows.get(2));
    f.ratio(runs.line());
    f.ratio(beforeRuns.line());
    f.ratio(warm.line("ops/s at " + threads + " threads", "library", "floor"));
    f.verdict = runs.verdict(CreateFigure.P50_TARGET, CreateFigure.THROUGHPUT_TARGET);
    report.figures.add(f);
    new QuotaRaceFigure(stateForFigures()).measure(db, "9b. Quota race on MariaDB: two instances × 32 threads",
        "Figure 5 on MariaDB, in its own database. ");
    new MariaDbHttpDoorFigure(stateForFigures()).measure(db, broker, locks, rawOwn);
  }
}
