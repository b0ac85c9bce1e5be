package dev.accesslink.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** How the suite measures: interleaved closed loops for latency, fixed-time thread groups for throughput. */
final class Measure {
  private Measure() {}

  /** One operation; any exception fails the run. */
  @FunctionalInterface
  interface Op {
    void run() throws Exception;

    /**
     * Waits for work the path left running in the background (the library's unlock bookkeeping), so
     * that it is charged to this path and does not slow the next one down: called after each round
     * of {@link #interleaved} (untimed) and inside the time window of {@link #throughput}.
     */
    default void settle() throws Exception {}
  }

  /** {@code op}, whose {@link Op#settle()} runs {@code settle}. */
  static Op settled(Op op, Op settle) {
    return new Op() {
      @Override
      public void run() throws Exception {
        op.run();
      }

      @Override
      public void settle() throws Exception {
        settle.run();
      }
    };
  }

  /**
   * Latency of several paths measured side by side: after {@code warmup} untimed calls of each,
   * {@code rounds} rounds each run {@code perRound} timed calls of every path, the path that goes
   * first rotating from round to round, so drift (other load, caches, autovacuum) hits all alike.
   */
  static List<Stats> interleaved(int warmup, int rounds, int perRound, Op... paths) throws Exception {
    List<Stats> out = new ArrayList<>();
    for (Op op : paths) {
      out.add(new Stats(rounds * perRound));
      for (int i = 0; i < warmup; i++) {
        op.run();
      }
    }
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < paths.length; k++) {
        int which = (r + k) % paths.length;
        Op op = paths[which];
        Stats s = out.get(which);
        for (int i = 0; i < perRound; i++) {
          long t0 = System.nanoTime();
          op.run();
          s.add(System.nanoTime() - t0);
        }
        op.settle();
      }
    }
    return out;
  }

  /**
   * Throughput of {@code op} run by {@code threads} threads for {@code duration}, in operations per
   * second.
   */
  static double throughput(int threads, Duration duration, Op op) throws Exception {
    return throughput(threads, duration, t -> op);
  }

  /** Like {@link #throughput(int, Duration, Op)}, with its own operation for each thread index. */
  static double throughput(int threads, Duration duration, java.util.function.IntFunction<Op> perThread)
      throws Exception {
    return throughput(threads, duration, perThread, null);
  }

  /**
   * Like {@link #throughput(int, Duration, java.util.function.IntFunction)}; the latency of every call
   * under that load is added to {@code latencies} when it is not null.
   */
  static double throughput(int threads, Duration duration, java.util.function.IntFunction<Op> perThread,
      @org.jspecify.annotations.Nullable Stats latencies) throws Exception {
    LongAdder done = new LongAdder();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    long[] window = new long[2];
    List<Thread> workers = new ArrayList<>();
    long[] deadline = new long[1];
    List<Op> ops = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Op op = perThread.apply(t);
      ops.add(op);
      Thread w = new Thread(() -> {
        long[] mine = new long[latencies == null ? 0 : 1 << 16];
        int n = 0;
        try {
          start.await();
          while (System.nanoTime() < deadline[0] && failure.get() == null) {
            long t0 = System.nanoTime();
            op.run();
            if (n < mine.length) {
              mine[n++] = System.nanoTime() - t0;
            }
            done.increment();
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
        if (latencies != null) {
          synchronized (latencies) {
            for (int i = 0; i < n; i++) {
              latencies.add(mine[i]);
            }
          }
        }
      }, "bench-worker-" + t);
      w.setDaemon(true);
      workers.add(w);
      w.start();
    }
    window[0] = System.nanoTime();
    deadline[0] = window[0] + duration.toNanos();
    start.await();
    for (Thread w : workers) {
      w.join();
    }
    if (failure.get() == null) {
      for (Op op : ops) {
        op.settle(); // background work the calls left behind counts in their time
      }
    }
    window[1] = System.nanoTime();
    if (failure.get() != null) {
      throw new IllegalStateException("a benchmark worker failed: " + failure.get(), failure.get());
    }
    return done.sum() / ((window[1] - window[0]) / 1e9);
  }

  /**
   * Untimed rounds of the paths at the measured concurrency before a figure's first run, until the
   * JIT is quiet ({@link WarmUp}). The latency rounds are single-threaded: without a warm-up, the
   * first throughput slice of the first run paid for what only concurrency brings up (the pool's
   * other connections preparing their statements, their server processes filling their caches, the
   * JIT compiling the contended paths), and the path measured first came out at half its later rate.
   */
  static WarmUp warmUp(int threads, Duration slice, Op... paths) throws Exception {
    return WarmUp.untilQuiet(threads, slice, paths);
  }

  /**
   * Throughput of several paths side by side: {@code rounds} alternating runs of {@code slice}
   * each, summed per path.
   */
  static double[] interleavedThroughput(int threads, Duration slice, int rounds, Op... paths) throws Exception {
    return interleavedThroughput(threads, slice, rounds, 0, paths);
  }

  /**
   * Like {@link #interleavedThroughput(int, Duration, int, Op...)}, the first round starting with
   * path {@code first} (so that consecutive runs of one round each do not always start with the same path).
   */
  static double[] interleavedThroughput(int threads, Duration slice, int rounds, int first, Op... paths)
      throws Exception {
    double[] sum = new double[paths.length];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < paths.length; k++) {
        int which = (first + r + k) % paths.length;
        sum[which] += throughput(threads, slice, paths[which]);
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= rounds;
    }
    return sum;
  }
}
