package dev.accesslink.mqtt;

import dev.accesslink.testsupport.ExternalServices;
import org.junit.jupiter.api.DisplayName;

@DisplayName("door control through the system Mosquitto (127.0.0.1:1883)")
class MosquittoDoorControlTest extends MqttDoorControlSuite {
  static final String URI = "tcp://127.0.0.1:1883";

  @Override
  String serverUri() {
    ExternalServices.assumeTcp("Mosquitto", "127.0.0.1", 1883,
        "apt-get install mosquitto; mosquitto -d (set_tcp_nodelay true in mosquitto.conf)");
    return URI;
  }
}
