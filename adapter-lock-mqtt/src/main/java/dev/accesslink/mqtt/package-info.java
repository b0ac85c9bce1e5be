/**
 * Door control over MQTT v5 (Eclipse Paho): {@link dev.accesslink.mqtt.MqttDoorController} sends
 * unlock commands to locks, configured by {@link dev.accesslink.mqtt.MqttDoorSettings}, and
 * {@link dev.accesslink.mqtt.MqttLockSimulator} plays the locks' side for tests and demos.
 *
 * <p>The wire protocol and the lock profiles are described in {@code docs/door-control-mqtt.md}.
 */
@NullMarked
package dev.accesslink.mqtt;

import org.jspecify.annotations.NullMarked;
