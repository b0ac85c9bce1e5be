package dev.accesslink.mqtt;

import dev.accesslink.testsupport.ExternalServices;

/**
 * The testkit's DoorController contract, through the system Mosquitto at 127.0.0.1:1883 (skipped
 * when absent, unless ACCESSLINK_SERVICES=required).
 */
class MosquittoDoorControllerContractTest extends BrokerDoorControllerContract {
  @Override
  String brokerUri() {
    ExternalServices.assumeTcp("Mosquitto", "127.0.0.1", 1883, "apt-get install mosquitto; mosquitto -d");
    return MosquittoDoorControlTest.URI;
  }
}
