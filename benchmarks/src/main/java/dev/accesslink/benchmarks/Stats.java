package dev.accesslink.benchmarks;

import java.util.Arrays;

/**
 * Latencies of one measured path: percentiles by the nearest-rank method, and the throughput that
 * was measured for it (single-threaded closed loop unless set otherwise).
 */
final class Stats {
  private final long[] nanos;
  private int size;
  private double throughput = Double.NaN;
  private String throughputNote = "";
  private long summaryP50 = -1;
  private long summaryP99 = -1;
  private long summaryCount;

  Stats(int capacity) {
    this.nanos = new long[Math.max(1, capacity)];
  }

  static Stats of(long... values) {
    Stats s = new Stats(values.length);
    for (long v : values) {
      s.add(v);
    }
    return s;
  }

  /** Percentiles computed elsewhere (JMH), in nanoseconds, over {@code count} samples. */
  static Stats summary(long p50Nanos, long p99Nanos, long count) {
    Stats s = new Stats(1);
    s.summaryP50 = p50Nanos;
    s.summaryP99 = p99Nanos;
    s.summaryCount = count;
    return s;
  }

  void add(long elapsedNanos) {
    if (size < nanos.length) {
      nanos[size++] = elapsedNanos;
    }
  }

  long count() {
    return summaryP50 >= 0 ? summaryCount : size;
  }

  /** The {@code p}-th percentile (0 < p <= 100) in nanoseconds, nearest rank. */
  long percentile(double p) {
    if (summaryP50 >= 0 && (p == 50 || p == 99)) {
      return p == 50 ? summaryP50 : summaryP99;
    }
    if (size == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.min(size, Math.max(1, rank)) - 1];
  }

  double meanNanos() {
    if (size == 0) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += nanos[i];
    }
    return sum / size;
  }

  double p50Millis() {
    return percentile(50) / 1e6;
  }

  double p99Millis() {
    return percentile(99) / 1e6;
  }

  Stats throughput(double opsPerSecond, String note) {
    this.throughput = opsPerSecond;
    this.throughputNote = note;
    return this;
  }

  /** Operations per second, or NaN if not measured. */
  double throughput() {
    return throughput;
  }

  String throughputNote() {
    return throughputNote;
  }
}
