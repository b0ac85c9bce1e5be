package dev.accesslink.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.store.LinkUse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The background writer's edges that the facade's tests cannot reach in reasonable time. */
class UseRecorderTest {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  final UsesOnlyStore store = new UsesOnlyStore();

  static LinkUse use() {
    AccessLinkId id = new AccessLinkId(UUID.randomUUID());
    return new LinkUse(id, T0, new AccessEvent(UUID.randomUUID(), OrganizationId.of("acme"), T0,
        AccessEventType.DOOR_UNLOCKED, new Actor(Actor.Kind.RECIPIENT, "Ada"), id, null, null));
  }

  @Test
  @DisplayName("a full queue makes the caller write its own use, and see the store's failure")
  void fullQueueWritesOnTheCallersThread() throws Exception {
    UseRecorder.Background recorder = new UseRecorder.Background(store, 2, Duration.ofSeconds(2));
    store.hold();
    recorder.record(use()); // taken by the writer, which is held in the store
    assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();
    recorder.record(use());
    recorder.record(use()); // the queue (capacity 2) is now full
    store.fail.set(true);

    assertThatThrownBy(() -> recorder.record(use())).isInstanceOf(AccessLinkInfrastructureException.class);

    store.fail.set(false);
    recorder.record(use()); // still full: written on this thread, now successfully
    assertThat(store.threads).contains(Thread.currentThread().getName());
    store.release();
    assertThat(recorder.await(Duration.ofSeconds(10))).isTrue();
    assertThat(store.stored).hasSize(4);
  }

  @Test
  @DisplayName("close() gives up after its timeout when the store keeps failing, and says how many were lost")
  void closeGivesUp() {
    UseRecorder.Background recorder = new UseRecorder.Background(store, 100, Duration.ofSeconds(2));
    store.fail.set(true);
    recorder.record(use());
    recorder.record(use());

    recorder.close(Duration.ofMillis(200));

    assertThat(recorder.await(Duration.ofSeconds(10))).as("the writer stopped retrying").isTrue();
    assertThat(store.stored).isEmpty();
    assertThatThrownBy(() -> recorder.record(use())).as("after close, written at once")
        .isInstanceOf(AccessLinkInfrastructureException.class);
  }

  @Test
  @DisplayName("the writer thread ends when idle, and the next use starts another")
  void writerStopsWhenIdle() throws Exception {
    UseRecorder.Background recorder = new UseRecorder.Background(store, 100, Duration.ofMillis(20));
    recorder.record(use());
    assertThat(recorder.await(Duration.ofSeconds(10))).isTrue();
    for (Thread writer : writers()) {
      writer.join(10_000);
    }
    assertThat(writerAlive()).as("no writer thread left behind").isFalse();

    recorder.record(use());
    assertThat(recorder.await(Duration.ofSeconds(10))).isTrue();
    assertThat(store.stored).hasSize(2);
  }

  private static boolean writerAlive() {
    return !writers().isEmpty();
  }

  private static List<Thread> writers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("access-links-bookkeeping") && t.isAlive())
        .toList();
  }

  /** A store's {@code recordUses}, which can be held back or made to fail. */
  static final class UsesOnlyStore implements Consumer<List<LinkUse>> {
    final List<LinkUse> stored = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final AtomicBoolean fail = new AtomicBoolean();
    final CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);

    void hold() {
      gate = new CountDownLatch(1);
    }

    void release() {
      gate.countDown();
    }

    @Override
    public void accept(List<LinkUse> uses) {
      threads.add(Thread.currentThread().getName());
      if (Thread.currentThread().getName().equals("access-links-bookkeeping")) {
        entered.countDown();
        try {
          gate.await();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      if (fail.get()) {
        throw new AccessLinkInfrastructureException("store down (simulated)");
      }
      stored.addAll(uses);
    }
  }
}
