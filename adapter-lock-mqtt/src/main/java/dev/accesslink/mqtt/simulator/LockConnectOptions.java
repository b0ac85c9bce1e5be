package dev.accesslink.mqtt.simulator;

import dev.accesslink.mqtt.internal.Binding;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * How a {@link SimulatedLock} connects: the simulator's session expiry, socket factory and
 * credentials, automatic reconnect, and its last will ({@code offline}, retained) like a real
 * device's.
 */
final class LockConnectOptions {
  private LockConnectOptions() {}

  static MqttConnectionOptions of(MqttLockSimulator simulator, Binding binding, boolean cleanStart) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(cleanStart);
    o.setSessionExpiryInterval(simulator.sessionExpiry().toSeconds());
    o.setKeepAliveInterval(10);
    o.setConnectionTimeout(5);
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, 2);
    o.setSocketFactory(simulator.socketFactory());
    simulator.credentials().ifPresent(c -> {
      o.setUserName(c.username());
      o.setPassword(c.password().getBytes(StandardCharsets.UTF_8));
    });
    o.setWill(binding.availabilityTopic,
        new MqttMessage(DeviceSide.availabilityPayload(binding, false), 1, true, new MqttProperties()));
    return o;
  }
}
