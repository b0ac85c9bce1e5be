package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.OrganizationId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/** Figure 1: create a link on PostgreSQL, against a bare {@code INSERT} + {@code COMMIT}. */
final class CreateFigure extends SuitePart {
  /** The targets of issue 19: p50 at most this times the floor's... */
  static final double P50_TARGET = 1.15;
  /** ...and 8-thread throughput at least this share of the floor's. */
  static final double THROUGHPUT_TARGET = 0.95;

  CreateFigure(SuiteState state) {
    super(state);
  }

  /** The library's create (a MANUAL link, never expiring) on {@code org}. */
  static Measure.Op library(Library lib, OrganizationId org) {
    return () -> lib.sendManual(org);
  }

  /** The floor: a bare single-row {@code INSERT} of an equivalent {@code al_link} row + {@code COMMIT}. */
  static Measure.Op floor(DataSource pool) {
    return () -> floorInsert(pool);
  }

  private static final String FLOOR_INSERT = "INSERT INTO al_link (id, organization, channel, recipient_name, group_id,"
      + " issued_by, created_at, secret_hash, quota_month, quota_held, delivery_status, attempts)"
      + " VALUES (?, ?, 'MANUAL', ?, ?, ?, ?, ?, 0, 1, 'NOT_REQUIRED', 0)";

  /** The floor's write: one {@code al_link} row with a random secret hash, committed; returns that hash (hex). */
  static String floorInsert(DataSource pool) throws SQLException {
    byte[] h = new byte[32];
    ThreadLocalRandom.current().nextBytes(h);
    String hash = HexFormat.of().formatHex(h);
    long now = System.currentTimeMillis();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement(FLOOR_INSERT)) {
        p.setString(1, AccessLinkId.generate(java.time.Instant.ofEpochMilli(now), ThreadLocalRandom.current()).toString());
        p.setString(2, "create-floor");
        p.setString(3, "Ada Visitor");
        p.setString(4, Library.GROUP.value());
        p.setString(5, Library.ADMIN.value());
        p.setLong(6, now * 1000);
        p.setString(7, hash);
        p.executeUpdate();
      }
      c.commit();
      c.setAutoCommit(true);
    }
    return hash;
  }

  void measure(Library lib, HikariDataSource pool) throws Exception {
    log("figure 1: create");
    OrganizationId org = lib.organization("create", Long.MAX_VALUE);
    Measure.Op library = library(lib, org);
    Measure.Op floor = floor(pool);
    Measure.Op prototype = () -> Library.sendManual(whatIf(), org);
    Measure.Op uncached = () -> Library.sendManual(lib.uncached, org);
    Runs runs = new Runs("library / floor");
    List<List<Stats>> all = new ArrayList<>();
    WarmUp warm = Measure.warmUp(threads, slice(), library, floor, prototype, uncached);
    for (int run = 0; run < Runs.COUNT; run++) {
      List<Stats> s = Measure.interleaved(n(300), 10, n(150), library, floor, prototype, uncached);
      double[] tp = Measure.interleavedThroughput(threads, slice(), 1, run, library, floor, prototype, uncached);
      for (int i = 0; i < 4; i++) {
        s.get(i).throughput(tp[i], threads + " threads");
      }
      runs.add(s.get(0), s.get(1));
      all.add(s);
    }
    List<Stats> s = all.get(runs.medianRun());
    List<OrganizationId> spread = organizations(lib, "create-spread");
    Measure.Op librarySpread = perThreadOrg(spread, lib::sendManual);
    Stats spreadStats = new Stats(0).throughput(
        Measure.interleavedThroughput(threads, slice(), 2, librarySpread)[0], threads + " threads");
    Report.Figure f = new Report.Figure("1. Create a link on PostgreSQL",
        "Library: `AccessLinks.send(SendAccessLinkCommand.manual(...))` — command validated, organization and group"
            + " read, link + quota unit + secret hash stored (one statement on PostgreSQL), audit event `LINK_SENT`"
            + " recorded. Floor: a bare single-row `INSERT` of an equivalent `al_link` row + `COMMIT` through JDBC on"
            + " the same pool. Measured in " + Runs.COUNT + " consecutive runs (each 10 interleaved latency rounds"
            + " and one throughput slice per path); the table shows the run with the median p50 ratio.");
    f.row("library: send a MANUAL link", s.get(0)).row("floor: `INSERT` + `COMMIT`", s.get(1));
    f.row("library without the directory cache (`directoryCache(Duration.ZERO)`)", s.get(3));
    f.row("what-if prototype: organization and group from memory, other audit events committed without waiting"
        + " for the flush", s.get(2));
    f.row("library, each thread on its own organization (throughput only)", spreadStats);
    f.ratio(runs.line());
    f.ratio(warm.line("ops/s at " + threads + " threads", "library", "floor"));
    f.verdict = runs.verdict(P50_TARGET, THROUGHPUT_TARGET);
    f.ratio("without the directory cache / floor (median run): p50 " + Report.x(s.get(3).p50Millis() / s.get(1).p50Millis())
        + ", p99 " + Report.x(s.get(3).p99Millis() / s.get(1).p99Millis()) + ", throughput "
        + Report.x(s.get(3).throughput() / s.get(1).throughput()));
    f.ratio("throughput with an organization per thread / floor: " + Report.x(spreadStats.throughput() / s.get(1).throughput())
        + " (MANUAL's quota is unlimited by default: the sends of one organization share-lock its counter and"
        + " do not queue on it)");
    f.ratio("what-if prototype / floor: p50 " + Report.x(s.get(2).p50Millis() / s.get(1).p50Millis())
        + ", throughput " + Report.x(s.get(2).throughput() / s.get(1).throughput()));
    f.note("Why: besides its one writing statement (link + quota unit + audit event, one WAL flush) the library"
        + " reads the organization and the group from a one-second cache by default (from the database when"
        + " `directoryCache(Duration.ZERO)`) and share-locks the organization's quota counter (MANUAL is unlimited"
        + " by default; under a finite limit it takes a unit from one of the counter's stripes, figure 5); the"
        + " floor's `INSERT` + `COMMIT` touches no shared row. See *Round trips per operation* and *How the targets"
        + " were reached*.");
    report.figures.add(f);
  }

  /**
   * Library and floor only, {@link Runs#COUNT} runs: for the figures that repeat figure 1 elsewhere
   * (under load, on MariaDB). Returns the runs and the median run's two rows.
   */
  Runs measurePair(Measure.Op library, Measure.Op floor, String label, List<Stats> medianRows) throws Exception {
    Runs runs = new Runs(label);
    List<List<Stats>> all = new ArrayList<>();
    Measure.warmUp(threads, slice(), library, floor);
    for (int run = 0; run < Runs.COUNT; run++) {
      List<Stats> s = Measure.interleaved(n(300), 10, n(150), library, floor);
      double[] tp = Measure.interleavedThroughput(threads, slice(), 1, run, library, floor);
      s.get(0).throughput(tp[0], threads + " threads");
      s.get(1).throughput(tp[1], threads + " threads");
      runs.add(s.get(0), s.get(1));
      all.add(s);
    }
    medianRows.addAll(all.get(runs.medianRun()));
    return runs;
  }
}
