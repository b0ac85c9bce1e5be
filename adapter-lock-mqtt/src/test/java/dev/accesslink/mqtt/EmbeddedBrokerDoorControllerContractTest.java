package dev.accesslink.mqtt;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.testkit.contract.DoorControllerContract;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The testkit's DoorController contract, through the in-process HiveMQ CE broker. */
class EmbeddedBrokerDoorControllerContractTest extends DoorControllerContract {
  private static ContractRig rig;

  @BeforeAll
  static void start() {
    rig = new ContractRig(EmbeddedBroker.get().uri());
  }

  @AfterAll
  static void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Override
  protected DoorController controller() {
    return rig.controller;
  }

  @Override
  protected OrganizationId organization() {
    return rig.organization;
  }

  @Override
  protected DoorId reachableDoor() {
    return rig.reachable;
  }

  @Override
  protected DoorId silentDoor() {
    return rig.silent;
  }

  @Override
  protected Optional<DoorId> refusingDoor() {
    return Optional.of(rig.refusing);
  }

  @Override
  protected List<DoorId> concurrentDoors() {
    return rig.concurrent;
  }
}
