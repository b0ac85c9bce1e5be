package dev.accesslink.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the parts of one run of the {@link PerformanceSuite} share: the report being written, the
 * run's settings, the failed correctness assertions and what must be closed at the end.
 */
final class SuiteState {
  final Report report = new Report();
  final boolean quick;
  final int largeCount;
  final int threads = Integer.getInteger("bench.threads", 8);
  final List<String> failures = new ArrayList<>();
  final List<AutoCloseable> closeables = new ArrayList<>();
  private dev.accesslink.core.application.@Nullable AccessLinks whatIf;

  SuiteState(boolean quick, int largeCount) {
    this.quick = quick;
    this.largeCount = largeCount;
  }

  /** The what-if prototype ({@link WhatIf}); set once the main schema exists. */
  dev.accesslink.core.application.AccessLinks whatIf() {
    return Objects.requireNonNull(whatIf);
  }

  void whatIf(dev.accesslink.core.application.AccessLinks prototype) {
    this.whatIf = prototype;
  }

  int n(int normal) {
    return quick ? Math.max(5, normal / 10) : normal;
  }

  Duration slice() {
    return quick ? Duration.ofMillis(500) : Duration.ofSeconds(2);
  }

  <T extends AutoCloseable> T keep(T c) {
    closeables.add(c);
    return c;
  }

  /** Closes what {@link #keep} kept, newest first. */
  void closeAll() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        System.err.println("close failed: " + e);
      }
    }
  }
}
