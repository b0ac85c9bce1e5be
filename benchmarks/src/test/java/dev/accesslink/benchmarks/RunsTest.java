package dev.accesslink.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Runs: a verdict on the median of consecutive runs, every run printed")
class RunsTest {

  @Test
  @DisplayName("the medians decide; the table comes from the run whose p50 ratio is the median")
  void medians() {
    Runs runs = new Runs("library / floor");
    runs.add(1.40, 0.90);
    runs.add(1.10, 1.00);
    runs.add(1.20, 0.80);
    assertThat(runs.medianP50()).isEqualTo(1.20);
    assertThat(runs.medianThroughput()).isEqualTo(0.90);
    assertThat(runs.medianRun()).isEqualTo(2);
    assertThat(runs.line()).isEqualTo("library / floor, 3 consecutive runs: p50 1.40× / 1.10× / 1.20×;"
        + " throughput 0.90× / 1.00× / 0.80× → median p50 1.20×, throughput 0.90×");
    assertThat(runs.verdict(1.15, 0.95)).isEqualTo(
        "targets p50 ≤ 1.15×: missed; throughput ≥ 0.95×: missed (medians of 3 runs)");
    assertThat(runs.verdict(1.30, Double.NaN)).isEqualTo("target ≤ 1.30× (median p50): met");
  }

  @Test
  @DisplayName("throughput-only runs print no p50 and pick the median run by throughput")
  void throughputOnly() {
    Runs runs = new Runs("one instance / bare loop");
    runs.add(Double.NaN, 0.7);
    runs.add(Double.NaN, 0.9);
    runs.add(Double.NaN, 0.8);
    assertThat(runs.medianRun()).isEqualTo(2);
    assertThat(runs.line()).isEqualTo(
        "one instance / bare loop, 3 consecutive runs: throughput 0.70× / 0.90× / 0.80× → median throughput 0.80×");
  }

  @Test
  @DisplayName("an even number of runs takes the mean of the middle two")
  void even() {
    assertThat(Runs.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
  }
}
