package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.LinkResolution;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;

/**
 * Figure 3, against Spring Security's {@code JdbcOneTimeTokenService}, and the round trips per
 * operation, counted.
 */
final class PeerFigure extends SuitePart {
  /** The target of issue 19: ours writes once where theirs writes twice, so the physical limit is near 2×. */
  static final double THROUGHPUT_TARGET = 1.5;

  PeerFigure(SuiteState state) {
    super(state);
  }

  void measure(Postgres pg, Library lib, HikariDataSource pool) throws Exception {
    log("figure 3: peer");
    String ottSchema = pg.createSchema("spring_ott");
    HikariDataSource ottPool = pg.pool(ottSchema, 10);
    try (Connection c = ottPool.getConnection(); Statement st = c.createStatement()) {
      // Spring's own DDL (one-time-tokens-schema.sql) with varchar_ignorecase, which PostgreSQL lacks, as varchar
      st.execute("CREATE TABLE one_time_tokens (token_value VARCHAR(36) NOT NULL PRIMARY KEY,"
          + " username VARCHAR(50) NOT NULL, expires_at TIMESTAMP NOT NULL)");
    }
    JdbcOneTimeTokenService spring = new JdbcOneTimeTokenService(new JdbcTemplate(ottPool));
    closeables.add(spring::destroy);
    OrganizationId org = lib.organization("peer", Long.MAX_VALUE);
    Measure.Op ours = () -> {
      SentAccessLink sent = lib.sendManual(org);
      LinkResolution r = lib.links.resolve(Library.secretOf(sent));
      if (!(r instanceof LinkResolution.Found)) {
        throw new IllegalStateException("resolve failed: " + r);
      }
    };
    DoorController instantDoor = c -> new DoorResponse.Unlocked();
    Library withInstantDoor = new Library(pool, instantDoor);
    Measure.Op oursUnlock = Measure.settled(() -> {
      SentAccessLink sent = withInstantDoor.sendManual(org);
      unlockOnce(withInstantDoor, Library.secretOf(sent));
    }, withInstantDoor::settle);
    Measure.Op theirs = () -> {
      OneTimeToken t = spring.generate(new GenerateOneTimeTokenRequest("user" + ThreadLocalRandom.current().nextInt(1000)));
      OneTimeToken used = spring.consume(OneTimeTokenAuthenticationToken.unauthenticated(t.getTokenValue()));
      if (used == null) {
        throw new IllegalStateException("spring: token not consumed");
      }
    };
    Measure.Op prototype = () -> {
      SentAccessLink sent = Library.sendManual(whatIf(), org);
      if (!(whatIf().resolve(Library.secretOf(sent)) instanceof LinkResolution.Found)) {
        throw new IllegalStateException("resolve failed");
      }
    };
    List<OrganizationId> spread = organizations(lib, "peer-spread");
    Measure.Op oursSpread = perThreadOrg(spread, o -> {
      SentAccessLink sent = lib.sendManual(o);
      if (!(lib.links.resolve(Library.secretOf(sent)) instanceof LinkResolution.Found)) {
        throw new IllegalStateException("resolve failed");
      }
    });
    Measure.Op prototypeSpread = perThreadOrg(spread, o -> {
      SentAccessLink sent = Library.sendManual(whatIf(), o);
      if (!(whatIf().resolve(Library.secretOf(sent)) instanceof LinkResolution.Found)) {
        throw new IllegalStateException("resolve failed");
      }
    });
    Measure.Op oursCached = () -> {
      SentAccessLink sent = Library.sendManual(lib.uncached, org);
      if (!(lib.uncached.resolve(Library.secretOf(sent)) instanceof LinkResolution.Found)) {
        throw new IllegalStateException("resolve failed");
      }
    };
    // what a one-write create + check costs at the least on this database and machine: figure 1's floor
    // (the bare INSERT of a link row + COMMIT), then figure 2's bare indexed SELECT by its hash; the
    // issue's "physical limit near 2x" assumes the second write costs theirs as much as the first
    Measure.Op floorOfOurs = () -> selectByHash(pool, CreateFigure.floorInsert(pool));
    Runs runs = new Runs("ours (send + resolve, best shipped configuration) / theirs");
    Runs ceiling = new Runs("floor of ours (bare INSERT + COMMIT, bare SELECT) / theirs");
    List<List<Stats>> all = new ArrayList<>();
    List<double[]> allTp = new ArrayList<>();
    WarmUp warm = Measure.warmUp(threads, slice(), ours, oursUnlock, theirs, prototype, oursSpread, prototypeSpread,
        oursCached, floorOfOurs);
    for (int run = 0; run < Runs.COUNT; run++) {
      List<Stats> r = Measure.interleaved(n(200), 10, n(100), ours, oursUnlock, theirs, prototype, oursCached,
          floorOfOurs);
      double[] t = Measure.interleavedThroughput(threads, slice(), 1, run, ours, oursUnlock, theirs, prototype,
          oursSpread, prototypeSpread, oursCached, floorOfOurs);
      for (int i = 0; i < 4; i++) {
        r.get(i).throughput(t[i], threads + " threads");
      }
      runs.add(r.get(0).p50Millis() / r.get(2).p50Millis(), Math.max(t[0], t[6]) / t[2]);
      ceiling.add(r.get(5).p50Millis() / r.get(2).p50Millis(), t[7] / t[2]);
      all.add(r);
      allTp.add(t);
    }
    List<Stats> s = all.get(runs.medianRun());
    double[] tp = allTp.get(runs.medianRun());
    s.get(4).throughput(tp[6], threads + " threads");
    s.get(5).throughput(tp[7], threads + " threads");
    Stats spreadStats = new Stats(0).throughput(tp[4], threads + " threads, an organization each");
    Stats prototypeSpreadStats = new Stats(0).throughput(tp[5], threads + " threads, an organization each");
    Report.Figure f = new Report.Figure("3. Against Spring Security's `JdbcOneTimeTokenService`",
        "The nearest open-source peer (spring-security-core " + springVersion() + "), on the same PostgreSQL with an"
            + " identical pool, its table `one_time_tokens` in its own schema. One operation = create + check."
            + " Theirs: `generate` + `consume` (INSERT; SELECT + DELETE). Ours: `send` (MANUAL) + `resolve` (the"
            + " visitor page's check: hash → lookup → organization and group → status); and, closer to their"
            + " `consume` because it writes, `send` + `unlock` with a door controller that answers in-process."
            + " The floor of ours is the least a create + check that writes once can cost on this database: one"
            + " bare `INSERT` + `COMMIT` and one bare indexed `SELECT`, with no quota, no audit event and no"
            + " organization or group."
            + " Measured in " + Runs.COUNT + " consecutive runs; the table shows the run with the median p50 ratio.");
    f.row("ours: send + resolve", s.get(0)).row("ours: send + unlock (in-process door)", s.get(1))
        .row("Spring Security: generate + consume", s.get(2))
        .row("ours without the directory cache: send + resolve", s.get(4))
        .row("what-if prototype: send + resolve, organization and group from memory, audit event committed"
            + " without waiting for the flush", s.get(3))
        .row("ours: send + resolve, each thread on its own organization (throughput only)", spreadStats)
        .row("what-if prototype, each thread on its own organization (throughput only)", prototypeSpreadStats)
        .row("floor of ours (no target): figure 1's bare `INSERT` + `COMMIT` of a link row, then figure 2's bare"
            + " `SELECT` by its hash", s.get(5));
    f.ratio("throughput ours (send + resolve) / theirs: " + Report.x(tp[0] / tp[2]) + "; without the directory cache: "
        + Report.x(tp[6] / tp[2])
        + "; ours (send + unlock) / theirs: " + Report.x(tp[1] / tp[2]));
    f.ratio("what-if prototype (send + resolve) / theirs: throughput " + Report.x(tp[3] / tp[2]) + ", p50 "
        + Report.x(s.get(3).p50Millis() / s.get(2).p50Millis()));
    f.ratio("with an organization per thread (no shared quota counter row; theirs has no quota at all): ours / theirs "
        + Report.x(tp[4] / tp[2]) + ", what-if prototype / theirs " + Report.x(tp[5] / tp[2]));
    f.ratio("latency p50 ours / theirs: " + Report.x(s.get(0).p50Millis() / s.get(2).p50Millis()));
    f.ratio(runs.line());
    f.ratio(ceiling.line() + " (no target: the most a design that writes once reaches against theirs here)");
    f.ratio("ours / floor of ours, throughput (median run): " + Report.x(Math.max(tp[0], tp[6]) / tp[7]));
    f.ratio(warm.line("ops/s at " + threads + " threads", "ours (send + resolve)", null, "theirs"));
    f.verdict = "target ≥ " + Report.x(THROUGHPUT_TARGET) + " throughput (median of " + Runs.COUNT + " runs, best"
        + " shipped configuration): " + (runs.medianThroughput() >= THROUGHPUT_TARGET ? "met" : "missed")
        + " (median throughput: " + Report.x(runs.medianThroughput()) + ")";
    f.note("What is stored: ours keeps only the SHA-256 of the 256-bit secret (`al_link.secret_hash`); Spring keeps"
        + " the token itself in clear (`one_time_tokens.token_value`, a random UUID), so a read of that table hands"
        + " out working tokens.");
    report.figures.add(f);
    roundTrips(pool, ottPool, instantDoor);
  }

