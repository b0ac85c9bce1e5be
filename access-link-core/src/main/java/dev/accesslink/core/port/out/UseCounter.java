package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.port.out.store.UseTake;
import java.time.Instant;

/**
 * Counts the uses of links whose rules depend on them ({@link
 * dev.accesslink.core.domain.LinkRules#takesUseFirst()}: a use limit, or a countdown after the first
 * use). An unlock of such a link takes a use here <em>before</em> its door command is sent, and
 * gives it back if the lock refuses or does not answer.
 *
 * <p>The promises (the testkit's {@code UseCounterContract} checks them): {@link #take} is atomic
 * and exact under concurrency, also across processes sharing one database: of N concurrent takes
 * on a link with F uses left, exactly F succeed. Implementations are thread-safe, share their data
 * with the {@link LinkRecords} of the same persistence (whose reads show the uses taken as {@link
 * dev.accesslink.core.domain.LinkUsage}), and report infrastructure failure as {@link
 * dev.accesslink.core.domain.AccessLinkInfrastructureException}.
 */
public interface UseCounter {

  /**
   * Takes one use of {@code link} if its use limit (if any) leaves one, in one atomic step; the
   * first use taken also sets the link's first use to {@code at}.
   *
   * @return {@link UseTake.Taken}, {@link UseTake.LimitReached} (nothing changed) or {@link
   *     UseTake.UnknownLink}
   */
  UseTake take(AccessLinkId link, Instant at);

  /**
   * Gives back a use taken at {@code takenAt} whose door did not open. When it was the only use
   * taken and it set the first use, the first use is cleared too (the countdown had not really
   * started). Never takes the count below zero; an unknown link is ignored.
   */
  void giveBack(AccessLinkId link, Instant takenAt);
}
