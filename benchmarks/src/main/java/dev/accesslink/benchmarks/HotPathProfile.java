package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.mqtt.MqttDoorController;
import dev.accesslink.mqtt.MqttDoorSettings;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;

/**
 * A profiling harness, not a figure: runs one library path alone in a single-threaded loop (no
 * floor, no other path interleaved) under its own Java Flight Recorder recording, so that the
 * recording's execution and allocation samples belong to that path only. Reports per operation the
 * CPU time and the bytes allocated by all of this JVM's threads (the library's, the pool's, the MQTT
 * clients' and the simulated lock's), which a loaded machine disturbs far less than wall-clock
 * time, and the mean wall time (for orientation only). The floors ({@code floor-create}: the bare
 * {@code INSERT} + {@code COMMIT}; {@code floor-unlock}: the indexed {@code SELECT}, one durable
 * {@code INSERT} and a raw Paho round trip, as in figures 1 and 2) give what the library adds.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.accesslink.benchmarks.HotPathProfile \
 *     [--ops 5000] [--threads 1] [--interleave 0] [--out /tmp/hp] [--no-jfr]
 *     [create] [floor-create] [unlock] [floor-unlock] [micrometer] [lossy] [resolve] [peer] [spring]
 * </pre>
 *
 * <p>Writes {@code <out>/<path>.jfr} for each path named (the first six by default); with {@code
 * --interleave R} the paths run side by side in R rounds, without recordings. Read them with
 * {@code jfr print --events jdk.ExecutionSample} or {@code jdk.ObjectAllocationSample}.
 */
public final class HotPathProfile {
  private HotPathProfile() {}

