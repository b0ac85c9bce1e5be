package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.mqtt.MqttDoorController;
import dev.accesslink.mqtt.MqttDoorSettings;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import dev.accesslink.core.domain.AccessLinkId;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

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
 *     [--ops 5000] [--out /tmp/hp] [--no-jfr] [create] [floor-create] [unlock] [floor-unlock] [micrometer] [lossy]
 * </pre>
 *
 * <p>Writes {@code <out>/<path>.jfr} for each path named (all four by default). Read them with
 * {@code jfr print --events jdk.ExecutionSample} or {@code jdk.ObjectAllocationSample}.
 */
public final class HotPathProfile {
  private HotPathProfile() {}

  /**
   * Runs the named paths.
   *
   * @param args {@code --ops N} operations per path after as many warm-up ones, {@code --out DIR},
   *     {@code --no-jfr} (no recording), and the paths: {@code create}, {@code floor-create}, {@code
   *     unlock}, {@code floor-unlock}, {@code micrometer}, {@code lossy}
   * @throws Exception when a path fails
   */
  public static void main(String[] args) throws Exception {
    int ops = 5_000;
    Path out = Path.of("target/profiles");
    List<String> paths = new ArrayList<>();
    boolean jfr = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--ops" -> ops = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--no-jfr" -> jfr = false;
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
      try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE bench_floor_intent (id VARCHAR(36) PRIMARY KEY, organization VARCHAR(128),"
            + " door_id VARCHAR(128), link_id VARCHAR(36), recipient VARCHAR(400), sent_at BIGINT, expires_at BIGINT)");
      }
      Map<String, Measure.Op> byName = new LinkedHashMap<>();
      int[] next = {0};
      byName.put("create", () -> lib.sendManual(org));
      byName.put("floor-create", () -> floorInsert(pool));
      byName.put("floor-unlock", () -> {
        SuitePart.selectByHash(pool, hashes.get(next[0]++ % hashes.size()));
        floorIntent(pool);
        raw.roundTrip();
      });
      byName.put("unlock", () -> unlock(lib.links, secrets.get(next[0]++ % secrets.size())));
      byName.put("micrometer", () -> unlock(lib.withMicrometer, secrets.get(next[0]++ % secrets.size())));
      byName.put("lossy", () -> unlock(lib.lossy, secrets.get(next[0]++ % secrets.size())));
      for (String name : paths) {
        Measure.Op op = byName.get(name);
        if (op == null) {
          throw new IllegalArgumentException("unknown path " + name + "; known: " + byName.keySet());
        }
        for (int i = 0; i < ops; i++) {
          op.run();
        }
        lib.settle();
        try (Recording r = new Recording(Configuration.getConfiguration("profile"))) {
          // every millisecond of running Java code (the profile's default is 10 ms: too few samples)
          r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
          if (jfr) {
            r.start();
          }
          Map<String, Long> byThread0 = cpuByThreadGroup();
          long[] cpu0 = threadTotals();
          long t0 = System.nanoTime();
          for (int i = 0; i < ops; i++) {
            op.run();
          }
          lib.settle();
          long t = System.nanoTime() - t0;
          long[] cpu1 = threadTotals();
          Map<String, Long> byThread1 = cpuByThreadGroup();
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
        }
      }
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

  private static void floorInsert(HikariDataSource pool) throws SQLException {
    byte[] h = new byte[32];
    ThreadLocalRandom.current().nextBytes(h);
    long now = System.currentTimeMillis();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO al_link (id, organization, channel,"
          + " recipient_name, group_id, issued_by, created_at, secret_hash, quota_month, quota_held, delivery_status,"
          + " attempts) VALUES (?, ?, 'MANUAL', ?, ?, ?, ?, ?, 0, 1, 'NOT_REQUIRED', 0)")) {
        p.setString(1, AccessLinkId.generate(java.time.Instant.ofEpochMilli(now), ThreadLocalRandom.current()).toString());
        p.setString(2, "create-floor");
        p.setString(3, "Ada Visitor");
        p.setString(4, Library.GROUP.value());
        p.setString(5, Library.ADMIN.value());
        p.setLong(6, now * 1000);
        p.setString(7, HexFormat.of().formatHex(h));
        p.executeUpdate();
      }
      c.commit();
      c.setAutoCommit(true);
    }
  }

  private static void floorIntent(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(
        "INSERT INTO bench_floor_intent (id, organization, door_id, link_id, recipient, sent_at, expires_at)"
            + " VALUES (?, 'unlock', 'front', ?, 'Ada Visitor', ?, ?)")) {
      long now = System.currentTimeMillis() * 1000;
      p.setString(1, UUID.randomUUID().toString());
      p.setString(2, UUID.randomUUID().toString());
      p.setLong(3, now);
      p.setLong(4, now + 10_000_000L);
      p.executeUpdate();
    }
  }

  private static void unlock(AccessLinks links, String secret) {
    UnlockOutcome o = links.unlock(new UnlockDoorCommand(secret, Library.DOOR));
    if (!(o instanceof UnlockOutcome.Unlocked)) {
      throw new IllegalStateException("unlock did not open: " + o);
    }
  }
}
