package dev.accesslink.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.mqtt.simulator.SimulatedLock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

@DisplayName("door control through an in-process HiveMQ CE broker")
class EmbeddedBrokerDoorControlTest extends MqttDoorControlSuite {

  @Override
  String serverUri() {
    return EmbeddedBroker.get().uri();
  }

  @Test
  @Order(Integer.MAX_VALUE - 1) // last but the retained check: it drops every connection
  @DisplayName("after a broker restart the controller reconnects, subscribes again and the next unlock works")
  void brokerRestart() {
    DoorId door = DoorId.of("json-restart");
    SimulatedLock lock = lockOnline(door, LockProfile.accessLinkJson());
    assertThat(controller.unlock(unlockCommand(door))).isEqualTo(new DoorResponse.Unlocked());

    EmbeddedBroker.get().restart();

    MqttTesting.await("controller and lock back", Duration.ofSeconds(20),
        () -> controller.isConnected() && lock.isOnline()
            && controller.availability(org, door) == LockAvailability.ONLINE);
    assertThat(controller.unlock(unlockCommand(door))).isEqualTo(new DoorResponse.Unlocked());
    assertThat(lock.executions()).hasSize(2);
  }
}
