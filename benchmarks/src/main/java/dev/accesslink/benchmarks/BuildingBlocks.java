package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.mqtt.MqttDoorController;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** What one step (a statement, a commit, an MQTT round trip) costs on this machine. */
final class BuildingBlocks extends SuitePart {
  BuildingBlocks(SuiteState state) {
    super(state);
  }

  void measure(HikariDataSource pool, RawMqttRoundTrip rawOwn, MqttDoorController doors,
      MqttLockSimulator locks) throws Exception {
    log("building blocks");
    OrganizationId blocks = OrganizationId.of("blocks");
    locks.addLock(blocks, Library.DOOR);
    AccessLinkId someLink = AccessLinkId.generate(java.time.Instant.now(), ThreadLocalRandom.current());
    Measure.Op adapterRoundTrip = () -> {
      java.time.Instant now = java.time.Instant.now();
      DoorResponse r = doors.unlock(new dev.accesslink.core.port.out.DoorCommand(UUID.randomUUID(), blocks,
          Library.DOOR, someLink, now, now.plusSeconds(10), Duration.ofSeconds(5)));
      if (!(r instanceof DoorResponse.Unlocked)) {
        throw new IllegalStateException("the simulated lock did not open: " + r);
      }
    };
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bench_scratch (id BIGINT PRIMARY KEY, v VARCHAR(64))");
    }
    AtomicLong seq = new AtomicLong();
    Measure.Op select1 = () -> {
      try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement("SELECT 1");
          ResultSet rs = p.executeQuery()) {
        rs.next();
      }
    };
    Measure.Op commit = () -> {
      try (Connection c = pool.getConnection();
          PreparedStatement p = c.prepareStatement("INSERT INTO bench_scratch (id, v) VALUES (?, 'x')")) {
        p.setLong(1, seq.incrementAndGet());
        p.executeUpdate();
      }
    };
    List<Stats> s = Measure.interleaved(n(300), 10, n(100), select1, commit, rawOwn::roundTrip, adapterRoundTrip);
    Report.Figure f = new Report.Figure("Building blocks",
        "What one step costs on this machine, measured in the same run; the figures below are sums of these."
            + " A commit waits for the WAL flush (`synchronous_commit=on`), which dominates every write.");
    f.row("`SELECT 1` round trip through the pool", s.get(0));
    f.row("single-row `INSERT`, auto-commit (one WAL flush)", s.get(1));
    f.row("raw Paho v5 QoS 1 command + QoS 1 reply, own broker, TCP_NODELAY", s.get(2));
    f.row("`MqttDoorController.unlock` → `MqttLockSimulator` → reply, own broker (the adapter alone)", s.get(3));
    report.figures.add(f);
  }
}
