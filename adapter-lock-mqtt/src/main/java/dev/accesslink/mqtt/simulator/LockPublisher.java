package dev.accesslink.mqtt.simulator;

import dev.accesslink.mqtt.internal.Publishing;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A simulated lock's outgoing messages. Never waits on the calling thread (it may be Paho's
 * callback thread): when the broker's in-flight window is full, or an answer is to be held back,
 * the work runs on the simulator's scheduler. Thread-safe.
 */
final class LockPublisher {
  private static final System.Logger LOG = System.getLogger(LockPublisher.class.getName());

  private final MqttAsyncClient client;
  private final ScheduledExecutorService executor;
  private final String door;

  LockPublisher(MqttAsyncClient client, ScheduledExecutorService executor, String door) {
    this.client = client;
    this.executor = executor;
    this.door = door;
  }

  /** Publishes after {@code delay} (at once when zero). */
  void publishAfter(Duration delay, String topic, MqttMessage message) {
    if (delay.isZero()) {
      publish(topic, message);
      return;
    }
    try {
      executor.schedule(() -> publish(topic, message), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.log(Level.DEBUG, "simulated lock {0} is closing; dropping an answer", door);
    }
  }

  /** Publishes now, or retries from the scheduler while the in-flight window is full. */
  void publish(String topic, MqttMessage message) {
    try {
      client.publish(topic, message);
    } catch (MqttException e) {
      if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
        LOG.log(Level.DEBUG, "simulated lock {0} could not answer: {1}", door, e.getMessage());
        return;
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      try {
        executor.execute(() -> publishWaiting(topic, message, deadline));
      } catch (RejectedExecutionException closing) {
        LOG.log(Level.DEBUG, "simulated lock {0} is closing; dropping an answer", door);
      }
    }
  }

  private void publishWaiting(String topic, MqttMessage message, long deadline) {
    try {
      if (!Publishing.publish(client, topic, message, deadline)) {
        LOG.log(Level.DEBUG, "simulated lock {0} could not answer in time", door);
      }
    } catch (MqttException e) {
      LOG.log(Level.DEBUG, "simulated lock {0} could not answer: {1}", door, e.getMessage());
    }
  }
}
