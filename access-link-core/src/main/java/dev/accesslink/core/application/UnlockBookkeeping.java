package dev.accesslink.core.application;

/**
 * How an unlock is recorded: whether a crash can leave an opened door without an audit record, and
 * whether the visitor waits for the bookkeeping (the link's last use and the unlock's outcome
 * event). See {@link AccessLinksBuilder#unlockBookkeeping}, {@code docs/architecture.md} and
 * {@code docs/persistence.md}, "What a crash can lose".
 *
 * <p>The guaranteed modes need an {@link dev.accesslink.core.port.out.UnlockJournal}: before the
 * door command leaves, its intent is written to the journal (concurrent unlocks share one write);
 * once the outcome event is stored, the intent is settled. Intents a crash leaves unsettled become
 * {@code UNLOCK_OUTCOME_UNKNOWN} events when an instance reconciles them (at start, and then
 * periodically), so every door that may have opened has a record. If the intent cannot be
 * written, the unlock fails and no command is sent.
 */
public enum UnlockBookkeeping {
  /**
   * The default. The intent is written before the command; {@code unlock} returns as soon as the
   * lock has answered, and a background thread of the {@link AccessLinks} instance writes the
   * bookkeeping, many unlocks per store write, then settles their intents. A store failure does
   * not turn an opened door into an error for the visitor: the writer retries (with back-off,
   * logging through {@link System.Logger}) until the store accepts the write. The same instance's
   * reads of last uses and of the audit log ({@code list}, {@code recentEvents}) first wait for the
   * bookkeeping of the unlocks answered before them; other instances see it once written. {@link
   * AccessLinks#close()} writes what is still queued. Costs the visitor one journal write (shared
   * with the concurrent unlocks) per unlock.
   */
  GUARANTEED,

  /**
   * Guaranteed as {@link #GUARANTEED}, and {@code unlock} also writes the bookkeeping on the
   * caller's thread, returning only once the store has it: other instances see the outcome as
   * soon as the visitor does. A store failure is then reported to the visitor as an {@link
   * dev.accesslink.core.domain.AccessLinkInfrastructureException} although the door has opened
   * (its intent stays unsettled and is reconciled). Costs the visitor two store writes per unlock.
   */
  BEFORE_ANSWER,

  /**
   * Opt-in, and named for what it risks: no journal; the bookkeeping is written in the background
   * as with {@link #GUARANTEED}, and nothing is written before the command. A crash (or {@code kill
   * -9}, or a power cut) between the door opening and the background write leaves that opening
   * with no record at all: measured under the crash test of {@code docs/persistence.md}, "What a
   * crash can lose". Saves the visitor the journal write.
   */
  MAY_LOSE_OPENINGS_ON_CRASH
}
