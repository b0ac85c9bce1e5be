package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.port.out.store.LinkUse;
import dev.accesslink.core.port.out.store.UnlockIntent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The unlock journal: a durable note of every door command, written before the command is sent
 * and settled once the unlock's outcome is in the audit log, so that a crash at any instant leaves
 * every door that may have opened with a record: its outcome event, or an {@code
 * UNLOCK_OUTCOME_UNKNOWN} event written when the left-over intent is reconciled.
 *
 * <p>The promises every implementation owes (the testkit's {@code UnlockJournalContract} checks
 * them):
 *
 * <ul>
 *   <li>{@link #record} returns only once its intents are durable: on the store's own crash
 *       guarantee (see {@code docs/persistence.md}) they survive a crash of the process that wrote
 *       them. One call is one atomic write, so a caller that batches concurrent unlocks into one
 *       call pays one flush for all of them.
 *   <li>The journal shares its audit log with {@link AccessEvents} (and the store): an intent's
 *       outcome event is the event whose id is the intent's id.
 *   <li>{@link #settleUnknown} is exactly-once across threads and processes sharing the journal.
 *   <li>Every method reports infrastructure failure as {@link
 *       dev.accesslink.core.domain.AccessLinkInfrastructureException}.
 * </ul>
 *
 * <p>Implementations are thread-safe. All instants are passed in: a journal never reads a clock.
 */
public interface UnlockJournal {

  /**
   * Stores {@code intents}, all or none, in one atomic, durable write.
   *
   * @param intents at least one intent, with ids not yet in the journal
   * @throws IllegalArgumentException for an empty list
   * @throws dev.accesslink.core.domain.AccessLinkInfrastructureException if an id is already
   *     there (nothing is stored) or the store fails
   */
  void record(List<UnlockIntent> intents);

  /**
   * Settles the intents with these ids: their outcome events are in the audit log. Ids that are
   * not (or no longer) in the journal are ignored.
   */
  void settle(List<UUID> intents);

  /**
   * Records the bookkeeping of opened doors through {@code uses} ({@link UseLog#recordUses}) and, where
   * this journal can, settles the intents of their events (an outcome event's id is its intent's id)
   * in the same atomic write: one commit for both, instead of one for the uses and one for the
   * settlement. Either way the uses are recorded all or none, as {@link UseLog#recordUses} promises,
   * so a caller may retry a failed call as a whole.
   *
   * <p>The default only calls {@code uses.recordUses(opened)} and returns false. A journal that shares
   * its store with {@code uses} (the same persistence's {@link UseLog}) may do both and return true.
   *
   * @param uses where the uses go: the use log of the persistence this journal belongs to, or any other
   * @param opened at least one use
   * @return true if the intents of the uses' events are settled too; false if the caller must
   *     {@link #settle} them
   * @throws IllegalArgumentException for an empty list
   */
  default boolean recordUsesAndSettle(UseLog uses, List<LinkUse> opened) {
    uses.recordUses(opened);
    return false;
  }

  /**
   * Unsettled intents whose command expired at or before {@code expiredBy}, earliest expiry first,
   * at most {@code max}.
   */
  List<UnlockIntent> unsettled(Instant expiredBy, int max);

  /**
   * Settles one left-over intent, in one atomic step: if it is still unsettled, it is settled, and
   * unless the audit log already holds its outcome event (an event with the intent's id), {@code
   * unknown} is appended to the audit log. Of concurrent calls for one intent, in any number of
   * processes, at most one appends.
   *
   * @param unknown the intent's {@code UNLOCK_OUTCOME_UNKNOWN} event (its id is not the intent's)
   * @return true if this call appended {@code unknown}
   */
  boolean settleUnknown(UnlockIntent intent, AccessEvent unknown);
}
