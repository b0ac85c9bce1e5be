package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The guess throttle")
class GuessThrottleTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final ManualClock clock = new ManualClock();
  final GuessThrottle throttle = new GuessThrottle(new GuessThrottle.Settings(3, Duration.ofSeconds(10), 2), clock);

  @Test
  @DisplayName("lets a burst through, then asks to wait until a token is back, per address")
  void burstThenWait() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.failed("10.0.0.1")).isEmpty();
    }
    assertThat(throttle.failed("10.0.0.1")).hasValue(10);
    assertThat(throttle.failed("10.0.0.2")).isEmpty();
    clock.now = clock.now.plusSeconds(4);
    assertThat(throttle.failed("10.0.0.1")).hasValue(6);
    clock.now = clock.now.plusSeconds(6);
    assertThat(throttle.failed("10.0.0.1")).isEmpty();
    assertThat(throttle.unknownSecretAttempts()).isEqualTo(7);
    assertThat(throttle.throttledRequests()).isEqualTo(2);
  }

  @Test
  @DisplayName("remembers a bounded number of addresses: full buckets are forgotten, then new ones share one")
  void bounded() {
    throttle.failed("a");
    throttle.failed("b");
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.failed("c" + i)).isEmpty(); // a and b are not full yet: c0..c2 share one bucket
    }
    assertThat(throttle.failed("c9")).isPresent();
    clock.now = clock.now.plusSeconds(60); // every bucket is full again and may be forgotten
    assertThat(throttle.failed("d")).isEmpty();
  }
}
