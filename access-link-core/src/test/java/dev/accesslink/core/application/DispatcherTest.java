package dev.accesslink.core.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.port.in.DispatchReport;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The instance's own dispatcher thread: passes, failures, close. Latches, no sleeps. */
class DispatcherTest {
  static final Duration OFTEN = Duration.ofMillis(1);
  static final DispatchReport NOTHING = new DispatchReport(0, 0, 0, 0, 0);

  @Test
  @DisplayName("runs passes again and again on its own named daemon thread")
  void runsOnItsOwnThread() throws Exception {
    BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
    Dispatcher d = Dispatcher.start(() -> {
      threads.add(Thread.currentThread());
      return NOTHING;
    }, OFTEN);
    try {
      Thread first = threads.poll(10, TimeUnit.SECONDS);
      Thread second = threads.poll(10, TimeUnit.SECONDS);
      assertThat(first).isNotNull().isSameAs(second);
      assertThat(first.getName()).isEqualTo("access-links-dispatcher");
      assertThat(first.isDaemon()).isTrue();
    } finally {
      d.close(Duration.ofSeconds(10));
    }
  }

  @Test
  @DisplayName("a pass that throws (even an Error) does not stop the next one")
  void survivesFailures() throws Exception {
    AtomicInteger passes = new AtomicInteger();
    CountDownLatch third = new CountDownLatch(1);
    Dispatcher d = Dispatcher.start(() -> {
      int n = passes.incrementAndGet();
      if (n == 1) {
        throw new IllegalStateException("the database is down");
      }
      if (n == 2) {
        throw new AssertionError("a bug in a notifier");
      }
      third.countDown();
      return NOTHING;
    }, OFTEN);
    try {
      assertThat(third.await(10, TimeUnit.SECONDS)).as("a third pass ran").isTrue();
    } finally {
      d.close(Duration.ofSeconds(10));
    }
  }

  @Test
  @DisplayName("close() lets a running pass finish, then no pass runs any more")
  void closeWaitsForTheRunningPass() throws Exception {
    CountDownLatch inPass = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger passes = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    Dispatcher d = Dispatcher.start(() -> {
      passes.incrementAndGet();
      inPass.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return NOTHING;
      }
      finished.incrementAndGet();
      return NOTHING;
    }, OFTEN);
    assertThat(inPass.await(10, TimeUnit.SECONDS)).isTrue();
    Thread closer = new Thread(() -> d.close(Duration.ofSeconds(30)));
    closer.start();
    // let the pass end only once close() has stopped new passes (else a second pass could start)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!d.executor().isShutdown() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    release.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(closer.isAlive()).isFalse();
    assertThat(finished.get()).as("the running pass finished, not interrupted").isEqualTo(1);
    assertThat(d.executor().isTerminated()).as("the dispatcher thread has ended").isTrue();
    assertThat(passes.get()).as("no pass after close").isEqualTo(1);
  }

  @Test
  @DisplayName("close() interrupts a pass that outlasts its timeout, and is idempotent")
  void closeInterruptsAStuckPass() throws Exception {
    CountDownLatch inPass = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    Dispatcher d = Dispatcher.start(() -> {
      inPass.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return NOTHING;
    }, OFTEN);
    assertThat(inPass.await(10, TimeUnit.SECONDS)).isTrue();

    d.close(Duration.ofMillis(1));

    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(d.executor().awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    d.close(Duration.ofMillis(1));
  }
}
