package dev.accesslink.core.application;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The threads on which one dispatcher pass attempts its claimed deliveries side by side: at most
 * {@code parallelism} at once, so that one slow provider call (an SMTP conversation, an HTTP
 * request) does not hold up the rest of the batch. Daemon threads named {@value #THREAD_NAME}-N,
 * started on demand and ended after {@value #IDLE_SECONDS} idle seconds. A pass hands over its
 * whole batch and waits for every attempt to finish, so results are recorded exactly as by a single
 * thread; each claim is attempted by exactly one thread. Thread-safe.
 */
final class DeliveryWorkers {
  /** The prefix of the worker threads' names. */
  static final String THREAD_NAME = "access-links-delivery";
  static final int IDLE_SECONDS = 30;

  private static final System.Logger LOG = System.getLogger(AccessLinks.class.getName());

  private final int parallelism;
  private final ThreadPoolExecutor executor;

  DeliveryWorkers(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism >= 1");
    }
    this.parallelism = parallelism;
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(parallelism, parallelism, IDLE_SECONDS, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, THREAD_NAME + "-" + n.incrementAndGet());
          // like the dispatcher thread: a forgotten close() must not keep the JVM alive; an attempt
          // cut short by the JVM's exit is taken up again after its lease
          t.setDaemon(true);
          return t;
        });
    executor.allowCoreThreadTimeOut(true);
  }

  int parallelism() {
    return parallelism;
  }

  /**
   * {@code work} applied to every item, up to {@code parallelism} at once, the results in the
   * items' order. Returns once every item is done. If some threw, the first exception is thrown
   * (the others added as suppressed) after the rest finished. Once {@link #close closed}, the
   * items run on the calling thread, one after the other.
   */
  <T, R> List<R> map(List<T> items, Function<T, R> work) {
    if (parallelism == 1 || items.size() <= 1) {
      return sequential(items, work);
    }
    List<FutureTask<R>> tasks = new ArrayList<>(items.size());
    for (T item : items) {
      FutureTask<R> task = new FutureTask<>(() -> work.apply(item));
      tasks.add(task);
      try {
        executor.execute(task);
      } catch (RejectedExecutionException closed) {
        task.run(); // after close(): on this thread, nothing dropped
      }
    }
    List<R> results = new ArrayList<>(items.size());
    RuntimeException failure = null;
    Error error = null;
    for (int i = 0; i < tasks.size(); i++) {
      try {
        results.add(tasks.get(i).get());
      } catch (InterruptedException e) {
        // Interrupted while waiting (close() after its wait): attempts not yet started are dropped
        // (their claims are taken up after the lease, nothing was sent); started ones finish on
        // their threads and record their results; close() waits for them.
        for (Future<R> t : tasks) {
          t.cancel(false);
        }
        Thread.currentThread().interrupt();
        throw new IllegalStateException("a dispatcher pass was interrupted while its deliveries ran", e);
      } catch (CancellationException e) {
        results.add(null);
      } catch (ExecutionException e) {
        results.add(null);
        Throwable cause = e.getCause();
        if (cause instanceof Error err) {
          error = error == null ? err : error;
        } else if (failure == null) {
          failure = cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    if (error != null) {
      throw error;
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  private static <T, R> List<R> sequential(List<T> items, Function<T, R> work) {
    List<R> results = new ArrayList<>(items.size());
    for (T item : items) {
      results.add(work.apply(item));
    }
    return results;
  }

  /**
   * Takes no new work (later passes run on their caller's thread) and waits up to {@code timeout}
   * for attempts under way; those still running then are interrupted and logged. Idempotent.
   */
  void close(Duration timeout) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        executor.shutdownNow();
        LOG.log(Level.WARNING, "Access Links: delivery attempts were still running after {0};"
            + " interrupted them (their claims are retried after the lease)", timeout);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
