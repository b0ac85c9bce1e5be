package dev.accesslink.mqtt;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/** Fixtures and waiting helpers for the MQTT tests. */
final class MqttTesting {
  private MqttTesting() {}

  /** A short id unique to this run, so parallel runs on the shared Mosquitto never collide. */
  static String runId() {
    return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }

  static DoorCommand command(OrganizationId org, DoorId door, Duration timeout, Duration lifetime) {
    Instant now = Instant.now();
    return new DoorCommand(UUID.randomUUID(), org, door,
        AccessLinkId.generate(now, ThreadLocalRandom.current()), now, now.plus(lifetime), timeout);
  }

  static DoorCommand command(OrganizationId org, DoorId door) {
    return command(org, door, Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  /** Polls {@code condition} every 10 ms until it holds; fails after {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what, e);
      }
    }
  }
}
