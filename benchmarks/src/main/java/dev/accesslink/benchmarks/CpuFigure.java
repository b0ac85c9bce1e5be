package dev.accesslink.benchmarks;

import java.util.Locale;

/** The CPU the library adds per unlock, apart from I/O, measured with JMH. */
final class CpuFigure extends SuitePart {
  CpuFigure(SuiteState state) {
    super(state);
  }

  void measure() throws Exception {
    log("JMH: in-process CPU cost of an unlock");
    org.openjdk.jmh.runner.options.Options options = new org.openjdk.jmh.runner.options.OptionsBuilder()
        .include(UnlockCpuBenchmark.class.getName())
        .forks(1)
        .warmupIterations(2)
        .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(quick ? 1 : 2))
        .measurementIterations(3)
        .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(quick ? 1 : 2))
        .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
        .build();
    java.util.Collection<org.openjdk.jmh.results.RunResult> results = new org.openjdk.jmh.runner.Runner(options).run();
    Report.Figure f = new Report.Figure("CPU: what the library adds per unlock, apart from I/O (JMH)",
        "`UnlockCpuBenchmark`, JMH " + org.openjdk.jmh.util.Version.getPlainVersion()
            + ", sample-time mode, 1 fork, 2 warm-up + 3 measured iterations: the unlock use case on core's"
            + " in-memory adapters with a door that answers at once, against the floor (decode, SHA-256, one"
            + " hash-map lookup), and the same unlock with `access-link-micrometer` attached (a SimpleMeterRegistry,"
            + " and an ObservationRegistry with DefaultMeterObservationHandler, as Spring Boot sets it up without a"
            + " tracer). Throughput is single-threaded (1 / mean).");
    Stats lib = null;
    Stats floor = null;
    Stats micrometer = null;
    for (org.openjdk.jmh.results.RunResult r : results) {
      String name = r.getParams().getBenchmark();
      org.openjdk.jmh.util.Statistics st = r.getPrimaryResult().getStatistics();
      // JMH reports microseconds; Stats keeps nanoseconds
      Stats s = Stats.summary(Math.round(st.getPercentile(50) * 1000), Math.round(st.getPercentile(99) * 1000),
          st.getN()).throughput(1e6 / st.getMean(), "1 thread");
      if (name.endsWith(".library")) {
        lib = s;
      } else if (name.endsWith(".libraryWithMicrometer")) {
        micrometer = s;
      } else {
        floor = s;
      }
    }
    if (lib != null && floor != null) {
      f.row("library: unlock use case, in-memory adapters", lib).row("floor: SHA-256 + map lookup", floor);
      f.ratio("library / floor p50: " + Report.x(lib.p50Millis() / floor.p50Millis()) + "; in absolute terms the"
          + " library adds " + String.format(Locale.ROOT, "%.1f", (lib.p50Millis() - floor.p50Millis()) * 1000)
          + " µs of CPU per unlock at p50, against milliseconds of I/O in figure 2");
    }
    if (lib != null && micrometer != null) {
      f.row("library with `access-link-micrometer` attached (meters + observations, meter handler)", micrometer);
      double overhead = micrometer.p50Millis() / lib.p50Millis();
      f.ratio("with Micrometer / without p50: " + Report.x(overhead) + " (+"
          + String.format(Locale.ROOT, "%.2f", (micrometer.p50Millis() - lib.p50Millis()) * 1000)
          + " µs of CPU per unlock: counters, the door timer, one observation and the timers its meter handler"
          + " keeps); the target (≤ " + Report.x(1.05) + ") is on the end-to-end path, figure 2");
    }
    report.figures.add(f);
  }
}
