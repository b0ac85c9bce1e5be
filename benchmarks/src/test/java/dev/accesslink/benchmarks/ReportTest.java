package dev.accesslink.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Report: the markdown of docs/performance.md")
class ReportTest {

  @Test
  @DisplayName("a figure renders its rows, ratios, verdict and notes")
  void rendersFigure() {
    Report r = new Report();
    r.header.add("# Performance");
    Report.Figure f = new Report.Figure("1. Create", "what it measures");
    f.row("library", Stats.of(2_000_000, 4_000_000).throughput(500, "8 threads"));
    f.row("floor", Stats.of(1_000_000));
    f.ratio("ratio 2.00×");
    f.verdict = "target ≤ 1.30× (p50): missed";
    f.note("why");
    r.figures.add(f);
    String md = r.render();
    assertThat(md).contains("## 1. Create", "what it measures",
        "| library | 2 | 2.00 | 4.00 | 500 (8 threads) |", "| floor | 1 | 1.00 | 1.00 | – |",
        "- ratio 2.00×", "- **target ≤ 1.30× (p50): missed**", "why");
  }

  @Test
  @DisplayName("numbers are formatted for people")
  void formats() {
    assertThat(Report.ms(123.4)).isEqualTo("123");
    assertThat(Report.ms(12.34)).isEqualTo("12.3");
    assertThat(Report.ms(1.234)).isEqualTo("1.23");
    assertThat(Report.ms(0.0042)).isEqualTo("0.0042");
    assertThat(Report.x(1.3)).isEqualTo("1.30×");
    assertThat(Report.ops(12345.6)).isEqualTo("12,346");
    assertThat(Report.ops(Double.NaN)).isEqualTo("–");
  }
}
