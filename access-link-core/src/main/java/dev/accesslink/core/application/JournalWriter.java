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
 * Writes unlock intents to the {@link UnlockJournal}: each unlock at once in a write of its own,
 * up to {@link #CONCURRENT_WRITES} writes at a time, and by group commit beyond that. While that
 * many writes run, arriving unlocks queue up, and the first write slot that frees takes everything
 * that queued meanwhile into one {@link UnlockJournal#record} call: one flush for all of them. No
 * thread of its own and no lingering: an unlock never waits for a write that does not carry its
 * intent while a slot is free. Concurrent single writes are what PostgreSQL and MariaDB group-commit
 * on their own (a commit that arrives while another flushes is flushed with the next one), and they
 * do not line every unlock up behind one writing thread; the queue keeps a burst of unlocks from
 * taking more than that many pool connections for intents. Thread-safe.
 */
final class JournalWriter {
  /** The most intents one call writes; more wait for the next call. */
  static final int MAX_BATCH = 256;

  /**
   * How many journal writes run at once before unlocks queue for a shared one. Profiled on
   * PostgreSQL with 8 threads on 2 cores (figure 2 of docs/performance.md): with one write at a
   * time the unlocks spent 34 of 80 thread-seconds parked behind the thread that wrote; with 8 the
   * database's own group commit does the batching at that load, and throughput rose by 1.1 to 1.3
   * times in the same JVM.
   */
  static final int CONCURRENT_WRITES = 8;

  private final int concurrentWrites;
  private final UnlockJournal journal;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition written = lock.newCondition();
  // guarded by lock
  private Batch open = new Batch();
  private int writing; // writes in flight

  private static final class Batch {
    final List<UnlockIntent> intents = new ArrayList<>();
    boolean done;
    @Nullable RuntimeException failure;
  }

  JournalWriter(UnlockJournal journal) {
    this(journal, CONCURRENT_WRITES);
  }

  /** A writer that runs at most {@code concurrentWrites} journal writes at once. */
  JournalWriter(UnlockJournal journal, int concurrentWrites) {
    if (concurrentWrites < 1) {
      throw new IllegalArgumentException("concurrentWrites must be at least 1");
    }
    this.journal = journal;
    this.concurrentWrites = concurrentWrites;
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
      // wait for a free slot while my batch is still open; once another caller has taken it, for its end
      while (!mine.done && (mine != open || writing >= concurrentWrites)) {
        written.awaitUninterruptibly();
      }
      if (mine.done) {
        result(mine);
        return;
      }
      // a slot is free and my batch is the open one: I write it, with whatever joined it
      writing++;
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
      writing--;
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
