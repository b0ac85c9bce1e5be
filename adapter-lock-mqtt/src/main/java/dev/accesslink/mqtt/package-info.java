/**
 * Door control over MQTT v5 (Eclipse Paho), the adapter's API: {@link
 * dev.accesslink.mqtt.MqttDoorController} sends unlock commands to locks, configured by {@link
 * dev.accesslink.mqtt.MqttDoorSettings} (TLS from PEM files with {@link dev.accesslink.mqtt.MqttTls},
 * per-door signing keys as {@link dev.accesslink.mqtt.CommandKeys}), and fails to connect with a
 * typed {@link dev.accesslink.mqtt.MqttConnectionException}.
 *
 * <p>Not API: {@code dev.accesslink.mqtt.internal} (shared plumbing, may change in any release).
 * The lock simulator for tests and demos lives in {@code dev.accesslink.mqtt.simulator}.
 *
 * <p>The wire protocol, the lock profiles and the broker set-up are described in {@code
 * docs/door-control-mqtt.md}.
 */
@NullMarked
package dev.accesslink.mqtt;

import org.jspecify.annotations.NullMarked;
