package dev.accesslink.core.port.out;

import dev.accesslink.core.port.out.store.LinkUse;
import java.util.List;

/**
 * Where the bookkeeping of unlocks goes: each link's last use, and each unlock's {@code
 * DOOR_UNLOCKED} event, appended to the audit log that the same {@link AccessLinkPersistence}'s
 * {@link AccessEvents} reads, in the same atomic step as the last use.
 *
 * <p>The testkit's {@code UseLogContract} checks the promises below. Implementations are
 * thread-safe, share their data with the {@link LinkRecords} of the same persistence, and report
 * infrastructure failure as {@link dev.accesslink.core.domain.AccessLinkInfrastructureException}.
 * One method: a decorator is a lambda ({@code uses -> { count(uses); inner.recordUses(uses); }}).
 */
@FunctionalInterface
public interface UseLog {

  /**
   * Records the bookkeeping of one or more unlocks, in one atomic step: each link keeps its latest
   * use (uses may arrive out of order, in one call or across calls; an unknown id is ignored), and
   * each use's event is appended to the audit log, in list order. Either every use of the list is
   * recorded or none is, so a caller may retry a failed call as a whole. The unlock path calls it
   * with one use; the background writer of {@code AccessLinks} with every use that queued up while
   * its previous call ran, so that one write carries many unlocks.
   *
   * @param uses at least one use
   * @throws IllegalArgumentException for an empty list
   */
  void recordUses(List<LinkUse> uses);
}
