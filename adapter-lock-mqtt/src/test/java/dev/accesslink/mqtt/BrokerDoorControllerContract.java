package dev.accesslink.mqtt;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.testkit.contract.DoorControllerContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The testkit's DoorController contract through one broker: a controller and simulated locks
 * (reachable, silent, refusing, ten for concurrency) on a fresh organization. A subclass per broker
 * names its URI.
 */
abstract class BrokerDoorControllerContract extends DoorControllerContract {
  private static final Map<String, ContractRig> RIGS = new HashMap<>();

  /** The broker to run the contract through; may skip (or fail) when the broker is absent. */
  abstract String brokerUri();

  private ContractRig rig() {
    String uri = brokerUri();
    synchronized (RIGS) {
      return RIGS.computeIfAbsent(uri, ContractRig::new);
    }
  }

  /** Starts the rig before a test, so its set-up never counts against a test's timeout. */
  @BeforeEach
  void startRig() {
    rig();
  }

  @AfterAll
  static void stopRigs() {
    synchronized (RIGS) {
      RIGS.values().forEach(ContractRig::close);
      RIGS.clear();
    }
  }

  @Override
  protected DoorController controller() {
    return rig().controller;
  }

  @Override
  protected OrganizationId organization() {
    return rig().organization;
  }

  @Override
  protected DoorId reachableDoor() {
    return rig().reachable;
  }

  @Override
  protected DoorId silentDoor() {
    return rig().silent;
  }

  @Override
  protected Optional<DoorId> refusingDoor() {
    return Optional.of(rig().refusing);
  }

  @Override
  protected Optional<DoorId> lateAnsweringDoor() {
    return Optional.of(rig().lateAnswering);
  }

  @Override
  protected List<DoorId> concurrentDoors() {
    return rig().concurrent;
  }
}
