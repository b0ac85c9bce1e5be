package dev.accesslink.mqtt;

import static dev.accesslink.mqtt.MqttTesting.await;
import static dev.accesslink.mqtt.MqttTesting.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.mqtt.internal.Wire;
import dev.accesslink.mqtt.simulator.LockBehaviour;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import dev.accesslink.mqtt.simulator.SimulatedLock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The door-control specification, run against a real broker: each subclass names one (the system
 * Mosquitto, the embedded HiveMQ). Every run uses its own organization and topic prefixes, so
 * parallel runs on a shared broker never see each other's messages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MqttDoorControlSuite {
  static final Duration TIMEOUT = Duration.ofMillis(1500);

  final String run = MqttTesting.runId();
  final OrganizationId org = OrganizationId.of("org-" + run);
  final DoorId haDoor = DoorId.of("ha-front");
  final DoorId haJammedDoor = DoorId.of("ha-jammed");
  final DoorId z2mDoor = DoorId.of("z2m-front");
  final DoorId z2mOfflineDoor = DoorId.of("z2m-offline");
  final DoorId z2mSlowDoor = DoorId.of("z2m-slow");
  final DoorId espDoor = DoorId.of("esp-front");
  final DoorId openDoor = DoorId.of("strike");
  final LockProfile ha = LockProfile.homeAssistant("ha-" + run + "/front/set", "ha-" + run + "/front/state",
      "ha-" + run + "/front/availability");
  final LockProfile haJammed = LockProfile.homeAssistant("ha-" + run + "/back/set", "ha-" + run + "/back/state",
      "ha-" + run + "/back/availability");
  final LockProfile z2m = new LockProfile.Zigbee2Mqtt("z2m-" + run, "front_lock");
  final LockProfile z2mOffline = new LockProfile.Zigbee2Mqtt("z2m-" + run, "gate_lock");
  final LockProfile z2mSlow = new LockProfile.Zigbee2Mqtt("z2m-" + run, "slow_lock");
  final LockProfile esp = LockProfile.espHome("esp-" + run, "front_lock");
  final LockProfile strike = new LockProfile.AccessLinkJson(LockAction.OPEN, Duration.ofSeconds(1));

  private final AtomicInteger clients = new AtomicInteger();
  MqttLockSimulator sim;
  MqttDoorController controller;
  final java.util.Queue<LateAnswer> lateAnswers = new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** The broker under test; may skip the class (assumption) when it is not there. */
  abstract String serverUri();

  @BeforeAll
  void startBrokerSide() {
    String uri = serverUri();
    sim = MqttLockSimulator.builder(uri).sessionExpiry(Duration.ofSeconds(60)).build();
    controller = MqttDoorController.connect(settings().onLateAnswer(lateAnswers::add).build());
  }

  @AfterAll
  void stopBrokerSide() {
    if (controller != null) {
      controller.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  /** Controller settings for this run: every profile door declared. */
  MqttDoorSettings.Builder settings() {
    return MqttDoorSettings.builder(serverUri())
        .clientId("ctl-" + run + "-" + clients.incrementAndGet())
        .door(org, haDoor, ha)
        .door(org, haJammedDoor, haJammed)
        .door(org, z2mDoor, z2m)
        .door(org, z2mOfflineDoor, z2mOffline)
        .door(org, z2mSlowDoor, z2mSlow)
        .door(org, espDoor, esp)
        .door(org, openDoor, strike);
  }

  DoorCommand unlockCommand(DoorId door) {
    return command(org, door, TIMEOUT, Duration.ofSeconds(10));
  }

  SimulatedLock lockOnline(DoorId door, LockProfile profile) {
    SimulatedLock lock = sim.addLock(org, door, profile);
    awaitAvailability(door, LockAvailability.ONLINE);
    return lock;
  }

  void awaitAvailability(DoorId door, LockAvailability expected) {
    await(door + " " + expected, Duration.ofSeconds(5), () -> controller.availability(org, door) == expected);
  }

  @Test
  @DisplayName("the library's JSON protocol: the lock executes exactly that command and confirms")
  void accessLinkJson() {
    DoorId door = DoorId.of("json-front");
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson());
    DoorCommand c = unlockCommand(door);

    assertThat(controller.unlock(c)).isEqualTo(new DoorResponse.Unlocked());
    assertThat(lock.executions()).singleElement().satisfies(e -> {
      assertThat(e.commandId()).contains(c.commandId());
      assertThat(e.action()).isEqualTo(LockAction.UNLOCK);
    });
  }

  @Test
  @DisplayName("momentary open is answered 'opened' and counts as unlocked")
  void momentaryOpen() {
    SimulatedLock lock = lockOnline(openDoor, strike);
    assertThat(controller.unlock(unlockCommand(openDoor))).isEqualTo(new DoorResponse.Unlocked());
    assertThat(lock.executions()).singleElement().extracting(SimulatedLock.Execution::action)
        .isEqualTo(LockAction.OPEN);
  }

  @Test
  @DisplayName("Home Assistant: UNLOCK on the command topic, confirmed by state UNLOCKED")
  void homeAssistant() {
    SimulatedLock lock = lockOnline(haDoor, ha);
    assertThat(controller.unlock(unlockCommand(haDoor))).isEqualTo(new DoorResponse.Unlocked());
    assertThat(lock.executions()).hasSize(1);
  }

  @Test
  @DisplayName("Zigbee2MQTT: {\"state\":\"UNLOCK\"} to <base>/<name>/set, confirmed by lock_state")
  void zigbee2mqtt() {
    SimulatedLock lock = lockOnline(z2mDoor, z2m);
    assertThat(controller.unlock(unlockCommand(z2mDoor))).isEqualTo(new DoorResponse.Unlocked());
    assertThat(lock.executions()).hasSize(1);
  }

  @Test
  @DisplayName("a Zigbee2MQTT lock that gets to a command after its message expiry drops it: never acted on late")
  void profileLockDropsExpiredCommand() {
    SimulatedLock lock = lockOnline(z2mSlowDoor, z2mSlow).latency(Duration.ofMillis(2500));
    // told 1 s of message expiry (the least MQTT can say); the lock handles it 2.5 s after arrival
    DoorCommand c = command(org, z2mSlowDoor, Duration.ofMillis(1500), Duration.ofSeconds(1));
    assertThat(controller.unlock(c)).isEqualTo(new DoorResponse.Unreachable("timeout"));
    await("the lock to handle the command", Duration.ofSeconds(30), () -> lock.receivedCount() == 1);
    assertThat(lock.executions()).isEmpty();
  }

  @Test
  @DisplayName("ESPHome: UNLOCK to <prefix>/lock/<id>/command, confirmed by state UNLOCKED")
  void espHome() {
    SimulatedLock lock = lockOnline(espDoor, esp);
    assertThat(controller.unlock(unlockCommand(espDoor))).isEqualTo(new DoorResponse.Unlocked());
    assertThat(lock.executions()).hasSize(1);
  }

  @Test
  @DisplayName("a jammed or refusing lock is Refused with its status, and nothing is executed")
  void jammedAndRefused() {
    DoorId jammed = DoorId.of("json-jammed");
    DoorId refusing = DoorId.of("json-refusing");
    SimulatedLock j = lockOnline(jammed, LockProfile.accessLinkJson()).behaviour(LockBehaviour.JAMS);
    SimulatedLock r = lockOnline(refusing, LockProfile.accessLinkJson()).behaviour(LockBehaviour.REFUSES);

    assertThat(controller.unlock(unlockCommand(jammed))).isEqualTo(new DoorResponse.Refused("jammed"));
    assertThat(controller.unlock(unlockCommand(refusing))).isEqualTo(new DoorResponse.Refused("refused"));
    assertThat(j.executions()).isEmpty();
    assertThat(r.executions()).isEmpty();
  }

  @Test
  @DisplayName("a Home Assistant lock reporting JAMMED is Refused(jammed)")
  void homeAssistantJammed() {
    lockOnline(haJammedDoor, haJammed).behaviour(LockBehaviour.JAMS);
    assertThat(controller.unlock(unlockCommand(haJammedDoor))).isEqualTo(new DoorResponse.Refused("jammed"));
  }

  @Test
  @DisplayName("a command already expired is refused without being sent")
  void expiredBeforeSending() {
    DoorId door = DoorId.of("json-expired");
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson());
    Instant past = Instant.now().minusSeconds(20);
    DoorCommand c = new DoorCommand(UUID.randomUUID(), org, door, unlockCommand(door).link(), past,
        past.plusSeconds(10), TIMEOUT);
    assertThat(controller.unlock(c)).isEqualTo(new DoorResponse.Refused("expired"));
    assertThat(lock.receivedCount()).isZero();
  }

  @Test
  @DisplayName("no answer within the timeout is Unreachable(timeout)")
  void silent() {
    DoorId door = DoorId.of("json-silent");
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson()).behaviour(LockBehaviour.SILENT);
    assertThat(controller.unlock(unlockCommand(door))).isEqualTo(new DoorResponse.Unreachable("timeout"));
    assertThat(lock.receivedCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("a lock known offline (last will) is Unreachable(offline) at once, even with a long timeout")
  void offline() {
    DoorId door = DoorId.of("json-offline");
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson());
    lock.goOffline();
    awaitAvailability(door, LockAvailability.OFFLINE);

    // With a 60 s timeout, only the availability shortcut can make this test finish quickly.
    DoorCommand c = command(org, door, Duration.ofSeconds(60), Duration.ofSeconds(90));
    assertThat(controller.unlock(c)).isEqualTo(new DoorResponse.Unreachable("offline"));

    lock.goOnline();
    awaitAvailability(door, LockAvailability.ONLINE);
    assertThat(controller.unlock(unlockCommand(door))).isEqualTo(new DoorResponse.Unlocked());
    assertThat(lock.executions()).hasSize(1);
  }

  @Test
  @DisplayName("a Zigbee2MQTT lock announced offline on its availability topic is Unreachable(offline)")
  void profileOffline() {
    SimulatedLock lock = lockOnline(z2mOfflineDoor, z2mOffline);
    lock.goOffline();
    awaitAvailability(z2mOfflineDoor, LockAvailability.OFFLINE);
    DoorCommand c = command(org, z2mOfflineDoor, Duration.ofSeconds(60), Duration.ofSeconds(90));
    assertThat(controller.unlock(c)).isEqualTo(new DoorResponse.Unreachable("offline"));
  }

  @Test
  @DisplayName("a command expires before its caller stops waiting: a lock that acts later refuses it (expired), "
      + "and that late answer is reported, not lost")
  void commandNeverOutlivesTheWait() {
    DoorId door = DoorId.of("json-slow");
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson()).latency(Duration.ofMillis(1200));
    DoorCommand late = command(org, door, Duration.ofMillis(300), Duration.ofSeconds(10));
    assertThat(controller.unlock(late)).isEqualTo(new DoorResponse.Unreachable("timeout"));
    await("the late answer", Duration.ofSeconds(5), () -> lateAnswers.stream()
        .anyMatch(a -> a.commandId().equals(late.commandId())));
    assertThat(lateAnswers).filteredOn(a -> a.commandId().equals(late.commandId())).singleElement()
        .satisfies(a -> {
          assertThat(a.response()).isEqualTo(new DoorResponse.Refused("expired"));
          assertThat(a.door()).isEqualTo(door);
        });
    assertThat(lock.executions()).isEmpty();
  }

  @Test
  @DisplayName("a lock that acted in time but whose answer came late: reported as a late unlock with its delay")
  void lateUnlockIsReported() {
    DoorId door = DoorId.of("json-late-answer");
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson()).answerDelay(Duration.ofMillis(1500));
    DoorCommand c = command(org, door, Duration.ofMillis(800), Duration.ofSeconds(10));
    assertThat(controller.unlock(c)).isEqualTo(new DoorResponse.Unreachable("timeout"));
    await("the late answer", Duration.ofSeconds(5), () -> lateAnswers.stream()
        .anyMatch(a -> a.commandId().equals(c.commandId())));
    assertThat(lateAnswers).filteredOn(a -> a.commandId().equals(c.commandId())).singleElement()
        .satisfies(a -> {
          assertThat(a.response()).isEqualTo(new DoorResponse.Unlocked());
          assertThat(a.delay()).isPositive();
        });
    assertThat(lock.executions()).singleElement()
        .satisfies(e -> assertThat(e.at()).isBefore(c.issuedAt().plus(c.timeout())));
  }

  @Test
  @DisplayName("an answer held up longer than the lock may act still reaches the caller's late-answer listener, once")
  void lateAnswerToTheCaller() throws Exception {
    DoorId door = DoorId.of("json-very-late-answer");
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson()).answerDelay(Duration.ofMillis(4000));
    DoorCommand c = command(org, door, Duration.ofMillis(800), Duration.ofMillis(600));
    List<DoorResponse> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<DoorResponse> late = new CompletableFuture<>();
    assertThat(controller.unlock(c, answer -> {
      heard.add(answer);
      late.complete(answer);
    })).isEqualTo(new DoorResponse.Unreachable("timeout"));
    assertThat(late.get(30, TimeUnit.SECONDS)).isEqualTo(new DoorResponse.Unlocked());
    assertThat(lock.executions()).singleElement().satisfies(e -> assertThat(e.at()).isBefore(c.expiresAt()));
    await("the monitoring listener", Duration.ofSeconds(5), () -> lateAnswers.stream()
        .anyMatch(a -> a.commandId().equals(c.commandId())));
    assertThat(heard).containsExactly(new DoorResponse.Unlocked());
  }

  @Test
  @DisplayName("through the core: a frozen lock's visitor is told 'unreachable', then the audit log gets the late "
      + "DOOR_UNLOCKED with its delay, once")
  void lateOpeningInTheAuditLog() {
    DoorId door = DoorId.of("json-frozen");
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson()).answerDelay(Duration.ofMillis(2500));
    dev.accesslink.core.memory.InMemoryAccessEvents events = new dev.accesslink.core.memory.InMemoryAccessEvents();
    dev.accesslink.core.memory.InMemoryAccessLinkPersistence persistence =
        new dev.accesslink.core.memory.InMemoryAccessLinkPersistence(events);
    dev.accesslink.core.domain.GroupId group = dev.accesslink.core.domain.GroupId.of("staff");
    persistence.groups().put(new dev.accesslink.core.domain.Group(org, group, "Staff",
        List.of(new dev.accesslink.core.domain.Door(door, "Frozen"))));
    persistence.organizations().save(new dev.accesslink.core.domain.OrganizationSettings(org, "Org",
        java.time.ZoneOffset.UTC, dev.accesslink.core.domain.QuotaLimits.defaults(),
        java.net.URI.create("https://example.test/l/")));
    try (dev.accesslink.core.application.AccessLinks links = dev.accesslink.core.application.AccessLinks.builder()
        .persistence(persistence).doors(controller)
        .doorPolicy(new dev.accesslink.core.application.DoorPolicy(Duration.ofMillis(1500), Duration.ofMillis(500)))
        .build()) {
      String url = links.send(dev.accesslink.core.port.in.SendAccessLinkCommand.manual(org,
          dev.accesslink.core.domain.AdminId.of("admin"), "Ann", group,
          dev.accesslink.core.domain.ValidityWindow.always())).manualUrlIfAny().orElseThrow().reveal();
      assertThat(links.unlock(new dev.accesslink.core.port.in.UnlockDoorCommand(url, door)))
          .isEqualTo(new dev.accesslink.core.port.in.UnlockOutcome.DoorUnreachable(door));
      assertThat(lock.executions()).hasSize(1);
      await("the late DOOR_UNLOCKED", Duration.ofSeconds(30), () -> events.all().stream()
          .anyMatch(e -> e.type() == dev.accesslink.core.domain.AccessEventType.DOOR_UNLOCKED));
      assertThat(links.awaitBookkeeping(Duration.ofSeconds(30))).isTrue();
      assertThat(events.all()).extracting(dev.accesslink.core.domain.AccessEvent::type).containsExactly(
          dev.accesslink.core.domain.AccessEventType.LINK_SENT,
          dev.accesslink.core.domain.AccessEventType.DOOR_UNREACHABLE,
          dev.accesslink.core.domain.AccessEventType.DOOR_UNLOCKED);
      assertThat(events.all().get(2).detail()).matches("bypassed:\\[.*] late:\\d+ms");
      assertThat(links.reconcileUnlocks()).isZero();
    }
  }

  @Test
  @DisplayName("an unknown answer and a duplicate answer are ignored; the next command gets its own answer")
  void unknownAnswers() throws Exception {
    DoorId door = DoorId.of("json-unknown");
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson());
    try (RawClient raw = new RawClient(serverUri())) {
      MqttProperties p = new MqttProperties();
      p.setCorrelationData(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
      raw.publish("accesslink/" + org + "/replies/" + controller.settings().clientId(),
          Wire.reply(UUID.randomUUID(), door.value(), "unlocked"), false, p);
    }
    lock.behaviour(LockBehaviour.REFUSES);
    assertThat(controller.unlock(unlockCommand(door))).isEqualTo(new DoorResponse.Refused("refused"));
  }

  @Test
  @DisplayName("a lock whose clock is 30 s slow or fast refuses (not-yet-valid, expired) and never acts late")
  void lockClockOff() {
    for (Duration offset : List.of(Duration.ofSeconds(-30), Duration.ofSeconds(30))) {
      DoorId door = DoorId.of("json-clock" + offset.toSeconds());
      try (MqttLockSimulator skewed = MqttLockSimulator.builder(serverUri())
          .clock(java.time.Clock.offset(java.time.Clock.systemUTC(), offset)).build()) {
        SimulatedLock lock = skewed.addLock(org, door);
        awaitAvailability(door, LockAvailability.ONLINE);
        assertThat(controller.unlock(unlockCommand(door))).as("offset %s", offset)
            .isEqualTo(new DoorResponse.Refused(offset.isNegative() ? "not-yet-valid" : "expired"));
        assertThat(lock.executions()).isEmpty();
      }
    }
  }

  static byte[] key(int seed) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) seed);
    return k;
  }

  @Test
  @DisplayName("signed commands: the lock acts only on a valid signature, refusing unsigned, forged and replayed "
      + "commands; rotation keeps both keys valid")
  void signedCommands() throws Exception {
    DoorId door = DoorId.of("json-signed");
    CommandKeys old = CommandKeys.of("2026-01", key(1));
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson()).commandKeys(old.and("2026-02", key(2)));

    assertThat(controller.unlock(unlockCommand(door))).as("unsigned").isEqualTo(new DoorResponse.Refused("unsigned"));
    try (MqttDoorController forger = MqttDoorController.connect(settings()
            .commandKeys(org, door, CommandKeys.of("2026-01", key(9))).build());
        MqttDoorController before = MqttDoorController.connect(settings().commandKeys(org, door, old).build());
        MqttDoorController after = MqttDoorController.connect(settings()
            .commandKeys(org, door, CommandKeys.of("2026-02", key(2)).and("2026-01", key(1))).build());
        RawClient spy = new RawClient(serverUri()).subscribe("accesslink/" + org + "/doors/" + door + "/commands")) {
      assertThat(forger.unlock(unlockCommand(door))).isEqualTo(new DoorResponse.Refused("bad-signature"));
      assertThat(lock.executions()).isEmpty();

      DoorCommand first = unlockCommand(door);
      assertThat(before.unlock(first)).isEqualTo(new DoorResponse.Unlocked());
      assertThat(after.unlock(unlockCommand(door))).isEqualTo(new DoorResponse.Unlocked());
      assertThat(lock.executions()).hasSize(2);

      // Someone who captured the first command publishes it again, signature and all.
      RawClient.Received captured = spy.next(5);
      while (!new String(captured.message().getPayload(), StandardCharsets.UTF_8)
          .contains(first.commandId().toString())) {
        captured = spy.next(5);
      }
      String replies = "test-" + run + "/replay";
      spy.subscribe(replies);
      MqttProperties p = new MqttProperties();
      p.setResponseTopic(replies);
      spy.publish(captured.topic(), captured.message().getPayload(), false, p);
      RawClient.Received answer = spy.next(5);
      while (!answer.topic().equals(replies)) {
        answer = spy.next(5);
      }
      assertThat(Wire.parseReply(answer.message().getPayload()).orElseThrow().status()).isEqualTo("replayed");
      assertThat(lock.executions()).hasSize(2);
    }
  }

  @Test
  @DisplayName("a lock refuses a command that claims a longer life than it allows (out-of-window)")
  void outOfWindow() {
    DoorId door = DoorId.of("json-window");
    try (MqttLockSimulator strict = MqttLockSimulator.builder(serverUri())
        .maxCommandLifetime(Duration.ofSeconds(1)).build()) {
      SimulatedLock lock = strict.addLock(org, door);
      awaitAvailability(door, LockAvailability.ONLINE);
      DoorCommand c = command(org, door, Duration.ofSeconds(5), Duration.ofSeconds(10));
      assertThat(controller.unlock(c)).isEqualTo(new DoorResponse.Refused("out-of-window"));
      assertThat(lock.executions()).isEmpty();
    }
  }

  @Test
  @DisplayName("a lock remembers command ids only until they expire, so its memory stays bounded")
  void boundedMemory() {
    DoorId door = DoorId.of("json-bounded");
    try (MqttLockSimulator small = MqttLockSimulator.builder(serverUri()).rememberedCommands(3).build()) {
      SimulatedLock lock = small.addLock(org, door);
      awaitAvailability(door, LockAvailability.ONLINE);
      for (int i = 0; i < 3; i++) {
        assertThat(controller.unlock(command(org, door, Duration.ofSeconds(2), Duration.ofMillis(1500))))
            .isEqualTo(new DoorResponse.Unlocked());
      }
      assertThat(lock.rememberedCommandIds()).isEqualTo(3);
      assertThat(controller.unlock(unlockCommand(door))).as("full: refused rather than risk a replay")
          .isEqualTo(new DoorResponse.Refused("busy"));
      Instant expired = Instant.now().plusMillis(1600);
      await("the first commands' expiry", Duration.ofSeconds(5), () -> Instant.now().isAfter(expired));
      assertThat(controller.unlock(unlockCommand(door))).isEqualTo(new DoorResponse.Unlocked());
      assertThat(lock.rememberedCommandIds()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a command sent while the lock is offline is not executed when it comes back after expiry")
  void offlineLockComesBackAfterExpiry() {
    DoorId door = DoorId.of("json-late");
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson());
    lock.goOffline();
    awaitAvailability(door, LockAvailability.OFFLINE);
    // A controller that does not know the lock is offline, so the command really goes out
    // and the broker queues it in the lock's session.
    try (MqttDoorController blind = MqttDoorController.connect(settings().trackAvailability(false).build())) {
      DoorCommand c = command(org, door, Duration.ofSeconds(1), Duration.ofSeconds(1));
      assertThat(blind.unlock(c)).isEqualTo(new DoorResponse.Unreachable("timeout"));
      await("the command's expiry", Duration.ofSeconds(5),
          () -> Instant.now().isAfter(c.expiresAt().plusMillis(300)));
    }
    lock.goOnline();
    awaitAvailability(door, LockAvailability.ONLINE);
    DoorCommand fresh = unlockCommand(door);
    assertThat(controller.unlock(fresh)).isEqualTo(new DoorResponse.Unlocked());

    // The simulator handles commands in arrival order; anything queued came before `fresh`.
    assertThat(lock.executions()).extracting(SimulatedLock.Execution::commandId)
        .containsExactly(java.util.Optional.of(fresh.commandId()));
  }

  @Test
  @DisplayName("the lock itself refuses a command past its expires-at, even without broker expiry")
  void lockChecksExpiresAt() throws Exception {
    DoorId door = DoorId.of("json-lockcheck");
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson());
    lock.goOffline();
    try (RawClient raw = new RawClient(serverUri())) {
      String replies = "test-" + run + "/replies";
      raw.subscribe(replies);
      Instant now = Instant.now();
      DoorCommand c = new DoorCommand(UUID.randomUUID(), org, door, unlockCommand(door).link(),
          now, now.plusMillis(500), TIMEOUT);
      MqttProperties p = new MqttProperties(); // deliberately no message expiry
      p.setResponseTopic(replies);
      p.setCorrelationData(c.commandId().toString().getBytes(StandardCharsets.UTF_8));
      raw.publish("accesslink/" + org + "/doors/" + door + "/commands",
          Wire.command(c, LockProfile.accessLinkJson()), false, p);
      await("expires-at passed", Duration.ofSeconds(5), () -> Instant.now().isAfter(c.expiresAt()));

      lock.goOnline();
      RawClient.Received answer = raw.next(5);
      assertThat(Wire.parseReply(answer.message().getPayload())).hasValueSatisfying(r -> {
        assertThat(r.commandId()).contains(c.commandId());
        assertThat(r.status()).isEqualTo("expired");
      });
      assertThat(answer.message().isRetained()).isFalse();
    }
    assertThat(lock.executions()).isEmpty();
  }

  @Test
  @DisplayName("100 concurrent unlocks on 10 doors each get their own correct answer")
  void concurrentUnlocks() throws Exception {
    List<DoorId> doors = new ArrayList<>();
    Map<DoorId, SimulatedLock> locks = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      DoorId door = DoorId.of("c" + i);
      doors.add(door);
      LockBehaviour b = i < 6 ? LockBehaviour.OPENS : i < 8 ? LockBehaviour.REFUSES : LockBehaviour.JAMS;
      locks.put(door, lockOnline(door, LockProfile.accessLinkJson()).behaviour(b).latency(Duration.ofMillis(i * 7L)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      List<DoorCommand> commands = new ArrayList<>();
      List<CompletableFuture<DoorResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        DoorCommand c = command(org, doors.get(i % 10), Duration.ofSeconds(10), Duration.ofSeconds(20));
        commands.add(c);
        answers.add(CompletableFuture.supplyAsync(() -> controller.unlock(c), pool));
      }
      for (int i = 0; i < 100; i++) {
        DoorResponse expected = switch (locks.get(commands.get(i).door()).behaviour()) {
          case OPENS -> new DoorResponse.Unlocked();
          case REFUSES -> new DoorResponse.Refused("refused");
          default -> new DoorResponse.Refused("jammed");
        };
        assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).as("command %d", i).isEqualTo(expected);
      }
      for (DoorId door : doors) {
        Set<UUID> sent = new HashSet<>();
        commands.stream().filter(c -> c.door().equals(door)).forEach(c -> sent.add(c.commandId()));
        SimulatedLock lock = locks.get(door);
        Set<UUID> executed = new HashSet<>();
        lock.executions().forEach(e -> executed.add(e.commandId().orElseThrow()));
        assertThat(executed).isEqualTo(lock.behaviour() == LockBehaviour.OPENS ? sent : Set.of());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("the retained-message check finds a retained command (so the next test can fail)")
  void retainedCheckWorks() throws Exception {
    String probe = "accesslink/probe-" + run + "/doors/d/commands";
    try (RawClient raw = new RawClient(serverUri())) {
      raw.publish(probe, Wire.utf8("stale"), true, new MqttProperties());
      try {
        assertThat(RetainedCheck.retainedOn(serverUri(), "accesslink/probe-" + run + "/doors/+/commands"))
            .containsExactly(probe);
      } finally {
        raw.publish(probe, new byte[0], true, new MqttProperties()); // clears it
      }
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  @DisplayName("after all of the above, no retained message is left on any command topic")
  void noRetainedCommands() throws Exception {
    assertThat(RetainedCheck.retainedOn(serverUri(),
        "accesslink/" + org + "/doors/+/commands",
        ((LockProfile.HomeAssistant) ha).commandTopic(),
        ((LockProfile.HomeAssistant) haJammed).commandTopic(),
        "z2m-" + run + "/+/set",
        "esp-" + run + "/lock/+/command")).isEmpty();
  }
}
