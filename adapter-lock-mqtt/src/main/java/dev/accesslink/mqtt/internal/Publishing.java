package dev.accesslink.mqtt.internal;

import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishing under the broker's receive maximum: Paho refuses a QoS 1 publish while that many are
 * unacknowledged instead of queueing it, so a burst of unlocks waits briefly for a PUBACK.
 */
public final class Publishing {
  private Publishing() {}

  /**
   * Publishes, retrying while the in-flight window is full, until {@code deadlineNanos}.
   *
   * @return false if the deadline passed before the message could be handed to the client
   */
  public static boolean publish(MqttAsyncClient client, String topic, MqttMessage message, long deadlineNanos)
      throws MqttException {
    while (true) {
      try {
        client.publish(topic, message);
        return true;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
          throw e;
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
          return false;
        }
        LockSupport.parkNanos(1_000_000L);
        if (Thread.currentThread().isInterrupted()) {
          return false;
        }
      }
    }
  }
}
