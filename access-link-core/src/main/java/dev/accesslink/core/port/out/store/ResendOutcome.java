package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.port.out.LinkRecords;

/** The result of {@link LinkRecords#resend}. */
public sealed interface ResendOutcome {

  /** Done: the link as now stored (every earlier secret dead, the new delivery pending). */
  record Resent(AccessLink link) implements ResendOutcome {}

  /** The link is revoked or its window has ended; nothing changed. */
  record NotResendable(AccessLink link) implements ResendOutcome {}

  /** An SMS resend found no unit left in the month; nothing changed. */
  record QuotaExhausted(long used, long limit) implements ResendOutcome {}

  /** No such link in the organization. */
  record NotFound() implements ResendOutcome {}
}
