package dev.accesslink.core.application;

import dev.accesslink.core.port.out.store.UnlockIntent;
import dev.accesslink.core.port.out.UnlockJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Writes unlock intents to the {@link UnlockJournal} by group commit: concurrent unlocks share one
 * {@link UnlockJournal#record} call, so one flush. No thread of its own and no lingering: the first
 * caller writes its intent at once; callers arriving while a write runs queue up, and when it ends
 * one of them writes everything that queued meanwhile in one call. An uncontended unlock therefore
 * waits for exactly one write, as without batching; under load, the writes stay one per flush time
 * whatever the number of unlocks. Thread-safe.
 */
final class JournalWriter {
  /** The most intents one call writes; more wait for the next call. */
  static final int MAX_BATCH = 256;

  private final UnlockJournal journal;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition written = lock.newCondition();
  // guarded by lock
  private Batch open = new Batch();
  private boolean writing;

  private static final class Batch {
    final List<UnlockIntent> intents = new ArrayList<>();
    boolean done;
    @Nullable RuntimeException failure;
  }

  JournalWriter(UnlockJournal journal) {
    this.journal = journal;
  }

  /**
   * Returns once {@code intent} is durable in the journal.
   *
   * @throws dev.accesslink.core.domain.AccessLinkInfrastructureException (or whatever the journal
   *     threw) if the write that carried it failed: then the command must not be sent
   */
  void record(UnlockIntent intent) {
    Batch mine;
    lock.lock();
    try {
      if (open.intents.size() >= MAX_BATCH) {
        // rare: hundreds of unlocks in one flush time; the full batch is written next, this one after
        while (open.intents.size() >= MAX_BATCH) {
          written.awaitUninterruptibly();
        }
      }
      mine = open;
      mine.intents.add(intent);
      while (!mine.done && writing) {
        written.awaitUninterruptibly();
      }
      if (mine.done) {
        result(mine);
        return;
      }
      // nobody writes and my batch is the open one: I write it, with whatever joined it
      writing = true;
      open = new Batch();
      written.signalAll(); // callers waiting for room in a full batch

    } finally {
      lock.unlock();
    }
    @Nullable RuntimeException failure = null;
    try {
      journal.record(List.copyOf(mine.intents));
    } catch (RuntimeException e) {
      failure = e;
    }
    lock.lock();
    try {
      mine.failure = failure;
      mine.done = true;
      writing = false;
      written.signalAll();
    } finally {
      lock.unlock();
    }
    result(mine);
  }

  /** Settles the intents of these outcome events; logs a failure (the reconciler catches up). */
  void settleQuietly(List<UUID> intents) {
    settleQuietly(journal, intents);
  }

  /**
   * Settles intents whose outcome events are stored; a failure is only logged: an intent whose
   * outcome event exists is settled without a word by the reconciler.
   */
  static void settleQuietly(UnlockJournal journal, List<UUID> intents) {
    try {
      journal.settle(intents);
    } catch (RuntimeException e) {
      System.getLogger(AccessLinks.class.getName()).log(System.Logger.Level.WARNING, "Access Links: settling {0}"
          + " unlock intents failed; their outcome events are stored, the reconciler will settle them: {1}",
          intents.size(), e.toString());
    }
  }

  /** How many intents wait for the next write (for tests). */
  int queued() {
    lock.lock();
    try {
      return open.intents.size();
    } finally {
      lock.unlock();
    }
  }

  private static void result(Batch batch) {
    RuntimeException failure = batch.failure;
    if (failure != null) {
      throw failure;
    }
  }
}
