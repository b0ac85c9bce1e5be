package dev.accesslink.benchmarks;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.mqtt.CommandKeys;
import dev.accesslink.mqtt.LockProfile;
import dev.accesslink.mqtt.internal.Wire;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: what signing adds to an unlock command — the library protocol's JSON command written
 * unsigned, written with its HMAC-SHA256 signature, and a signed command read and verified the way
 * a lock does. The unlock round trip is a few hundred microseconds; signing should be a few.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CommandSigningBenchmark {
  private final LockProfile.AccessLinkJson profile = LockProfile.accessLinkJson();
  private final CommandKeys keys;
  private final DoorCommand command;
  private final String commandId;
  private final byte[] signed;

  /** One command and one door key. */
  public CommandSigningBenchmark() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    keys = CommandKeys.of("k1", key);
    Instant now = Instant.now();
    command = new DoorCommand(UUID.randomUUID(), OrganizationId.of("acme"), DoorId.of("front"),
        AccessLinkId.generate(now, new SecureRandom()), now, now.plusSeconds(10), Duration.ofSeconds(5));
    commandId = command.commandId().toString();
    signed = Wire.command(commandId, command, profile, command.expiresAt(), Optional.of(keys));
  }

  /** The command as sent without a signature. */
  @Benchmark
  public byte[] unsigned() {
    return Wire.command(commandId, command, profile, command.expiresAt(), Optional.empty());
  }

  /** The command as sent with its signature. */
  @Benchmark
  public byte[] signed() {
    return Wire.command(commandId, command, profile, command.expiresAt(), Optional.of(keys));
  }

  /** The lock's side: parse the signed command and verify it. */
  @Benchmark
  public boolean verify() {
    return Wire.parseCommand(signed).orElseThrow().signedBy(keys);
  }
}
