package dev.accesslink.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WarmUp: untimed rounds until the JIT is quiet, capped")
class WarmUpTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicLong compiled = new AtomicLong();
  private final List<Integer> indexes = new ArrayList<>();

  /** A round of 10 s of wall time that compiles {@code millis[i]} ms in round i and gives throughput 100 × (i + 1). */
  private WarmUp.Round rounds(long... millis) {
    return index -> {
      indexes.add(index);
      compiled.addAndGet(millis[Math.min(index, millis.length - 1)]);
      nanos.addAndGet(Duration.ofSeconds(10).toNanos());
      return new double[] {100.0 * (index + 1), 50};
    };
  }

  @Test
  @DisplayName("stops at the first round whose compilation is at most 10 % of it, rotating the first path")
  void stopsWhenQuiet() throws Exception {
    WarmUp w = WarmUp.untilQuiet(rounds(4_000, 2_000, 1_200, 900, 0), compiled::get, nanos::get, Duration.ofSeconds(90));
    assertThat(w.rounds()).isEqualTo(4);
    assertThat(indexes).containsExactly(0, 1, 2, 3);
    assertThat(w.quiet()).isTrue();
    assertThat(w.lastCompileShare()).isEqualTo(0.09);
    assertThat(w.seconds()).isEqualTo(40.0);
    assertThat(w.first()).containsExactly(100.0, 50.0);
    assertThat(w.last()).containsExactly(400.0, 50.0);
    assertThat(w.line("requests/s", "library", null))
        .isEqualTo("warm-up (untimed, before run 1): 4 rounds, 40 s, until the JIT was quiet (compilation 9.0 % of the"
            + " last round); requests/s in its first → last round: library 100 → 400");
  }

  @Test
  @DisplayName("gives up at its cap with the JIT still compiling, and says so")
  void cappedWhileCompiling() throws Exception {
    WarmUp w = WarmUp.untilQuiet(rounds(3_000), compiled::get, nanos::get, Duration.ofSeconds(25));
    assertThat(w.rounds()).isEqualTo(3);
    assertThat(w.quiet()).isFalse();
    assertThat(w.line("ops/s", "a", "b")).contains("until its cap of 25 s, the JIT still compiling (compilation 30.0 %")
        .endsWith("a 100 → 300; b 50.0 → 50.0");
  }

  @Test
  @DisplayName("one round is enough when the JIT is already quiet")
  void oneRound() throws Exception {
    WarmUp w = WarmUp.untilQuiet(rounds(0), compiled::get, nanos::get, Duration.ofSeconds(90));
    assertThat(w.rounds()).isEqualTo(1);
    assertThat(w.line("ops/s", "a")).startsWith("warm-up (untimed, before run 1): 1 round, 10 s,");
  }
}
