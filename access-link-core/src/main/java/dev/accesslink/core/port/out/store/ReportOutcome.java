package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.port.out.DeliveryOutbox;

/** The result of {@link DeliveryOutbox#recordUndelivered}. */
public sealed interface ReportOutcome {

  /** The delivery is now FAILED and the link revoked, its quota unit given back. */
  record Applied(AccessLink link) implements ReportOutcome {}

  /**
   * The message is known but not the link's current, sent one (resent or superseded since, or the
   * delivery is not SENT); nothing changed.
   */
  record Stale(AccessLinkId link) implements ReportOutcome {}

  /** No attempt has that provider message id; nothing changed. */
  record Unknown() implements ReportOutcome {}
}
