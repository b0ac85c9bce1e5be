package dev.accesslink.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects the suite's figures and renders {@code docs/performance.md}. */
final class Report {
  /** One measured path of a figure. */
  record Row(String path, Stats stats) {}

  /** One figure: rows side by side, the ratio, the target and what it means. */
  static final class Figure {
    final String title;
    final String what;
    final List<Row> rows = new ArrayList<>();
    final List<String> ratios = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    String verdict = "";

    Figure(String title, String what) {
      this.title = title;
      this.what = what;
    }

    Figure row(String path, Stats stats) {
      rows.add(new Row(path, stats));
      return this;
    }

    Figure ratio(String line) {
      ratios.add(line);
      return this;
    }

    Figure note(String line) {
      notes.add(line);
      return this;
    }
  }

  final List<String> header = new ArrayList<>();
  final List<Figure> figures = new ArrayList<>();
  final List<String> tail = new ArrayList<>();

  static String ms(double millis) {
    if (millis >= 100) {
      return String.format(Locale.ROOT, "%.0f", millis);
    }
    if (millis < 0.1) {
      return String.format(Locale.ROOT, "%.4f", millis);
    }
    if (millis >= 10) {
      return String.format(Locale.ROOT, "%.1f", millis);
    }
    return String.format(Locale.ROOT, "%.2f", millis);
  }

  static String x(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  static String ops(double opsPerSecond) {
    if (Double.isNaN(opsPerSecond)) {
      return "–";
    }
    return opsPerSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", opsPerSecond)
        : String.format(Locale.ROOT, "%.1f", opsPerSecond);
  }

  String render() {
    StringBuilder b = new StringBuilder();
    header.forEach(l -> b.append(l).append('\n'));
    for (Figure f : figures) {
      b.append("\n## ").append(f.title).append("\n\n").append(f.what).append("\n\n");
      if (!f.rows.isEmpty()) {
        b.append("| path | n | p50 ms | p99 ms | throughput ops/s |\n|---|---:|---:|---:|---:|\n");
      }
      for (Row r : f.rows) {
        Stats s = r.stats();
        b.append("| ").append(r.path()).append(" | ").append(String.format(Locale.ROOT, "%,d", s.count())).append(" | ")
            .append(s.count() == 0 ? "–" : ms(s.p50Millis())).append(" | ")
            .append(s.count() == 0 ? "–" : ms(s.p99Millis())).append(" | ")
            .append(ops(s.throughput()))
            .append(s.throughputNote().isEmpty() ? "" : " (" + s.throughputNote() + ")")
            .append(" |\n");
      }
      b.append('\n');
      f.ratios.forEach(l -> b.append("- ").append(l).append('\n'));
      if (!f.verdict.isEmpty()) {
        b.append("- **").append(f.verdict).append("**\n");
      }
      if (!f.notes.isEmpty()) {
        b.append('\n');
        f.notes.forEach(l -> b.append(l).append("\n\n"));
      }
    }
    b.append('\n');
    tail.forEach(l -> b.append(l).append('\n'));
    return b.toString();
  }
}
