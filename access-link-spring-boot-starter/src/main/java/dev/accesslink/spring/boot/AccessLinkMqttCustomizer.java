package dev.accesslink.spring.boot;

import dev.accesslink.mqtt.MqttDoorSettings;

/**
 * Changes the MQTT door controller's settings after the starter has applied the {@code
 * accesslink.mqtt.*} properties: lock profiles per door (Home Assistant, Zigbee2MQTT, ESPHome), a
 * TLS context of your own, a late-answer listener. Define beans of this type; they run in their
 * {@code @Order}.
 */
@FunctionalInterface
public interface AccessLinkMqttCustomizer {

  /** Changes {@code settings}; called once, before the controller connects. */
  void customize(MqttDoorSettings.Builder settings);
}
