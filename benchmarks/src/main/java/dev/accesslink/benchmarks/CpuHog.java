package dev.accesslink.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Other work on the machine, started by the suite: one busy thread per core, at normal priority, in
 * the suite's own JVM (so it competes with the library, its floor, the driver and the MQTT client
 * threads alike; PostgreSQL and Mosquitto, other processes, compete with it through the OS).
 */
final class CpuHog implements AutoCloseable {
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  /** Keeps the JIT from removing the busy loop. */
  static volatile long sink;

  private CpuHog(int count) {
    for (int i = 0; i < count; i++) {
      Thread t = new Thread(this::spin, "bench-cpu-hog-" + i);
      t.setDaemon(true);
      t.setPriority(Thread.NORM_PRIORITY);
      threads.add(t);
    }
  }

  /** Starts one busy thread per available core. */
  static CpuHog start() {
    CpuHog hog = new CpuHog(Runtime.getRuntime().availableProcessors());
    hog.threads.forEach(Thread::start);
    return hog;
  }

  int size() {
    return threads.size();
  }

  private void spin() {
    long x = Thread.currentThread().getId();
    while (running) {
      for (int i = 0; i < 100_000; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
      sink = x;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(10_000);
    }
  }
}
