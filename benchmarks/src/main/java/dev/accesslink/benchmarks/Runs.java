package dev.accesslink.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The verdict of a figure measured in several consecutive runs (three by default, {@code
 * -Dbench.runs=N}): every run's p50 and throughput ratios are printed, and the verdict uses their
 * medians, so that one disturbed run does not decide it.
 */
final class Runs {
  /** How many consecutive runs each verdict takes. */
  static final int COUNT = Math.max(1, Integer.getInteger("bench.runs", 3));

  private final String label;
  private final List<Double> p50 = new ArrayList<>();
  private final List<Double> throughput = new ArrayList<>();

  Runs(String label) {
    this.label = label;
  }

  /** Records one run: the library's p50 over its floor's, and its throughput over the floor's (NaN if none). */
  void add(double p50Ratio, double throughputRatio) {
    p50.add(p50Ratio);
    throughput.add(throughputRatio);
    SuitePart.log("  " + label + " run " + p50.size() + ":"
        + (Double.isNaN(p50Ratio) ? "" : " p50 " + Report.x(p50Ratio))
        + (Double.isNaN(throughputRatio) ? "" : " throughput " + Report.x(throughputRatio)));
  }

  /** Records one run from the two paths' statistics (throughput NaN if either was not measured). */
  void add(Stats library, Stats floor) {
    add(library.p50Millis() / floor.p50Millis(), library.throughput() / floor.throughput());
  }

  double medianP50() {
    return median(p50);
  }

  double medianThroughput() {
    return median(throughput);
  }

  /** The index of the run whose p50 ratio is the median: its rows are the ones shown in the table. */
  int medianRun() {
    List<Double> by = hasP50() ? p50 : throughput;
    double m = median(by);
    for (int i = 0; i < by.size(); i++) {
      if (by.get(i) == m) {
        return i;
      }
    }
    return 0;
  }

  /** One line for the report: every run's ratios, then the medians. */
  String line() {
    StringBuilder b = new StringBuilder(label).append(", ").append(p50.size()).append(" consecutive runs:");
    boolean hasThroughput = throughput.stream().noneMatch(d -> Double.isNaN(d));
    if (hasP50()) {
      b.append(" p50 ").append(String.join(" / ", p50.stream().map(Report::x).toList()));
    }
    if (hasThroughput) {
      b.append(hasP50() ? ";" : "").append(" throughput ")
          .append(String.join(" / ", throughput.stream().map(Report::x).toList()));
    }
    b.append(" → median");
    if (hasP50()) {
      b.append(" p50 ").append(Report.x(medianP50()));
    }
    if (hasThroughput) {
      b.append(hasP50() ? "," : "").append(" throughput ").append(Report.x(medianThroughput()));
    }
    return b.toString();
  }

  private boolean hasP50() {
    return p50.stream().noneMatch(d -> Double.isNaN(d));
  }

  /**
   * The verdict on the medians: p50 at most {@code p50Target} and, unless NaN, throughput at least
   * {@code throughputTarget}.
   */
  String verdict(double p50Target, double throughputTarget) {
    boolean p50Met = medianP50() <= p50Target;
    if (Double.isNaN(throughputTarget)) {
      return "target ≤ " + Report.x(p50Target) + " (median p50): " + (p50Met ? "met" : "missed");
    }
    boolean tpMet = medianThroughput() >= throughputTarget;
    return "targets p50 ≤ " + Report.x(p50Target) + ": " + (p50Met ? "met" : "missed") + "; throughput ≥ "
        + Report.x(throughputTarget) + ": " + (tpMet ? "met" : "missed") + " (medians of " + p50.size() + " runs)";
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
