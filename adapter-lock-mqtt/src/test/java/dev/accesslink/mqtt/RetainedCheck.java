package dev.accesslink.mqtt;

import dev.accesslink.mqtt.internal.Wire;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Finds retained messages under some filters. */
final class RetainedCheck {
  private RetainedCheck() {}

  /**
   * The topics with a retained message matching {@code filters}. Subscribes, then publishes a
   * non-retained marker to a topic it also subscribed to: the broker sends retained messages when
   * the subscription is made, so they arrive before the marker.
   */
  static List<String> retainedOn(String uri, String... filters) throws Exception {
    String marker = "accesslink-marker/" + MqttTesting.runId();
    String[] all = new String[filters.length + 1];
    System.arraycopy(filters, 0, all, 0, filters.length);
    all[filters.length] = marker;
    List<String> retained = new ArrayList<>();
    try (RawClient raw = new RawClient(uri)) {
      raw.subscribe(all);
      raw.publish(marker, Wire.utf8("marker"), false, new MqttProperties());
      while (true) {
        RawClient.Received r = raw.next(5);
        if (r.topic().equals(marker)) {
          return retained;
        }
        if (r.message().isRetained() && r.message().getPayload().length > 0) {
          retained.add(r.topic());
        }
      }
    }
  }
}
