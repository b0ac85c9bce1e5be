package dev.accesslink.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stats: percentiles by nearest rank")
class StatsTest {

  @Test
  @DisplayName("p50 and p99 of 1..100 are 50 and 99")
  void nearestRank() {
    Stats s = new Stats(100);
    for (long v = 100; v >= 1; v--) {
      s.add(v);
    }
    assertThat(s.percentile(50)).isEqualTo(50);
    assertThat(s.percentile(99)).isEqualTo(99);
    assertThat(s.percentile(100)).isEqualTo(100);
    assertThat(s.count()).isEqualTo(100);
  }

  @Test
  @DisplayName("one sample is every percentile; none is zero")
  void edges() {
    assertThat(Stats.of(7).percentile(1)).isEqualTo(7);
    assertThat(Stats.of(7).percentile(99)).isEqualTo(7);
    assertThat(new Stats(3).percentile(50)).isZero();
  }

  @Test
  @DisplayName("a summary from JMH keeps its percentiles and sample count")
  void summary() {
    Stats s = Stats.summary(1_500, 9_000, 1234).throughput(10.0, "1 thread");
    assertThat(s.p50Millis()).isEqualTo(0.0015);
    assertThat(s.p99Millis()).isEqualTo(0.009);
    assertThat(s.count()).isEqualTo(1234);
    assertThat(s.throughput()).isEqualTo(10.0);
  }
}
