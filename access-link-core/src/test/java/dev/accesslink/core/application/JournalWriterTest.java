package dev.accesslink.core.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.store.UnlockIntent;
import dev.accesslink.core.port.out.UnlockJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Unlock intents: written at once while a write slot is free, by group commit beyond that. */
class JournalWriterTest {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  /** A journal whose first write waits for {@link #release}; it records every write's size. */
  static final class HeldJournal implements UnlockJournal {
    final List<List<UnlockIntent>> writes = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    volatile boolean failSecond;

    @Override
    public void record(List<UnlockIntent> intents) {
      writes.add(intents);
      if (writes.size() == 1) {
        firstWriteStarted.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else if (failSecond) {
        throw new AccessLinkInfrastructureException("database: record unlock intents failed");
      }
    }

    @Override
    public void settle(List<UUID> intents) {}

    @Override
    public List<UnlockIntent> unsettled(Instant expiredBy, int max) {
      return List.of();
    }

    @Override
    public boolean settleUnknown(UnlockIntent intent, AccessEvent unknown) {
      return false;
    }
  }

  static UnlockIntent intent() {
    return new UnlockIntent(UUID.randomUUID(), OrganizationId.of("acme"), DoorId.of("front"),
        new AccessLinkId(UUID.randomUUID()), "Ada", T0, T0.plusSeconds(10));
  }

  /** Starts 1 + {@code others} concurrent records; returns once the others wait behind the held first write. */
  static List<CompletableFuture<Void>> queueBehindFirst(JournalWriter writer, HeldJournal journal, int others)
      throws InterruptedException {
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    calls.add(CompletableFuture.runAsync(() -> writer.record(intent())));
    assertThat(journal.firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < others; i++) {
      calls.add(CompletableFuture.runAsync(() -> writer.record(intent()), command -> new Thread(command).start()));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (writer.queued() < others && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
    }
    assertThat(writer.queued()).isEqualTo(others);
    return calls;
  }

  @Test
  @DisplayName("unlocks arriving while a write runs are written together, in one journal call")
  void groupCommit() throws Exception {
    HeldJournal journal = new HeldJournal();
    JournalWriter writer = new JournalWriter(journal, 1);
    List<CompletableFuture<Void>> calls = queueBehindFirst(writer, journal, 20);
    assertThat(calls).noneMatch(CompletableFuture::isDone);

    journal.release.countDown();
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertThat(journal.writes).extracting(List::size).containsExactly(1, 20);
    writer.record(intent()); // alone again: written at once, by itself
    assertThat(journal.writes).extracting(List::size).containsExactly(1, 20, 1);
  }

  @Test
  @DisplayName("while a write slot is free, an unlock is written at once, not behind a running write")
  void freeSlotWritesAtOnce() throws Exception {
    HeldJournal journal = new HeldJournal();
    JournalWriter writer = new JournalWriter(journal, 2);
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> writer.record(intent()));
    assertThat(journal.firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();

    writer.record(intent()); // returns while the first write is still held
    assertThat(first).isNotDone();
    journal.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    assertThat(journal.writes).extracting(List::size).containsExactly(1, 1);
  }

  @Test
  @DisplayName("a failed write fails every unlock it carried, and only those")
  void failureReachesTheBatch() throws Exception {
    HeldJournal journal = new HeldJournal();
    journal.failSecond = true;
    JournalWriter writer = new JournalWriter(journal, 1);
    List<CompletableFuture<Void>> calls = queueBehindFirst(writer, journal, 5);

    journal.release.countDown();
    calls.get(0).get(10, TimeUnit.SECONDS);
    for (CompletableFuture<Void> call : calls.subList(1, calls.size())) {
      assertThat(call).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(AccessLinkInfrastructureException.class);
    }
  }
}
