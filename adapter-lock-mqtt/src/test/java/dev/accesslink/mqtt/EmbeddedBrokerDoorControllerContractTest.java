package dev.accesslink.mqtt;

/** The testkit's DoorController contract, through the in-process HiveMQ CE broker. */
class EmbeddedBrokerDoorControllerContractTest extends BrokerDoorControllerContract {
  @Override
  String brokerUri() {
    return EmbeddedBroker.get().uri();
  }
}
