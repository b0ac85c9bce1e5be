package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import java.util.ArrayList;
import java.util.List;

/** Figure 9: figures 1 (create) and 5 (quota race) on MariaDB, against MariaDB's own floor. */
final class MariaDbFigure extends SuitePart {
  MariaDbFigure(SuiteState state) {
    super(state);
  }

  void measure(MariaDb db) throws Exception {
    log("figure 9: MariaDB (" + MariaDb.version() + ")");
    String schema = db.createSchema("create");
    HikariDataSource pool = db.pool(schema, 10);
    DoorController none = c -> new DoorResponse.Unreachable("not used");
    Library lib = new Library(pool, none); // runs the adapter's migrations on MariaDB
    OrganizationId org = lib.organization("create", Long.MAX_VALUE);
    List<Stats> rows = new ArrayList<>();
    Runs runs = new CreateFigure(stateForFigures()).measurePair(CreateFigure.library(lib, org),
        CreateFigure.floor(pool), "MariaDB create: library / floor", rows);
    Report.Figure f = new Report.Figure("9. Create a link on MariaDB",
        "Figure 1 on " + MariaDb.version() + " at " + MariaDb.HOST + " (" + MariaDb.durability() + "), in its own"
            + " database, library and floor on one HikariCP pool of 10: the library's `send` of a MANUAL link against"
            + " MariaDB's own floor, the same bare single-row `INSERT` of an equivalent `al_link` row + `COMMIT`."
            + " (The adapter's MariaDB dialect runs there: MariaDB has no data-modifying CTE, so the create's one"
            + " statement is a compound statement, `BEGIN NOT ATOMIC ... COMMIT ... END`, one round trip and one"
            + " redo log flush; the floor makes four: auto-commit off, `INSERT`, `COMMIT`, auto-commit on.) " + Runs.COUNT + " consecutive runs; the table shows the"
            + " run with the median p50 ratio.");
    f.row("library: send a MANUAL link (MariaDB)", rows.get(0)).row("floor: `INSERT` + `COMMIT` (MariaDB)", rows.get(1));
    f.ratio(runs.line());
    f.verdict = runs.verdict(CreateFigure.P50_TARGET, CreateFigure.THROUGHPUT_TARGET);
    report.figures.add(f);
    new QuotaRaceFigure(stateForFigures()).measure(db, "9b. Quota race on MariaDB: two instances × 32 threads",
        "Figure 5 on MariaDB, in its own database. ");
  }
}
