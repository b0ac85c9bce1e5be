package dev.accesslink.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A figure's warm-up: untimed rounds of its paths side by side at the measured concurrency (one
 * slice each, as {@link Measure#interleavedThroughput} runs them) until the JIT is quiet, so that the
 * timed runs measure a deployment's steady state rather than the compiler.
 *
 * <p>One round was not enough. The door over HTTP on MariaDB (figure 9c), the library's path alone
 * at 8 clients, went from 273 to 1,128 requests/s over its first 60 seconds while the compiler
 * threads' CPU fell from 2,005 to 25 µs per request: the web server, the JDBC driver, Jdbi and the
 * MQTT client are far more code than a floor's handful of calls, and on 2 cores their compilation
 * ran for a minute, through the timed runs, and charged the library for it.
 *
 * @param rounds the rounds run
 * @param seconds their wall time in all
 * @param lastCompileShare the JIT's compilation time in the last round, as a share of its wall time
 * <p>The JIT's compilation time is wall time, summed over its threads; on 2 saturated cores a
 * compilation takes longer than on an idle machine, so "quiet" is under a tenth of a round, not zero:
 * with the figure's own paths running, the compilations per 10 s fell from about 6,600 to 75 while
 * their time fell from 109 % to 6–24 % of the wall time (JFR, figure 7).
 *
 * @param quiet whether the last round was under {@link #QUIET_SHARE} (else the warm-up hit its cap)
 * @param cap the longest it could have run
 * @param first each path's throughput in the first round: what a freshly started instance gives
 * @param last each path's throughput in the last round
 */
record WarmUp(int rounds, double seconds, double lastCompileShare, boolean quiet, Duration cap, double[] first,
    double[] last) {
  /** Compilation time, as a share of a round's wall time, under which the JIT counts as quiet. */
  static final double QUIET_SHARE = 0.10;

  /** The longest warm-up of one figure (property {@code bench.warmup.max}, seconds). */
  static final Duration MAX = Duration.ofSeconds(Long.getLong("bench.warmup.max", 90));

  /** One round of the paths: their throughputs. */
  @FunctionalInterface
  interface Round {
    double[] run(int index) throws Exception;
  }

  /**
   * Runs {@code paths} side by side, a slice each per round, the first path rotating from round to
   * round, until a round's compilation time is under {@link #QUIET_SHARE} of it or {@link #MAX} has
   * passed (at least one round).
   */
  static WarmUp untilQuiet(int threads, Duration slice, Measure.Op... paths) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    LongSupplier compiledMillis = jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit::getTotalCompilationTime : () -> 0L;
    WarmUp w = untilQuiet(index -> Measure.interleavedThroughput(threads, slice, 1, index, paths),
        compiledMillis, System::nanoTime, MAX);
    SuitePart.log(String.format(Locale.ROOT, "warm-up: %d rounds, %.0f s, compilation %.1f %% of the last round",
        w.rounds(), w.seconds(), w.lastCompileShare() * 100));
    return w;
  }

  /** The rule itself, on any round, compilation clock and wall clock (nanoseconds). */
  static WarmUp untilQuiet(Round round, LongSupplier compiledMillis, LongSupplier nanos, Duration max)
      throws Exception {
    long start = nanos.getAsLong();
    double[] first = null;
    for (int index = 0; ; index++) {
      long compiled0 = compiledMillis.getAsLong();
      long t0 = nanos.getAsLong();
      double[] tp = round.run(index);
      long t1 = nanos.getAsLong();
      double share = (compiledMillis.getAsLong() - compiled0) / Math.max(1e-9, (t1 - t0) / 1e6);
      if (first == null) {
        first = tp;
      }
      boolean quiet = share <= QUIET_SHARE;
      if (quiet || t1 - start >= max.toNanos()) {
        return new WarmUp(index + 1, (t1 - start) / 1e9, share, quiet, max, first, tp);
      }
    }
  }

  /**
   * One line for a figure: how long the warm-up ran and each named path's throughput in its first
   * and last round ({@code names} in the order of the paths; a null name leaves a path out).
   */
  String line(String unit, String... names) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "warm-up (untimed, before run 1): %d round%s, %.0f s, until %s (compilation %.1f %% of the last round);"
            + " %s in its first → last round:",
        rounds, rounds == 1 ? "" : "s", seconds,
        quiet ? "the JIT was quiet" : "its cap of " + cap.toSeconds() + " s, the JIT still compiling",
        lastCompileShare * 100, unit));
    String sep = " ";
    for (int i = 0; i < names.length && i < first.length; i++) {
      if (names[i] != null) {
        b.append(sep).append(names[i]).append(' ').append(Report.ops(first[i])).append(" → ")
            .append(Report.ops(last[i]));
        sep = "; ";
      }
    }
    return b.toString();
  }
}
