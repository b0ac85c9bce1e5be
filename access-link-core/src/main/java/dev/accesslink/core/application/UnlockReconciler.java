package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.port.out.store.UnlockIntent;
import dev.accesslink.core.port.out.UnlockJournal;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Settles the unlock intents that a crashed (or partitioned) instance left behind as {@code
 * UNLOCK_OUTCOME_UNKNOWN} events: once at start, then every {@link #PERIOD} on a daemon thread
 * until {@link #close()}. An intent is left behind when its command expired {@link #GRACE} ago
 * and it is still unsettled: a live instance settles its own intents within milliseconds of the
 * lock's answer, which comes before the command expires. The journal makes each settlement
 * exactly-once, so any number of instances may reconcile at the same time. Thread-safe.
 */
final class UnlockReconciler {
  /** How long after its command expired an unsettled intent counts as left behind. */
  static final Duration GRACE = Duration.ofSeconds(30);

  /** How often a running instance looks for intents left behind by other instances. */
  static final Duration PERIOD = Duration.ofSeconds(30);

  private static final int PAGE = 100;
  /** A bound on one pass, in case a journal keeps returning intents it does not settle; the next pass goes on. */
  private static final int MAX_PAGES = 1_000;
  private static final System.Logger LOG = System.getLogger(AccessLinks.class.getName());

  private final UnlockJournal journal;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition stop = lock.newCondition();
  private boolean closed; // guarded by lock
  private @Nullable Thread thread; // guarded by lock

  UnlockReconciler(UnlockJournal journal, Clock clock) {
    this.journal = journal;
    this.clock = clock;
  }

  /** Reconciles once on the caller's thread (logging a failure), then starts the periodic thread. */
  void start() {
    reconcileLogging();
    lock.lock();
    try {
      if (!closed) {
        Thread t = new Thread(this::runPeriodically, "access-links-unlock-reconciler");
        t.setDaemon(true);
        thread = t;
        t.start();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Settles every intent left behind at the clock's now as {@code UNLOCK_OUTCOME_UNKNOWN}.
   *
   * @return how many {@code UNLOCK_OUTCOME_UNKNOWN} events this call appended
   */
  int reconcile() {
    Instant now = clock.instant();
    Instant expiredBy = now.minus(GRACE);
    int appended = 0;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      List<UnlockIntent> due = journal.unsettled(expiredBy, PAGE);
      for (UnlockIntent intent : due) {
        if (journal.settleUnknown(intent, unknownEvent(intent, now))) {
          appended++;
        }
      }
      if (due.size() < PAGE) {
        break;
      }
    }
    if (appended > 0) {
      LOG.log(Level.WARNING, "Access Links: {0} unlock commands had no recorded outcome (the application"
          + " stopped before the lock answered or before the answer was stored); recorded as"
          + " UNLOCK_OUTCOME_UNKNOWN in the audit log", appended);
    }
    return appended;
  }

  /**
   * The {@code UNLOCK_OUTCOME_UNKNOWN} event of {@code intent}: credited to the recipient, at the
   * instant the command was sent, naming the command. Its id is derived from the intent's, so it
   * never collides with the outcome event (whose id is the intent's).
   */
  static AccessEvent unknownEvent(UnlockIntent intent, Instant settledAt) {
    UUID id = UUID.nameUUIDFromBytes(("UNLOCK_OUTCOME_UNKNOWN:" + intent.id()).getBytes(StandardCharsets.UTF_8));
    return new AccessEvent(id, intent.organization(), intent.sentAt(), AccessEventType.UNLOCK_OUTCOME_UNKNOWN,
        new Actor(Actor.Kind.RECIPIENT, intent.recipient()), intent.link(), intent.door(),
        "command:" + intent.id() + " reconciled:" + settledAt);
  }

  /** Stops the periodic thread. Idempotent. */
  void close() {
    Thread t;
    lock.lock();
    try {
      closed = true;
      stop.signalAll();
      t = thread;
    } finally {
      lock.unlock();
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void runPeriodically() {
    while (true) {
      lock.lock();
      try {
        long nanos = PERIOD.toNanos();
        while (!closed && nanos > 0) {
          nanos = stop.awaitNanos(nanos);
        }
        if (closed) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      reconcileLogging();
    }
  }

  private void reconcileLogging() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Access Links: reconciling unlock intents failed; retrying in {0} s: {1}",
          PERIOD.toSeconds(), e.toString());
    }
  }
}
