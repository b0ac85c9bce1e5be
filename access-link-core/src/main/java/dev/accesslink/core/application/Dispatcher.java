package dev.accesslink.core.application;

import dev.accesslink.core.port.in.DispatchDeliveriesUseCase;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@link AccessLinks} instance's own delivery dispatcher: one daemon thread named {@link
 * #THREAD_NAME} that runs {@link DispatchDeliveriesUseCase#dispatchDue()} with a fixed delay
 * between passes. A pass that throws is logged and the next one runs as planned: one failure must
 * not stop retries for good (a bare {@code scheduleWithFixedDelay} cancels the task on the first
 * exception, silently). Thread-safe.
 */
final class Dispatcher {
  /** The name of the dispatcher thread. */
  static final String THREAD_NAME = "access-links-dispatcher";
  /** The name of the webhook dispatcher thread. */
  static final String WEBHOOK_THREAD_NAME = "access-links-webhooks";

  private static final System.Logger LOG = System.getLogger(AccessLinks.class.getName());

  private final Runnable dispatch;
  private final String what;
  private final ScheduledThreadPoolExecutor executor;

  private Dispatcher(Runnable dispatch, String threadName, String what) {
    this.dispatch = dispatch;
    this.what = what;
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, threadName);
      // a forgotten close() must not keep the JVM alive; a pass cut short by the JVM's exit is
      // safe: its claims run out after the lease and the next dispatcher (any process) takes them
      t.setDaemon(true);
      return t;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Starts passes every {@code every} (the first after one period). */
  static Dispatcher start(DispatchDeliveriesUseCase dispatch, Duration every) {
    return start(dispatch::dispatchDue, THREAD_NAME, "delivery dispatcher", every);
  }

  /** Starts passes of {@code pass} every {@code every} on a thread named {@code threadName}. */
  static Dispatcher start(Runnable pass, String threadName, String what, Duration every) {
    Dispatcher d = new Dispatcher(pass, threadName, what);
    long nanos = every.toNanos();
    d.executor.scheduleWithFixedDelay(d::pass, nanos, nanos, TimeUnit.NANOSECONDS);
    return d;
  }

  private void pass() {
    try {
      dispatch.run();
    } catch (Throwable e) { // whatever one pass throws, the next pass must still run
      if (e instanceof VirtualMachineError vm) {
        LOG.log(Level.ERROR, "Access Links: the " + what + " stops: " + vm, vm);
        throw vm;
      }
      LOG.log(Level.WARNING, "Access Links: a " + what + " pass failed; the next pass runs as planned", e);
    }
  }

  /** For tests: the executor, to see whether the thread has ended. */
  ScheduledExecutorService executor() {
    return executor;
  }

  /**
   * Plans no further pass and waits up to {@code timeout} for a running one to finish (it is not
   * interrupted: it may be in the middle of handing a message to a provider). A pass still running
   * after that is interrupted and logged. Idempotent.
   */
  void close(Duration timeout) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        executor.shutdownNow();
        LOG.log(Level.WARNING, "Access Links: a " + what + " pass was still running after {0};"
            + " interrupted it (its claims are retried after the lease)", timeout);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
