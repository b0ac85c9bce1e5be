package dev.accesslink.core.spec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a spec moves it. Thread-safe. (The testkit publishes the same
 * for adapters; core cannot depend on the testkit.)
 */
final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at {@code start}, in UTC. */
  static MutableClock at(Instant start) {
    return new MutableClock(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  /** Moves the clock forward (or back, with a negative duration). */
  MutableClock advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
    return this;
  }

  /** Sets the clock. */
  MutableClock set(Instant instant) {
    now.set(instant);
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new MutableClock(now, newZone);
  }
}
