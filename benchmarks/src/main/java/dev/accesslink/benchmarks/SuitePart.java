package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A part of the {@link PerformanceSuite} (the header, or one figure or group of figures): the run's
 * shared state under short names, and the helpers that several figures use.
 */
abstract class SuitePart {
  static final String DEFAULT_BROKER = System.getProperty("bench.defaultBroker", "tcp://127.0.0.1:1883");

  private final SuiteState state;
  final Report report;
  final boolean quick;
  final int largeCount;
  final int threads;
  final List<String> failures;
  final List<AutoCloseable> closeables;

  SuitePart(SuiteState state) {
    this.state = state;
    this.report = state.report;
    this.quick = state.quick;
    this.largeCount = state.largeCount;
    this.threads = state.threads;
    this.failures = state.failures;
    this.closeables = state.closeables;
  }

  /** The run's shared state, for a figure that repeats another's measurement. */
  final SuiteState stateForFigures() {
    return state;
  }

  final dev.accesslink.core.application.AccessLinks whatIf() {
    return state.whatIf();
  }

  final int n(int normal) {
    return state.n(normal);
  }

  final Duration slice() {
    return state.slice();
  }

  final <T extends AutoCloseable> T keep(T c) {
    return state.keep(c);
  }

  static void log(String line) {
    System.out.println(LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + line);
  }

  static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  static String fmt(int n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** An operation per thread, each thread on its own organization (one of {@code orgs}, round robin). */
  static Measure.Op perThreadOrg(List<OrganizationId> orgs, java.util.function.Consumer<OrganizationId> op) {
    AtomicInteger assign = new AtomicInteger();
    ThreadLocal<OrganizationId> mine = ThreadLocal.withInitial(
        () -> orgs.get(Math.floorMod(assign.getAndIncrement(), orgs.size())));
    return () -> op.accept(mine.get());
  }

  final List<OrganizationId> organizations(Library lib, String prefix) {
    List<OrganizationId> orgs = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      OrganizationId org = lib.organization(prefix + "-" + i, Long.MAX_VALUE);
      lib.sendManual(org); // creates the quota counter row before any race on it
      orgs.add(org);
    }
    return orgs;
  }

  static void ratios(Report.Figure f, Stats library, Stats floor, double target) {
    double p50 = library.p50Millis() / floor.p50Millis();
    double p99 = library.p99Millis() / floor.p99Millis();
    f.ratio("ratio library / floor (median run): p50 " + Report.x(p50) + ", p99 " + Report.x(p99)
        + (Double.isNaN(library.throughput()) ? ""
            : ", throughput " + Report.x(library.throughput() / floor.throughput()) + " of the floor's"));
    f.verdict = "target ≤ " + Report.x(target) + " (p50): " + (p50 <= target ? "met" : "missed");
  }

  static void unlockOnce(Library lib, String secret) {
    UnlockOutcome o = lib.links.unlock(new UnlockDoorCommand(secret, Library.DOOR));
    if (!(o instanceof UnlockOutcome.Unlocked)) {
      throw new IllegalStateException("unlock did not open: " + o);
    }
  }

  /** Creates the floor's intent table, shaped like the journal's {@code al_unlock_intent}, if missing. */
  static void createFloorIntentTable(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS bench_floor_intent (id VARCHAR(36) PRIMARY KEY, organization VARCHAR(128),"
          + " door_id VARCHAR(128), link_id VARCHAR(36), recipient VARCHAR(400), sent_at BIGINT, expires_at BIGINT)");
    }
  }

  /** The floor's durable write: one intent row in auto-commit (one WAL flush), as the journal writes it. */
  static void insertFloorIntent(HikariDataSource pool, String organization, String door) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(
        "INSERT INTO bench_floor_intent (id, organization, door_id, link_id, recipient, sent_at, expires_at)"
            + " VALUES (?, ?, ?, ?, 'Ada Visitor', ?, ?)")) {
      long now = System.currentTimeMillis() * 1000;
      p.setString(1, UUID.randomUUID().toString());
      p.setString(2, organization);
      p.setString(3, door);
      p.setString(4, UUID.randomUUID().toString());
      p.setLong(5, now);
      p.setLong(6, now + 10_000_000L);
      p.executeUpdate();
    }
  }

  static void selectByHash(HikariDataSource pool, String hashHex) throws Exception {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT id, organization, group_id, valid_from, valid_until, revoked_at FROM al_link WHERE secret_hash = ?")) {
      p.setString(1, hashHex);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("floor: hash not found");
        }
      }
    }
  }
}
