package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.LinkRules;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.mqtt.MqttDoorController;
import dev.accesslink.mqtt.CommandKeys;
import dev.accesslink.mqtt.MqttDoorSettings;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Figure 2: unlock end to end through Mosquitto, against a bare lookup and MQTT round trip. */
final class UnlockFigure extends SuitePart {
  UnlockFigure(SuiteState state) {
    super(state);
  }

  /** The Micrometer binding's target (issue 18): p50 of the unlock with it at most this times the p50 without. */
  static final double MICROMETER_TARGET = 1.05;

  /** The organization of this figure; its door's commands are signed (issue 20). */
  static final OrganizationId ORG = OrganizationId.of("unlock");

  /** The door's signing key, known to the controller and the simulated lock. */
  static final CommandKeys KEYS = CommandKeys.of("bench", new java.security.SecureRandom().generateSeed(32));

  /** The targets of issue 19: p50 at most this times the guaranteed floor's... */
  static final double P50_TARGET = 1.15;
  /** ...and 8-thread throughput at least this share of the floor's. */
  static final double THROUGHPUT_TARGET = 0.90;

  /** The library's guaranteed unlock and its floor, on links made for them. */
  record Pair(Measure.Op library, Measure.Op floor) {}

  /**
   * The library's default (guaranteed) unlock and the floor of a guaranteed unlock, on 200 fresh
   * links of {@link #ORG}: for the figures that repeat figure 2 (under load). Adds the door's
   * simulated lock unless {@code lockAdded} (figure 2 ran before and added it).
   */
  static Pair pair(Library lib, HikariDataSource pool, MqttLockSimulator locks, RawMqttRoundTrip rawOwn,
      boolean lockAdded) throws Exception {
    OrganizationId org = lib.organization(ORG.value(), Long.MAX_VALUE);
    if (!lockAdded) {
      locks.addLock(org, Library.DOOR).commandKeys(KEYS);
    }
    List<String> secrets = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    links(lib, org, secrets, hashes);
    AtomicInteger next = new AtomicInteger();
    return new Pair(Measure.settled(
        () -> unlockOnce(lib, secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size()))), lib::settle),
        durableFloor(pool, hashes, next, rawOwn));
  }

  private static void links(Library lib, OrganizationId org, List<String> secrets, List<String> hashes) {
    for (int i = 0; i < 200; i++) {
      SentAccessLink sent = lib.sendManual(org);
      String secret = Library.secretOf(sent);
      secrets.add(secret);
      hashes.add(dev.accesslink.core.domain.LinkSecret.parse(secret).orElseThrow().hash().toHex());
    }
  }

  /**
   * The floor of a guaranteed unlock: the indexed lookup, one durable {@code INSERT} of a row like an
   * intent (auto-commit: one WAL flush) before the command, as the journal does it, and the raw MQTT
   * round trip.
   */
  static Measure.Op durableFloor(HikariDataSource pool, List<String> hashes, AtomicInteger next,
      RawMqttRoundTrip rawOwn) throws Exception {
    createFloorIntentTable(pool);
    return () -> {
      selectByHash(pool, hashes.get(Math.floorMod(next.incrementAndGet(), hashes.size())));
      insertFloorIntent(pool, "unlock", "front");
      rawOwn.roundTrip();
    };
  }

  void measure(Library lib, HikariDataSource pool, MqttLockSimulator locks, RawMqttRoundTrip rawOwn)
      throws Exception {
    log("figure 2: unlock");
    OrganizationId org = lib.organization(ORG.value(), Long.MAX_VALUE);
    locks.addLock(org, Library.DOOR).commandKeys(KEYS); // the lock refuses an unsigned or forged command
    List<String> secrets = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    links(lib, org, secrets, hashes);
    // issue 15: links with a use limit take a use in the store (one conditional UPDATE, auto-commit)
    // before the command; 1,000 uses each is more than the figure ever takes
    List<String> limited = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      limited.add(Library.secretOf(lib.links.send(SendAccessLinkCommand.manual(org, Library.ADMIN, "Ada Visitor",
          Library.GROUP, ValidityWindow.always()).withRules(LinkRules.none().withMaxUses(LinkRules.MAX_USES)))));
    }
    AtomicInteger next = new AtomicInteger();
    Measure.Op useLimited = Measure.settled(
        () -> unlockOnce(lib, limited.get(Math.floorMod(next.incrementAndGet(), limited.size()))), lib::settle);
    Measure.Op library = Measure.settled(
        () -> unlockOnce(lib, secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size()))), lib::settle);
    Measure.Op floor = () -> {
      selectByHash(pool, hashes.get(Math.floorMod(next.incrementAndGet(), hashes.size())));
      rawOwn.roundTrip();
    };
    Measure.Op beforeAnswer = () -> {
      UnlockOutcome o = lib.beforeAnswer.unlock(new UnlockDoorCommand(
          secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size())), Library.DOOR));
      if (!(o instanceof UnlockOutcome.Unlocked)) {
        throw new IllegalStateException("unlock did not open: " + o);
      }
    };
    Measure.Op uncached = Measure.settled(() -> {
      UnlockOutcome o = lib.uncached.unlock(new UnlockDoorCommand(
          secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size())), Library.DOOR));
      if (!(o instanceof UnlockOutcome.Unlocked)) {
        throw new IllegalStateException("unlock did not open: " + o);
      }
    }, lib::settle);
    Measure.Op micrometer = Measure.settled(() -> {
      UnlockOutcome o = lib.withMicrometer.unlock(new UnlockDoorCommand(
          secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size())), Library.DOOR));
      if (!(o instanceof UnlockOutcome.Unlocked)) {
        throw new IllegalStateException("unlock did not open: " + o);
      }
    }, lib::settle);
    Measure.Op lossy = Measure.settled(() -> {
      UnlockOutcome o = lib.lossy.unlock(new UnlockDoorCommand(
          secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size())), Library.DOOR));
      if (!(o instanceof UnlockOutcome.Unlocked)) {
        throw new IllegalStateException("unlock did not open: " + o);
      }
    }, lib::settle);
    // the floor of a guaranteed unlock: the same lookup and round trip, plus one durable INSERT of a
    // row like an intent (auto-commit: one WAL flush), before the command, as the journal does it
    Measure.Op durableFloor = durableFloor(pool, hashes, next, rawOwn);
    Runs runs = new Runs("library (guaranteed) / floor of a guaranteed unlock");
    // issue 18's target for the Micrometer binding, judged like the others: the median of the runs
    Runs micrometerRuns = new Runs("with Micrometer / without");
    List<List<Stats>> all = new ArrayList<>();
    List<double[]> allTp = new ArrayList<>();
    WarmUp warm = Measure.warmUp(threads, slice(), library, floor, beforeAnswer, uncached, lossy, durableFloor, micrometer, useLimited);
    for (int run = 0; run < Runs.COUNT; run++) {
      List<Stats> r = Measure.interleaved(n(300), 10, n(150), library, floor, beforeAnswer, uncached, lossy,
          durableFloor, micrometer, useLimited);
      double[] t = Measure.interleavedThroughput(threads, slice(), 1, run, library, floor, beforeAnswer, uncached, lossy,
          durableFloor, micrometer, useLimited);
      for (int i = 0; i < 8; i++) {
        r.get(i).throughput(t[i], threads + " threads");
      }
      runs.add(r.get(0), r.get(5));
      micrometerRuns.add(r.get(6), r.get(0));
      all.add(r);
      allTp.add(t);
    }
    List<Stats> s = all.get(runs.medianRun());
    double[] tp = allTp.get(runs.medianRun());

    // the same library against the system broker in its default configuration (no set_tcp_nodelay)
    log("figure 2: default broker");
    Stats libDefault = new Stats(0);
    Stats floorDefault = new Stats(0);
    String defaultNote;
    if (dev.accesslink.testsupport.ExternalServices.tcpOpen("127.0.0.1", 1883)) {
      MqttLockSimulator defaultLocks = keep(MqttLockSimulator.builder(DEFAULT_BROKER).build());
      MqttDoorController defaultDoors = keep(MqttDoorController.connect(
          MqttDoorSettings.builder(DEFAULT_BROKER).clientId("bench-default-" + shortId()).build()));
      RawMqttRoundTrip rawDefault = keep(new RawMqttRoundTrip(DEFAULT_BROKER));
      Library libOnDefault = new Library(pool, defaultDoors);
      defaultLocks.addLock(org, Library.DOOR);
      Measure.Op lib2 = Measure.settled(() -> unlockOnce(libOnDefault,
          secrets.get(Math.floorMod(next.incrementAndGet(), secrets.size()))), libOnDefault::settle);
      Measure.Op floor2 = () -> {
        selectByHash(pool, hashes.get(Math.floorMod(next.incrementAndGet(), hashes.size())));
        rawDefault.roundTrip();
      };
      List<Stats> d = Measure.interleaved(n(10), 4, n(25), lib2, floor2);
      libDefault = d.get(0);
      floorDefault = d.get(1);
      double[] tpd = Measure.interleavedThroughput(threads, slice(), 1, lib2, floor2);
      libDefault.throughput(tpd[0], threads + " threads");
      floorDefault.throughput(tpd[1], threads + " threads");
      defaultNote = "";
    } else {
      defaultNote = "The system Mosquitto at 127.0.0.1:1883 was not reachable: the default-configuration rows are empty.";
    }
    Report.Figure f = new Report.Figure("2. Unlock end to end through Mosquitto",
        "Library (default, guaranteed): `AccessLinks.unlock(...)` — secret → SHA-256 → `findBySecretHash` → group"
            + " read → decision → the unlock intent into the journal (one durable `INSERT`, written at once while"
            + " fewer than 8 run, shared beyond that) → `MqttDoorController` QoS 1 command, signed (HMAC-SHA256 per door) → `MqttLockSimulator` QoS 1 reply,"
            + " signature, expiry and replay checked → answer; last use +"
            + " audit event `DOOR_UNLOCKED` queued for the instance's background writer (`recordUses`, many unlocks per"
            + " transaction, the intents settled in the same transaction), whose work is charged to the library: each timed round and"
            + " each throughput slice ends only once it is stored. Its floor: a bare indexed `SELECT` by secret hash +"
            + " one single-row `INSERT` in auto-commit (one WAL flush) + a raw Paho v5 QoS 1 publish / QoS 1 reply"
            + " round trip (TCP_NODELAY on both clients). `MAY_LOSE_OPENINGS_ON_CRASH` writes no intent; its floor"
            + " is the `SELECT` + the round trip. Own broker: started by the suite with `set_tcp_nodelay true`."
            + " Measured in " + Runs.COUNT + " consecutive runs (each 10 interleaved latency rounds and one"
            + " throughput slice per path); the table and the other ratios show the run with the median p50 ratio.");
    f.row("library (guaranteed), own broker", s.get(0))
        .row("floor of a guaranteed unlock (`SELECT` + durable `INSERT` + MQTT), own broker", s.get(5));
    f.row("library with `unlockBookkeeping(MAY_LOSE_OPENINGS_ON_CRASH)`, own broker (the default before issue 21)",
        s.get(4)).row("floor without a write (`SELECT` + MQTT), own broker", s.get(1));
    f.row("library without the directory cache, own broker", s.get(3));
    f.row("library with `unlockBookkeeping(BEFORE_ANSWER)`, own broker: the visitor also waits for last use +"
        + " audit event", s.get(2));
    f.row("library with `access-link-micrometer` attached (meters + observations, meter handler), own broker", s.get(6));
    f.row("library, use-limited link (`maxUses`: a use taken in the store before the command), own broker", s.get(7));
    f.row("library, system broker with default configuration", libDefault)
        .row("floor, system broker with default configuration", floorDefault);
    ratios(f, s.get(0), s.get(5), P50_TARGET);
    f.ratio(runs.line());
    f.ratio(warm.line("ops/s at " + threads + " threads", "library (guaranteed)", "floor without a write", null, null, "`MAY_LOSE_OPENINGS_ON_CRASH`", "floor of a guaranteed unlock"));
    f.verdict = runs.verdict(P50_TARGET, THROUGHPUT_TARGET);
    f.ratio("`MAY_LOSE_OPENINGS_ON_CRASH` / its floor (`SELECT` + MQTT): p50 "
        + Report.x(s.get(4).p50Millis() / s.get(1).p50Millis()) + ", p99 "
        + Report.x(s.get(4).p99Millis() / s.get(1).p99Millis()) + ", throughput " + Report.x(tp[4] / tp[1])
        + "; guaranteed / `MAY_LOSE_OPENINGS_ON_CRASH`: p50 " + Report.x(s.get(0).p50Millis() / s.get(4).p50Millis())
        + ", throughput " + Report.x(tp[0] / tp[4]));
    f.ratio("without the directory cache / guaranteed floor: p50 " + Report.x(s.get(3).p50Millis() / s.get(5).p50Millis())
        + ", p99 " + Report.x(s.get(3).p99Millis() / s.get(5).p99Millis()) + ", throughput " + Report.x(tp[3] / tp[5]));
    f.ratio("`BEFORE_ANSWER` / guaranteed floor: p50 " + Report.x(s.get(2).p50Millis() / s.get(5).p50Millis())
        + ", p99 " + Report.x(s.get(2).p99Millis() / s.get(5).p99Millis()) + ", throughput "
        + Report.x(tp[2] / tp[5]) + "; default (bookkeeping in the background) / `BEFORE_ANSWER`: p50 "
        + Report.x(s.get(0).p50Millis() / s.get(2).p50Millis()) + ", throughput " + Report.x(tp[0] / tp[2]));
    // one WAL flush, as the floors show it: the durable floor less the floor without a write
    double walFlush = Math.max(0, s.get(5).p50Millis() - s.get(1).p50Millis());
    double limitedTarget = 1.3 * s.get(5).p50Millis() + walFlush;
    f.ratio("use-limited / guaranteed floor: p50 " + Report.x(s.get(7).p50Millis() / s.get(5).p50Millis()) + ", p99 "
        + Report.x(s.get(7).p99Millis() / s.get(5).p99Millis()) + ", throughput " + Report.x(tp[7] / tp[5])
        + "; target p50 ≤ 1.3 × floor + one WAL flush (" + String.format(java.util.Locale.ROOT, "%.2f", walFlush)
        + " ms) = " + String.format(java.util.Locale.ROOT, "%.2f", limitedTarget) + " ms: "
        + (s.get(7).p50Millis() <= limitedTarget ? "met" : "missed"));
    f.ratio(micrometerRuns.line() + "; target ≤ " + Report.x(MICROMETER_TARGET) + " (median p50): "
        + (micrometerRuns.medianP50() <= MICROMETER_TARGET ? "met" : "missed"));
    if (libDefault.count() > 0) {
      f.ratio("default broker: library / floor p50 " + Report.x(libDefault.p50Millis() / floorDefault.p50Millis())
          + "; library default broker / own broker p50 " + Report.x(libDefault.p50Millis() / s.get(0).p50Millis()));
    }
    if (!defaultNote.isEmpty()) {
      f.note(defaultNote);
    }
    f.note("Why: the visitor's answer waits for the hash lookup, the decision, the intent's durable write (one"
        + " WAL flush, which the database shares among concurrent commits) and the MQTT round trip through the"
        + " adapter (JSON command and reply, the lock's expiry and once-only checks), not for the bookkeeping"
        + " write, which the instance's writer batches (many unlocks per WAL flush) after the answer; the group"
        + " comes from a one-second cache by default (a second query without it). The floors' responder is a bare"
        + " Paho callback. See *Round trips per operation* and docs/persistence.md, *What a crash can lose*.");
    report.figures.add(f);
  }
}