  /** Counts statements, commits and WAL flushes per operation through a counting data source. */
  private void roundTrips(HikariDataSource pool, HikariDataSource ottPool, DoorController doors) throws Exception {
    log("round trips per operation");
    CountingDataSource counted = new CountingDataSource(pool);
    CountingDataSource countedOtt = new CountingDataSource(ottPool);
    Library lib = new Library(counted, doors);
    JdbcOneTimeTokenService spring = new JdbcOneTimeTokenService(new JdbcTemplate(countedOtt));
    closeables.add(spring::destroy);
    OrganizationId org = lib.organization("counted", Long.MAX_VALUE);
    lib.sendManual(org);
    int ops = 50;
    List<String> secrets = new ArrayList<>();
    counted.reset();
    for (int i = 0; i < ops; i++) {
      secrets.add(Library.secretOf(lib.sendManual(org)));
    }
    String create = counted.perOperation(ops);
    counted.reset();
    for (String secret : secrets) {
      unlockOnce(lib, secret);
    }
    lib.settle(); // the bookkeeping written in the background is counted too
    String unlock = counted.perOperation(ops);
    counted.reset();
    for (String secret : secrets) {
      lib.links.resolve(secret);
    }
    String resolve = counted.perOperation(ops);
    counted.reset();
    List<String> cachedSecrets = new ArrayList<>();
    for (int i = 0; i < ops; i++) {
      cachedSecrets.add(Library.secretOf(Library.sendManual(lib.uncached, org)));
    }
    String createCached = counted.perOperation(ops);
    counted.reset();
    for (String secret : cachedSecrets) {
      if (!(lib.uncached.unlock(new UnlockDoorCommand(secret, Library.DOOR)) instanceof UnlockOutcome.Unlocked)) {
        throw new IllegalStateException("unlock did not open");
      }
    }
    lib.settle();
    String unlockCached = counted.perOperation(ops);
    counted.reset();
    for (String secret : cachedSecrets) {
      lib.uncached.resolve(secret);
    }
    String resolveCached = counted.perOperation(ops);
    countedOtt.reset();
    for (int i = 0; i < ops; i++) {
      OneTimeToken t = spring.generate(new GenerateOneTimeTokenRequest("user" + i));
      spring.consume(OneTimeTokenAuthenticationToken.unauthenticated(t.getTokenValue()));
    }
    String theirs = countedOtt.perOperation(ops);
    Report.Figure f = new Report.Figure("Round trips per operation, counted",
        "Counted in the same run through a JDBC proxy around the pool (" + ops + " operations each): round trips ="
            + " statements executed + explicit commits; in brackets, commits that wait for a WAL flush (a writing"
            + " statement in auto-commit mode, or a commit). The MQTT round trip of an unlock comes on top.");
    f.note("| operation | library: round trips (WAL flushes) | without the directory cache |"
        + " floor / peer: round trips (WAL flushes) |\n"
        + "|---|---|---|---|\n"
        + "| create a MANUAL link (figure 1) | " + create + " | " + createCached
        + " | floor `INSERT` + `COMMIT`: 2.0 (1.0) |\n"
        + "| unlock (figure 2), database part | " + unlock + " | " + unlockCached
        + " | floor indexed `SELECT`: 1.0 (0.0) |\n"
        + "| resolve (check on the visitor page) | " + resolve + " | " + resolveCached + " | – |\n"
        + "| create + check (figure 3) | create + resolve above | create + resolve above"
        + " | Spring `generate` + `consume`: " + theirs + " |");
    report.figures.add(f);
  }

  private static String springVersion() {
    String v = JdbcOneTimeTokenService.class.getPackage().getImplementationVersion();
    return v == null ? "7.x" : v;
  }
}
