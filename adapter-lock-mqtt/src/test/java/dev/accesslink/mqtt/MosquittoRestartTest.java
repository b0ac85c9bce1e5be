package dev.accesslink.mqtt;

import static dev.accesslink.mqtt.MqttTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import dev.accesslink.mqtt.simulator.SimulatedLock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sessions that survive a broker restart: a Mosquitto with persistence, which the test stops and
 * starts again between the publication of a command and its delivery to a lock that was offline.
 */
@DisplayName("a broker restart between publish and delivery: delivered within the command's expiry, or dropped")
class MosquittoRestartTest {
  final OrganizationId org = OrganizationId.of("acme");
  final DoorId door = DoorId.of("front");
  OwnMosquitto broker;
  MqttDoorController controller;
  MqttLockSimulator sim;
  SimulatedLock lock;
  RawClient spy;

  @BeforeEach
  void start() throws Exception {
    OwnMosquitto.assumeInstalled();
    var dir = OwnMosquitto.folder();
    broker = OwnMosquitto.start(dir, 1, ports -> String.join("\n",
        "allow_anonymous true",
        "persistence true",
        "persistence_location " + dir + "/",
        "log_dest stdout",
        "listener " + ports.get(0) + " 127.0.0.1"));
    // Blind to availability, so the command really goes out while the lock is away.
    controller = MqttDoorController.connect(MqttDoorSettings.builder(uri()).clientId("app-restart")
        .sessionExpiry(Duration.ofMinutes(1)).trackAvailability(false).maxReconnectDelay(Duration.ofSeconds(1))
        .build());
    sim = MqttLockSimulator.builder(uri()).sessionExpiry(Duration.ofMinutes(5)).build();
    lock = sim.addLock(org, door);
    lock.goOffline();
    spy = new RawClient(uri()).subscribe("accesslink/acme/doors/front/commands");
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {spy, controller, sim, broker}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // close the rest
      }
    }
  }

  String uri() {
    return "tcp://127.0.0.1:" + broker.port(0);
  }

  /** Waits until the broker has the command (the spy got it), then restarts the broker. */
  void restartAfterPublishOf(DoorCommand c) throws Exception {
    RawClient.Received seen = spy.next(5);
    assertThat(new String(seen.message().getPayload(), StandardCharsets.UTF_8)).contains(c.commandId().toString());
    broker.stop();
  }

  @Test
  @DisplayName("the lock comes back within the expiry: the queued command survives the restart, runs once, in time, "
      + "and its answer reaches the resumed controller")
  void deliveredWithinExpiry() throws Exception {
    DoorCommand c = MqttTesting.command(org, door, Duration.ofSeconds(12), Duration.ofSeconds(15));
    Instant lockExpiry = controller.lockExpiry(c, c.issuedAt());
    CompletableFuture<DoorResponse> answer = CompletableFuture.supplyAsync(() -> controller.unlock(c));
    restartAfterPublishOf(c);
    broker.startAgain();
    lock.goOnline();

    try {
      await("the queued command executed", Duration.ofSeconds(10), () -> !lock.executions().isEmpty());
    } catch (AssertionError e) {
      broker.stop();
      throw new AssertionError("received " + lock.receivedCount() + "\n" + broker.log(), e);
    }
    await("the controller back", Duration.ofSeconds(15), controller::isConnected);
    assertThat(answer.get(20, TimeUnit.SECONDS)).as(broker.log()).isEqualTo(new DoorResponse.Unlocked());
    assertThat(lock.executions()).singleElement().satisfies(e -> {
      assertThat(e.commandId()).contains(c.commandId());
      assertThat(e.at()).isBefore(lockExpiry);
    });
  }

  @Test
  @DisplayName("the lock comes back after the expiry: the command is dropped, never executed")
  void droppedAfterExpiry() throws Exception {
    DoorCommand c = MqttTesting.command(org, door, Duration.ofMillis(1500), Duration.ofMillis(1500));
    Instant lockExpiry = controller.lockExpiry(c, c.issuedAt());
    CompletableFuture<DoorResponse> answer = CompletableFuture.supplyAsync(() -> controller.unlock(c));
    restartAfterPublishOf(c);
    assertThat(answer.get(10, TimeUnit.SECONDS)).isInstanceOf(DoorResponse.Unreachable.class);
    await("the command's expiry and its message expiry", Duration.ofSeconds(10),
        () -> Instant.now().isAfter(lockExpiry.plusMillis(1200)));
    broker.startAgain();
    lock.goOnline();
    await("the controller back", Duration.ofSeconds(15), controller::isConnected);

    DoorCommand fresh = MqttTesting.command(org, door, Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(controller.unlock(fresh)).isEqualTo(new DoorResponse.Unlocked());
    // Commands are handled in arrival order: anything queued came before `fresh`.
    assertThat(lock.executions()).extracting(SimulatedLock.Execution::commandId)
        .containsExactly(Optional.of(fresh.commandId()));
  }
}
