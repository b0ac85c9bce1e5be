/**
 * The device side, for tests, demos and checking a broker set-up before real locks arrive:
 * {@link dev.accesslink.mqtt.simulator.MqttLockSimulator} plays locks that speak every profile of
 * {@link dev.accesslink.mqtt.LockProfile}, with configurable latency, jams, refusals, silence,
 * offline periods and signature checking. Not meant for production code paths.
 */
@NullMarked
package dev.accesslink.mqtt.simulator;

import org.jspecify.annotations.NullMarked;
