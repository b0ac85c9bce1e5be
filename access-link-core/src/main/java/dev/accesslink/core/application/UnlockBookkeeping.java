package dev.accesslink.core.application;

/**
 * When an unlock's bookkeeping (the link's last use and its {@code DOOR_UNLOCKED} audit event) is
 * written, relative to the answer the visitor gets. See {@link AccessLinks.Builder#unlockBookkeeping}.
 *
 * <p>Either way the bookkeeping is written <em>after</em> the lock has answered (the event records
 * what the lock did), so a crash of the application between the door opening and the write loses
 * that unlock's event in both modes; what differs is whether the visitor waits for the write.
 */
public enum UnlockBookkeeping {
  /**
   * The default. {@code unlock} returns as soon as the lock has answered; a background thread of
   * the {@link AccessLinks} instance writes the bookkeeping, many unlocks per write, usually within
   * a millisecond or two. A store failure does not turn an opened door into an error for the
   * visitor: the writer retries (with back-off, logging through {@link System.Logger}) until the
   * store accepts the write. The same instance's reads of last uses and of the audit log ({@code
   * list}, {@code recentEvents}) first wait for the bookkeeping of the unlocks answered before them;
   * other instances see it once written. {@link AccessLinks#close()} writes what is still queued.
   * When thousands of uses are queued because the store keeps failing, further unlocks write their
   * own bookkeeping before answering, as with {@link #BEFORE_ANSWER}.
   */
  IN_BACKGROUND,

  /**
   * {@code unlock} writes the bookkeeping on the caller's thread and returns only once the store
   * has it; a store failure is then reported to the visitor as an {@link
   * dev.accesslink.core.domain.AccessLinkInfrastructureException} although the door has opened.
   * Costs the visitor one store write (on PostgreSQL one WAL flush) per unlock.
   */
  BEFORE_ANSWER
}