  /**
   * Runs the named paths.
   *
   * @param args {@code --ops N} operations per path after as many warm-up ones, {@code --out DIR},
   *     {@code --no-jfr} (no recording), {@code --threads N} (operations spread over N threads),
   *     {@code --interleave R} (the paths side by side in R rounds), and the paths: {@code create},
   *     {@code floor-create}, {@code unlock}, {@code floor-unlock}, {@code micrometer}, {@code lossy},
   *     {@code resolve}, {@code peer}, {@code spring}
   * @throws Exception when a path fails
   */
  public static void main(String[] args) throws Exception {
    int ops = 5_000;
    Path out = Path.of("target/profiles");
    List<String> paths = new ArrayList<>();
    boolean jfr = true;
    int threads = 1;
    int rounds = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--ops" -> ops = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--no-jfr" -> jfr = false;
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--interleave" -> rounds = Integer.parseInt(args[++i]);
        default -> paths.add(args[i]);
      }
    }
    if (paths.isEmpty()) {
      paths = List.of("create", "floor-create", "unlock", "floor-unlock", "micrometer", "lossy");
    }
    java.nio.file.Files.createDirectories(out);
    try (Postgres pg = new Postgres(); OwnMosquitto broker = OwnMosquitto.start();
        MqttLockSimulator locks = MqttLockSimulator.builder(broker.uri()).build();
        MqttDoorController doors = MqttDoorController.connect(
            MqttDoorSettings.builder(broker.uri()).clientId("profile-" + SuitePart.shortId())
                .commandKeys(UnlockFigure.ORG, Library.DOOR, UnlockFigure.KEYS).build());
        RawMqttRoundTrip raw = new RawMqttRoundTrip(broker.uri())) {
      HikariDataSource pool = pg.pool(pg.createSchema("profile"), 10);
      Library lib = new Library(pool, doors);
      OrganizationId org = lib.organization(UnlockFigure.ORG.value(), Long.MAX_VALUE);
      locks.addLock(org, Library.DOOR).commandKeys(UnlockFigure.KEYS);
      List<String> secrets = new ArrayList<>();
      List<String> hashes = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String secret = Library.secretOf(lib.sendManual(org));
        secrets.add(secret);
        hashes.add(dev.accesslink.core.domain.LinkSecret.parse(secret).orElseThrow().hash().toHex());
      }
      SuitePart.createFloorIntentTable(pool);
      Map<String, Measure.Op> byName = new LinkedHashMap<>();
      // the same threads all along, so that their CPU time stays countable
      java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(threads, task -> {
        Thread t = new Thread(task, "worker");
        t.setDaemon(true);
        return t;
      });
      java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
      HikariDataSource ottPool = pg.pool(pg.createSchema("profile_ott"), 10);
      try (Connection c = ottPool.getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE one_time_tokens (token_value VARCHAR(36) NOT NULL PRIMARY KEY,"
            + " username VARCHAR(50) NOT NULL, expires_at TIMESTAMP NOT NULL)");
      }
      JdbcOneTimeTokenService spring =
          new JdbcOneTimeTokenService(
              new JdbcTemplate(ottPool));
      byName.put("create", () -> lib.sendManual(org));
      byName.put("resolve", () -> resolve(lib.links, secrets.get(next.getAndIncrement() % secrets.size())));
      byName.put("peer", () -> resolve(lib.links, Library.secretOf(lib.sendManual(org))));
      byName.put("spring", () -> {
        var t = spring.generate(new GenerateOneTimeTokenRequest(
            "user" + ThreadLocalRandom.current().nextInt(1000)));
        if (spring.consume(OneTimeTokenAuthenticationToken
            .unauthenticated(t.getTokenValue())) == null) {
          throw new IllegalStateException("spring: token not consumed");
        }
      });
      byName.put("floor-create", () -> CreateFigure.floorInsert(pool));
      byName.put("floor-unlock", () -> {
        SuitePart.selectByHash(pool, hashes.get(next.getAndIncrement() % hashes.size()));
        SuitePart.insertFloorIntent(pool, "unlock", "front");
        raw.roundTrip();
      });
      byName.put("unlock", () -> unlock(lib.links, secrets.get(next.getAndIncrement() % secrets.size())));
      byName.put("micrometer", () -> unlock(lib.withMicrometer, secrets.get(next.getAndIncrement() % secrets.size())));
      byName.put("lossy", () -> unlock(lib.lossy, secrets.get(next.getAndIncrement() % secrets.size())));
      try {
        if (rounds > 0) {
          interleave(byName, paths, ops, rounds, threads, workers, name -> name.equals("spring") ? ottPool : pool);
          return;
        }
        for (String name : paths) {
          Measure.Op op = byName.get(name);
          if (op == null) {
            throw new IllegalArgumentException("unknown path " + name + "; known: " + byName.keySet());
          }
          runOps(op, ops, threads, workers);
          lib.settle();
          try (Recording r = new Recording(Configuration.getConfiguration("profile"))) {
            // every millisecond of running Java code (the profile's default is 10 ms: too few samples)
            r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
            if (jfr) {
              r.start();
            }
            HikariDataSource measured = name.equals("spring") ? ottPool : pool;
            long[] backends = backendPids(measured);
            long pg0 = backendCpu(backends);
            long[] pgTicks0 = ticks(backends);
            long[] jvmTicks0 = ticks(new long[] {ProcessHandle.current().pid()});
            Map<String, Long> byThread0 = cpuByThreadGroup();
            long[] cpu0 = threadTotals();
            long t0 = System.nanoTime();
            runOps(op, ops, threads, workers);
            lib.settle();
            long t = System.nanoTime() - t0;
            long[] cpu1 = threadTotals();
            Map<String, Long> byThread1 = cpuByThreadGroup();
            long pg1 = backendCpu(backends);
            long[] pgTicks1 = ticks(backends);
            long[] jvmTicks1 = ticks(new long[] {ProcessHandle.current().pid()});
            String file = "";
            if (jfr) {
              r.stop();
              r.dump(out.resolve(name + ".jfr"));
              file = out.resolve(name + ".jfr").toString();
            }
            System.out.printf("%-12s %d ops: CPU %.1f µs/op, allocated %.1f KB/op (all threads); wall %.3f ms/op %s%n",
                name, ops, (cpu1[0] - cpu0[0]) / 1e3 / ops, (cpu1[1] - cpu0[1]) / 1024.0 / ops, t / 1e6 / ops, file);
            StringBuilder groups = new StringBuilder("             CPU µs/op by thread:");
            final int n = ops;
            byThread1.forEach((group, cpu) -> {
              long d = cpu - byThread0.getOrDefault(group, 0L);
              if (d > n * 1_000L) { // 1 µs/op or more
                groups.append(String.format(" %s %.1f;", group, d / 1e3 / n));
              }
            });
            System.out.println(groups);
            System.out.printf("             PostgreSQL backends of the pool: CPU %.1f µs/op (user %.1f, system %.1f);"
                + " this JVM: user %.1f, system %.1f µs/op%n", (pg1 - pg0) / 1e3 / ops,
                (pgTicks1[0] - pgTicks0[0]) * 1e4 / ops, (pgTicks1[1] - pgTicks0[1]) * 1e4 / ops,
                (jvmTicks1[0] - jvmTicks0[0]) * 1e4 / ops, (jvmTicks1[1] - jvmTicks0[1]) * 1e4 / ops);
          }
        }
      } finally {
        spring.destroy(); // its cleanup scheduler's thread is not a daemon: without this the JVM never exits
      }
    }
  }

  /**
   * The paths side by side: {@code rounds} rounds, each running {@code ops / rounds} operations of
   * every path in turn (the first path rotating), so that a change of load on the machine hits all
   * alike; prints per path the CPU time per operation of this JVM's threads and of the backends
   * behind the path's pool, summed over the rounds. No recording.
   */
  private static void interleave(Map<String, Measure.Op> byName, List<String> paths, int ops, int rounds, int threads,
      java.util.concurrent.ExecutorService workers, java.util.function.Function<String, HikariDataSource> poolOf)
      throws Exception {
    int n = paths.size();
    long[] jvm = new long[n];
    long[] bytes = new long[n];
    long[] pg = new long[n];
    long[] wall = new long[n];
    long[][] pids = new long[n][];
    for (int k = 0; k < n; k++) {
      Measure.Op op = byName.get(paths.get(k));
      if (op == null) {
        throw new IllegalArgumentException("unknown path " + paths.get(k) + "; known: " + byName.keySet());
      }
      runOps(op, ops, threads, workers); // warm-up
      pids[k] = backendPids(poolOf.apply(paths.get(k)));
    }
    int perRound = Math.max(threads, ops / rounds);
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < n; j++) {
        int k = (r + j) % n;
        Measure.Op op = byName.get(paths.get(k));
        long pg0 = backendCpu(pids[k]);
        long[] t0 = threadTotals();
        long w0 = System.nanoTime();
        runOps(op, perRound, threads, workers);
        wall[k] += System.nanoTime() - w0;
        long[] t1 = threadTotals();
        pg[k] += backendCpu(pids[k]) - pg0;
        jvm[k] += t1[0] - t0[0];
        bytes[k] += t1[1] - t0[1];
      }
    }
    long total = (long) perRound * rounds;
    for (int k = 0; k < n; k++) {
      System.out.printf("%-14s %d ops in %d rounds, %d threads: CPU µs/op: JVM %.1f + PostgreSQL backends %.1f = %.1f;"
              + " allocated %.1f KB/op; wall %.3f ms/op (%.0f ops/s)%n",
          paths.get(k), total, rounds, threads, jvm[k] / 1e3 / total, pg[k] / 1e3 / total,
          (jvm[k] + pg[k]) / 1e3 / total, bytes[k] / 1024.0 / total, wall[k] / 1e6 / total, total * 1e9 / wall[k]);
    }
  }

  /** Runs {@code op} {@code ops} times: in this thread, or spread over the {@code threads} workers. */
  private static void runOps(Measure.Op op, int ops, int threads, java.util.concurrent.ExecutorService workers)
      throws Exception {
    if (threads == 1) {
      for (int i = 0; i < ops; i++) {
        op.run();
      }
      return;
    }
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(workers.submit(() -> {
        for (int i = 0; i < ops / threads; i++) {
          op.run();
        }
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> f : done) {
      f.get();
    }
  }

  /**
   * The process ids of the PostgreSQL backends behind every connection of {@code pool} (all of them
   * borrowed at once, so each is a different one).
   */
  static long[] backendPids(HikariDataSource pool) throws SQLException {
    List<Connection> held = new ArrayList<>();
    try {
      long[] pids = new long[pool.getMaximumPoolSize()];
      for (int i = 0; i < pids.length; i++) {
        Connection c = pool.getConnection();
        held.add(c);
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
          rs.next();
          pids[i] = rs.getLong(1);
        }
      }
      return pids;
    } finally {
      for (Connection c : held) {
        c.close();
      }
    }
  }

  /**
   * CPU nanoseconds the processes {@code pids} ran ({@code /proc/PID/schedstat}, first field): the
   * database's side of a path, when the database runs on this machine; 0 elsewhere.
   */
  static long backendCpu(long[] pids) {
    long sum = 0;
    for (long pid : pids) {
      try {
        String s = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "schedstat"));
        sum += Long.parseLong(s.substring(0, s.indexOf(' ')));
      } catch (java.io.IOException | RuntimeException e) {
        return 0;
      }
    }
    return sum;
  }

  /** User and system clock ticks (1/100 s) of the processes {@code pids}, summed ({@code /proc/PID/stat}). */
  private static long[] ticks(long[] pids) {
    long[] sum = new long[2];
    for (long pid : pids) {
      try {
        String s = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        sum[0] += Long.parseLong(f[11]);
        sum[1] += Long.parseLong(f[12]);
      } catch (java.io.IOException | RuntimeException e) {
        return new long[2];
      }
    }
    return sum;
  }

  private static void resolve(AccessLinks links, String secret) {
    if (!(links.resolve(secret) instanceof dev.accesslink.core.port.in.LinkResolution.Found)) {
      throw new IllegalStateException("resolve failed");
    }
  }

  /** CPU nanoseconds of the live threads by name, with ids and numbers taken out (MQTT client ids, pool numbers). */
  private static Map<String, Long> cpuByThreadGroup() {
    java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
    Map<String, Long> groups = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo info : t.getThreadInfo(t.getAllThreadIds())) {
      if (info != null) {
        long cpu = t.getThreadCpuTime(info.getThreadId());
        String group = info.getThreadName().replaceAll("[-: ]*[0-9a-f]{6,}.*$", "").replaceAll("[0-9]+", "#");
        groups.merge(group, Math.max(0, cpu), Long::sum);
      }
    }
    return groups;
  }

  /** CPU nanoseconds and allocated bytes of every live thread of this JVM, summed. */
  private static long[] threadTotals() {
    com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] ids = t.getAllThreadIds();
    long cpu = 0;
    long bytes = 0;
    long[] times = t.getThreadCpuTime(ids);
    long[] allocated = t.getThreadAllocatedBytes(ids);
    for (int i = 0; i < ids.length; i++) {
      cpu += Math.max(0, times[i]);
      bytes += Math.max(0, allocated[i]);
    }
    return new long[] {cpu, bytes};
  }

  private static void unlock(AccessLinks links, String secret) {
    UnlockOutcome o = links.unlock(new UnlockDoorCommand(secret, Library.DOOR));
    if (!(o instanceof UnlockOutcome.Unlocked)) {
      throw new IllegalStateException("unlock did not open: " + o);
    }
  }
}
