package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profiling harness for figure 9, not a figure: the create on MariaDB ({@code library}: the
 * adapter's {@code CALL al_insert_link}; {@code compound}: the same library on a database without
 * that procedure, sending the compound statement; {@code floor}: figure 1's bare {@code INSERT} +
 * {@code COMMIT}), each on a pool of two connections in a database of its own, side by side in rounds, single-threaded. Per
 * operation: the CPU and allocation of this JVM (all threads), the CPU of the server threads behind the
 * path's pool of two ({@code /proc/<mariadbd>/task/<TID>/schedstat}, the TIDs from {@code
 * information_schema.PROCESSLIST}), the session counters of the connection the path used ({@code
 * Questions}, {@code Com_commit}, bytes received...), and the server-wide {@code Innodb_log_writes} (other users of the server count too).
 * These hold on a loaded machine where wall times do not. Needs a local MariaDB (the suite's).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.accesslink.benchmarks.MariaDbProfile [--ops 3000] [--rounds 10]
 * </pre>
 */
public final class MariaDbProfile {
  private MariaDbProfile() {}

  private record PathUnderTest(String name, Measure.Op op, HikariDataSource pool) {}

  /**
   * Runs the three paths.
   *
   * @param args {@code --ops N} operations per path after as many warm-up ones, {@code --rounds R}
   * @throws Exception when a path fails
   */
  public static void main(String[] args) throws Exception {
    int ops = 3_000;
    int rounds = 10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--ops" -> ops = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    try (MariaDb db = new MariaDb()) {
      HikariDataSource libPool = db.pool(db.createSchema("profile"), 2);
      Library lib = new Library(libPool, c -> new DoorResponse.Unreachable("not used"));
      OrganizationId org = lib.organization("create", Long.MAX_VALUE);
      HikariDataSource compoundPool = db.pool(db.createSchema("profile_compound"), 2);
      Library compound = new Library(compoundPool, c -> new DoorResponse.Unreachable("not used"));
      try (Connection c = compoundPool.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP PROCEDURE al_insert_link");
      }
      OrganizationId compoundOrg = compound.organization("create", Long.MAX_VALUE);
      HikariDataSource floorPool = db.pool(db.createSchema("profile_floor"), 2);
      new Library(floorPool, c -> new DoorResponse.Unreachable("not used")); // the schema
      List<PathUnderTest> paths = List.of(
          new PathUnderTest("library", CreateFigure.library(lib, org), libPool),
          new PathUnderTest("compound", CreateFigure.library(compound, compoundOrg), compoundPool),
          new PathUnderTest("floor", CreateFigure.floor(floorPool), floorPool));
      for (PathUnderTest p : paths) {
        for (int i = 0; i < ops; i++) {
          p.op().run();
        }
      }
      int n = paths.size();
      long[] jvmCpu = new long[n];
      long[] jvmBytes = new long[n];
      long[] serverCpu = new long[n];
      long[] wall = new long[n];
      List<Map<String, Long>> counters = new java.util.ArrayList<>();
      for (PathUnderTest p : paths) {
        counters.add(status(p.pool()));
      }
      long logWrites = 0;
      int perRound = Math.max(1, ops / rounds);
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < n; k++) {
          PathUnderTest p = paths.get(k);
          List<Long> tids = serverThreads(p.pool());
          long s0 = schedNanos(tids);
          long log0 = globalStatus(p.pool(), "Innodb_log_writes");
          long[] t0 = threadTotals();
          long w0 = System.nanoTime();
          for (int i = 0; i < perRound; i++) {
            p.op().run();
          }
          wall[k] += System.nanoTime() - w0;
          long[] t1 = threadTotals();
          serverCpu[k] += schedNanos(tids) - s0;
          jvmCpu[k] += t1[0] - t0[0];
          jvmBytes[k] += t1[1] - t0[1];
          if (k == 0) {
            logWrites += globalStatus(p.pool(), "Innodb_log_writes") - log0;
          }
        }
      }
      int total = perRound * rounds;
      System.out.printf("MariaDB create, %d ops per path in %d rounds, pools of two; load average %s%n",
          total, rounds, ReportHeader.loadAverage());
      for (int k = 0; k < n; k++) {
        PathUnderTest p = paths.get(k);
        Map<String, Long> after = status(p.pool());
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : after.entrySet()) {
          // each status read is one question of its own, and so is each TID and log read of the rounds
          long extra = e.getKey().equals("Questions") ? 3L * rounds + 1 : 0;
          b.append(String.format(" %s %.2f", e.getKey(),
              (e.getValue() - counters.get(k).get(e.getKey()) - extra) / (double) total));
        }
        System.out.printf("%-9s JVM CPU %6.1f µs/op, allocated %5.1f KB/op; server thread CPU %6.1f µs/op;"
                + " wall %.3f ms/op;%s%n", p.name(), jvmCpu[k] / 1e3 / total, jvmBytes[k] / 1024.0 / total,
            serverCpu[k] / 1e3 / total, wall[k] / 1e6 / total, b);
      }
      System.out.printf("library   Innodb_log_writes (server-wide, during its slices) %.2f per op%n",
          logWrites / (double) total);
    }
  }

  private static Map<String, Long> status(HikariDataSource pool) throws Exception {
    Map<String, Long> m = new LinkedHashMap<>();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SHOW SESSION STATUS WHERE Variable_name IN ('Questions', 'Com_commit', 'Com_call_procedure',"
            + " 'Handler_write', 'Bytes_received', 'Bytes_sent')")) {
      while (rs.next()) {
        m.put(rs.getString(1), rs.getLong(2));
      }
    }
    return m;
  }

  private static long globalStatus(HikariDataSource pool, String name) throws Exception {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
      rs.next();
      return rs.getLong(2);
    }
  }

  /** The server threads of the pool's connections (every connection to its database). */
  private static List<Long> serverThreads(HikariDataSource pool) throws Exception {
    List<Long> tids = new java.util.ArrayList<>();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT TID FROM information_schema.PROCESSLIST WHERE DB = DATABASE()")) {
      while (rs.next()) {
        tids.add(rs.getLong(1));
      }
    }
    return tids;
  }

  /** The CPU nanoseconds the server threads {@code tids} have run (the local mariadbd's). */
  private static long schedNanos(List<Long> tids) throws Exception {
    long sum = 0;
    for (long tid : tids) {
      Path task = Path.of("/proc/" + mariadbd() + "/task/" + tid + "/schedstat");
      sum += Long.parseLong(Files.readString(task).split(" ")[0]);
    }
    return sum;
  }

  private static String pid;

  private static String mariadbd() throws Exception {
    if (pid == null) {
      Process p = new ProcessBuilder("pgrep", "-x", "mariadbd").start();
      pid = new String(p.getInputStream().readAllBytes()).trim().split("\\s+")[0];
    }
    return pid;
  }

  /** CPU nanoseconds and allocated bytes of every live thread of this JVM, summed. */
  private static long[] threadTotals() {
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) t;
    long[] ids = t.getAllThreadIds();
    long cpu = 0;
    long bytes = 0;
    long[] times = sun.getThreadCpuTime(ids);
    long[] allocated = sun.getThreadAllocatedBytes(ids);
    for (int i = 0; i < ids.length; i++) {
      cpu += Math.max(0, times[i]);
      bytes += Math.max(0, allocated[i]);
    }
    return new long[] {cpu, bytes};
  }
}
