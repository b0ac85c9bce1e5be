package dev.accesslink.mqtt;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.mqtt.simulator.LockBehaviour;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A controller and simulated locks for the testkit's DoorController contract, on one broker. */
final class ContractRig implements AutoCloseable {
  final OrganizationId organization = OrganizationId.of("contract-" + MqttTesting.runId());
  final DoorId reachable = DoorId.of("reachable");
  final DoorId silent = DoorId.of("silent");
  final DoorId refusing = DoorId.of("refusing");
  final DoorId lateAnswering = DoorId.of("late-answering");
  final List<DoorId> concurrent = new ArrayList<>();
  final MqttLockSimulator simulator;
  final MqttDoorController controller;

  ContractRig(String uri) {
    simulator = MqttLockSimulator.builder(uri).sessionExpiry(Duration.ofSeconds(30)).build();
    simulator.addLock(organization, reachable);
    simulator.addLock(organization, silent).behaviour(LockBehaviour.SILENT);
    simulator.addLock(organization, refusing).behaviour(LockBehaviour.JAMS);
    // acts at once, answers a second after the contract's 2 s wait
    simulator.addLock(organization, lateAnswering).answerDelay(Duration.ofSeconds(3));
    for (int i = 0; i < 4; i++) {
      DoorId door = DoorId.of("concurrent-" + i);
      simulator.addLock(organization, door).latency(Duration.ofMillis(10L * i));
      concurrent.add(door);
    }
    controller = MqttDoorController.connect(MqttDoorSettings.builder(uri).build());
  }

  @Override
  public void close() {
    controller.close();
    simulator.close();
  }
}
