package dev.accesslink.core.application;

import dev.accesslink.core.port.out.UnlockJournal;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.store.LinkUse;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Writes unlock bookkeeping to the store, as {@link UnlockBookkeeping} says. Thread-safe. */
abstract sealed class UseRecorder {
  /** How long a read of last uses or events waits for queued bookkeeping before reading anyway. */
  static final Duration READ_WAIT = Duration.ofSeconds(5);

  static UseRecorder create(UnlockBookkeeping mode, UseLog log, @Nullable UnlockJournal journal) {
    return switch (mode) {
      case GUARANTEED -> new Background(settling(log, journal), Background.CAPACITY, Background.IDLE);
      case BEFORE_ANSWER -> new Synchronous(settling(log, journal));
      case MAY_LOSE_OPENINGS_ON_CRASH -> new Background(log::recordUses, Background.CAPACITY, Background.IDLE);
    };
  }

  /**
   * Where the bookkeeping of late openings goes (see {@link LateAnswer}): written on a door
   * controller's thread, so it must never block: {@code main} when it writes in the background, else
   * (for {@link UnlockBookkeeping#BEFORE_ANSWER}) a background writer of the same store.
   */
  static UseRecorder forLateAnswers(UseRecorder main, UseLog log, @Nullable UnlockJournal journal) {
    return main instanceof Background ? main : new Background(settling(log, journal), Background.CAPACITY, Background.IDLE);
  }

  /**
   * Records the uses, then settles their journal intents (an outcome event's id is its intent's), in
   * the same write when the journal can ({@link UnlockJournal#recordUsesAndSettle}). A failed
   * separate settlement is only logged, never retried with the uses: their events are stored, and
   * the reconciler settles an intent whose outcome event exists without a word.
   */
  private static Consumer<List<LinkUse>> settling(UseLog log, @Nullable UnlockJournal journal) {
    if (journal == null) {
      throw new IllegalStateException("a guaranteed unlock bookkeeping needs an unlock journal");
    }
    return uses -> {
      // one write for both where the journal can (JDBC: one transaction, one commit per batch)
      if (!journal.recordUsesAndSettle(log, uses)) {
        JournalWriter.settleQuietly(journal, uses.stream().map(u -> u.event().id()).toList());
      }
    };
  }

  /** Records one unlock's bookkeeping; returns once it is stored or queued. */
  abstract void record(LinkUse use);

  /**
   * Waits until the bookkeeping of every unlock recorded before this call is stored.
   *
   * @return false if that did not happen within {@code timeout}
   */
  abstract boolean await(Duration timeout);

  /** Stores what is queued (waiting at most {@code timeout}); later uses are written at once. */
  abstract void close(Duration timeout);

  /** {@link UnlockBookkeeping#BEFORE_ANSWER}: written on the caller's thread. */
  static final class Synchronous extends UseRecorder {
    private final Consumer<List<LinkUse>> store;

    Synchronous(Consumer<List<LinkUse>> store) {
      this.store = store;
    }

    @Override
    void record(LinkUse use) {
      store.accept(List.of(use));
    }

    @Override
    boolean await(Duration timeout) {
      return true;
    }

    @Override
    void close(Duration timeout) {}
  }

  /**
   * {@link UnlockBookkeeping#GUARANTEED} and {@link UnlockBookkeeping#MAY_LOSE_OPENINGS_ON_CRASH}: a
   * queue and one writer thread. Woken by the first use
   * after a pause, the writer lingers {@link #LINGER} for more (unless a reader or {@code close}
   * is waiting, or {@link #MAX_BATCH} have queued), then takes everything queued into one {@link
   * UseLog#recordUses} call: many unlocks per store write, and one thread wake-up per
   * write rather than per unlock. It retries a failed call as a whole (the port makes it all or
   * nothing), and stops after {@code idle} without work (the next use starts it again), so an
   * instance that is never closed leaves no thread behind for long. Progress is counted in queued
   * and settled uses, never in clock time.
   */
  static final class Background extends UseRecorder {
    static final int CAPACITY = 10_000;
    static final int MAX_BATCH = 500;
    static final Duration IDLE = Duration.ofSeconds(2);
    static final Duration LINGER = Duration.ofMillis(5);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final System.Logger LOG = System.getLogger(AccessLinks.class.getName());

