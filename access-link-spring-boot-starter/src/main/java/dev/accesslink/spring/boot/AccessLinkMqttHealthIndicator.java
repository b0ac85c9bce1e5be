package dev.accesslink.spring.boot;

import dev.accesslink.mqtt.MqttDoorController;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP while the MQTT door controller is connected to its broker and subscribed (so unlocks can get
 * their answers), DOWN while it is not (it reconnects by itself; unlocks meanwhile are answered as
 * door unreachable). Detail: {@code clientId}; never the broker's credentials. Costs nothing: it
 * reads the controller's state. Thread-safe.
 */
public final class AccessLinkMqttHealthIndicator extends AbstractHealthIndicator {
  private final MqttDoorController controller;

  /** An indicator of {@code controller}'s connection. */
  public AccessLinkMqttHealthIndicator(MqttDoorController controller) {
    super("Access Links MQTT check failed");
    this.controller = Objects.requireNonNull(controller, "controller");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    (controller.isConnected() ? builder.up() : builder.down())
        .withDetail("clientId", controller.settings().clientId());
  }
}
