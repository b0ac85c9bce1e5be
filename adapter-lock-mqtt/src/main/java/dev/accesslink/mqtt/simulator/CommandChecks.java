package dev.accesslink.mqtt.simulator;

import dev.accesslink.mqtt.CommandKeys;
import dev.accesslink.mqtt.internal.Wire;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * What lock firmware should check before it acts on a command of the library's protocol, in this
 * order: the signature (when the lock holds keys), the validity window by the lock's own clock
 * ({@code not-yet-valid}, {@code expired}, {@code out-of-window}), the deadline the broker's
 * message expiry gives (independent of the lock's clock), and replays. A command id is acted on at
 * most once: a redelivery (MQTT DUP flag) gets the first answer again, any other repeat is {@code
 * replayed}. Ids are remembered until their command expires, and at most {@code capacity} at once
 * ({@code busy} beyond that), so memory stays bounded. Thread-safe.
 */
final class CommandChecks {
  private record Answer(String status, Instant keepUntil) {}

  private record Remembered(UUID id, Instant keepUntil) {}

  private final Clock clock;
  private final Duration skew;
  private final Duration maxLifetime;
  private final int capacity;
  private final Map<UUID, Answer> answered = new ConcurrentHashMap<>();
  /** The remembered ids in the order they were answered, to forget expired ones from the oldest on. */
  private final Queue<Remembered> order = new ConcurrentLinkedQueue<>();
  private volatile Optional<CommandKeys> keys = Optional.empty();

  CommandChecks(Clock clock, Duration skew, Duration maxLifetime, int capacity) {
    this.clock = clock;
    this.skew = skew;
    this.maxLifetime = maxLifetime;
    this.capacity = capacity;
  }

  void keys(Optional<CommandKeys> value) {
    this.keys = value;
  }

  /** How many command ids are remembered now. */
  int remembered() {
    return answered.size();
  }

  /**
   * The status to answer {@code c} with; {@code act} runs (once per command id) only when every
   * check passed and returns the lock's own answer.
   *
   * @param duplicate whether the broker flagged the message as a redelivery
   * @param deadline when the broker's message expiry ends, by this lock's clock (if it set one)
   */
  String check(Wire.Command c, boolean duplicate, Optional<Instant> deadline, Supplier<String> act) {
    Optional<CommandKeys> k = keys;
    if (k.isPresent()) {
      if (c.signature().isEmpty()) {
        return "unsigned";
      }
      if (!c.signedBy(k.get())) {
        return "bad-signature";
      }
    }
    Instant now = clock.instant();
    if (c.issuedAt().isAfter(now.plus(skew))) {
      return "not-yet-valid";
    }
    if (!now.isBefore(c.expiresAt()) || deadline.map(d -> !now.isBefore(d)).orElse(false)) {
      return "expired";
    }
    if (Duration.between(c.issuedAt(), c.expiresAt()).compareTo(maxLifetime) > 0) {
      return "out-of-window";
    }
    Answer prior = answered.get(c.commandId());
    if (prior != null) {
      return duplicate ? prior.status() : "replayed";
    }
    // an expired id is refused anyway: forget the oldest ones while they have expired (commands
    // mostly expire in the order they came), and every expired one only when memory is full
    for (Remembered oldest = order.peek(); oldest != null && oldest.keepUntil().isBefore(now);
        oldest = order.peek()) {
      if (order.remove(oldest)) {
        answered.remove(oldest.id());
      }
    }
    if (answered.size() >= capacity) {
      answered.values().removeIf(a -> a.keepUntil().isBefore(now));
      order.removeIf(r -> !answered.containsKey(r.id()));
      if (answered.size() >= capacity) {
        return "busy";
      }
    }
    boolean[] fresh = {false};
    Answer a = answered.computeIfAbsent(c.commandId(), id -> {
      fresh[0] = true;
      return new Answer(act.get(), c.expiresAt());
    });
    if (fresh[0]) {
      order.add(new Remembered(c.commandId(), c.expiresAt()));
    }
    return fresh[0] || duplicate ? a.status() : "replayed";
  }
}