    private final Consumer<List<LinkUse>> store;
    private final int capacity;
    private final long idleNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    // guarded by lock
    private final ArrayDeque<LinkUse> queue = new ArrayDeque<>();
    private long queued; // uses ever queued
    private long settled; // of those, how many the writer is done with (stored, or given up at close)
    private boolean writerRunning;
    private boolean closed;
    private boolean urgent; // a reader waits for the queue: write it now, do not linger
    private boolean givingUp; // closed, and the close timeout has passed: the writer stops retrying

    /**
     * @param store {@link UseLog#recordUses} of the store
     */
    Background(Consumer<List<LinkUse>> store, int capacity, Duration idle) {
      this.store = store;
      this.capacity = capacity;
      this.idleNanos = idle.toNanos();
    }

    @Override
    void record(LinkUse use) {
      lock.lock();
      try {
        if (!closed && queue.size() < capacity) {
          queue.addLast(use);
          queued++;
          if (writerRunning) {
            if (queue.size() == 1 || queue.size() == MAX_BATCH) {
              work.signal(); // wakes a waiting writer, or cuts its linger short: a full batch
            }
          } else {
            writerRunning = true;
            Thread writer = new Thread(this::writeUntilIdle, "access-links-bookkeeping");
            writer.setDaemon(true);
            writer.start();
          }
          return;
        }
      } finally {
        lock.unlock();
      }
      // closed, or the store has been failing for thousands of unlocks: write before answering,
      // so that a failure reaches the caller instead of growing the queue without bound
      store.accept(List.of(use));
    }

    @Override
    boolean await(Duration timeout) {
      lock.lock();
      try {
        long target = queued;
        long nanos = timeout.toNanos();
        if (settled < target) {
          urgent = true;
          work.signal();
        }
        while (settled < target) {
          if (nanos <= 0) {
            return false;
          }
          nanos = progress.awaitNanos(nanos);
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } finally {
        lock.unlock();
      }
    }

    @Override
    void close(Duration timeout) {
      lock.lock();
      try {
        closed = true;
        work.signalAll();
      } finally {
        lock.unlock();
      }
      if (await(timeout)) {
        return;
      }
      long lost;
      lock.lock();
      try {
        givingUp = true;
        work.signalAll();
        lost = queued - settled;
      } finally {
        lock.unlock();
      }
      LOG.log(Level.ERROR, "Access Links: closed with the bookkeeping of {0} unlocks (last use and"
          + " DOOR_UNLOCKED event) not stored: the store kept failing", lost);
    }

    private void writeUntilIdle() {
      List<LinkUse> batch = new ArrayList<>();
      while (true) {
        lock.lock();
        try {
          long idle = idleNanos;
          while (queue.isEmpty()) {
            if (closed || idle <= 0) {
              writerRunning = false;
              return;
            }
            idle = work.awaitNanos(idle);
          }
          long linger = LINGER.toNanos();
          while (linger > 0 && !urgent && !closed && queue.size() < MAX_BATCH) {
            linger = work.awaitNanos(linger);
          }
          urgent = false;
          for (int i = 0; i < MAX_BATCH && !queue.isEmpty(); i++) {
            batch.add(queue.removeFirst());
          }
        } catch (InterruptedException e) {
          // nobody interrupts this thread but the JVM on its way out; the next use starts a writer
          writerRunning = false;
          return;
        } finally {
          lock.unlock();
        }
        writeWithRetries(List.copyOf(batch));
        lock.lock();
        try {
          settled += batch.size();
          progress.signalAll();
        } finally {
          lock.unlock();
        }
        batch.clear();
      }
    }

    private void writeWithRetries(List<LinkUse> batch) {
      long backoff = FIRST_BACKOFF_NANOS;
      for (int failures = 0; ; failures++) {
        try {
          store.accept(batch);
          if (failures > 0) {
            LOG.log(Level.INFO, "Access Links: unlock bookkeeping stored again after {0} failed attempts", failures);
          }
          return;
        } catch (RuntimeException e) {
          if (failures % 50 == 0) {
            LOG.log(Level.WARNING, "Access Links: the store failed to record the bookkeeping of {0} unlocks;"
                + " retrying until it succeeds: {1}", batch.size(), e.toString());
          }
        }
        if (sleepUnlessGivingUp(backoff)) {
          return;
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
      }
    }

    /** Sleeps {@code nanos}, or less if {@link #close} gives up meanwhile; true if it has. */
    private boolean sleepUnlessGivingUp(long nanos) {
      lock.lock();
      try {
        long left = nanos;
        while (left > 0 && !givingUp) {
          left = work.awaitNanos(left);
        }
        return givingUp;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      } finally {
        lock.unlock();
      }
    }
  }
}
