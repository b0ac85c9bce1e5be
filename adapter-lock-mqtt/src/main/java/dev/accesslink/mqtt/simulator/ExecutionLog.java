package dev.accesslink.mqtt.simulator;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The commands a {@link SimulatedLock} carried out: the most recent {@link #KEPT_EXECUTIONS}, so a
 * long-running demo stays bounded. Thread-safe.
 */
final class ExecutionLog {
  static final int KEPT_EXECUTIONS = 10_000;

  private final Queue<SimulatedLock.Execution> executions = new ConcurrentLinkedQueue<>();
  private final AtomicInteger executionCount = new AtomicInteger();

  void record(SimulatedLock.Execution e) {
    executions.add(e);
    if (executionCount.incrementAndGet() > KEPT_EXECUTIONS && executions.poll() != null) {
      executionCount.decrementAndGet();
    }
  }

  /** The kept executions, oldest first. */
  List<SimulatedLock.Execution> list() {
    return List.copyOf(executions);
  }
}
