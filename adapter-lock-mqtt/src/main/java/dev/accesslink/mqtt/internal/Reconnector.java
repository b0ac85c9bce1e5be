package dev.accesslink.mqtt.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A safety net under Paho's automatic reconnect. Paho v5 (1.2.5) starts its reconnect cycle only
 * when the connection was lost with an exception: when the broker closes the connection with a
 * DISCONNECT packet (as HiveMQ and Mosquitto do when they shut down), it never reconnects. After
 * every disconnect this checks, with growing delays, that the client is connected or connecting,
 * and calls {@link MqttAsyncClient#reconnect()} otherwise (which restarts Paho's own cycle).
 */
public final class Reconnector {
  private static final System.Logger LOG = System.getLogger(Reconnector.class.getName());

  private final MqttAsyncClient client;
  private final ScheduledExecutorService scheduler;
  private final Duration maxDelay;
  private final BooleanSupplier wanted;

  /**
   * @param wanted whether the connection should be up (false once closed or deliberately offline)
   */
  public Reconnector(MqttAsyncClient client, ScheduledExecutorService scheduler, Duration maxDelay, BooleanSupplier wanted) {
    this.client = client;
    this.scheduler = scheduler;
    this.maxDelay = maxDelay;
    this.wanted = wanted;
  }

  /** Call from {@code disconnected}: returns at once. */
  public void connectionLost() {
    schedule(Duration.ofSeconds(1));
  }

  private void schedule(Duration delay) {
    try {
      scheduler.schedule(() -> check(delay), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down
    }
  }

  private void check(Duration delay) {
    if (!wanted.getAsBoolean() || client.isConnected()) {
      return;
    }
    try {
      client.reconnect();
    } catch (MqttException e) {
      LOG.log(Level.DEBUG, "reconnect of {0}: {1}", client.getClientId(), e.getMessage());
    }
    Duration next = delay.multipliedBy(2);
    schedule(next.compareTo(maxDelay) > 0 ? maxDelay : next);
  }
}
