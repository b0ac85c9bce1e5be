package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.port.out.LinkRecords;

/** The result of {@link LinkRecords#changeWindow}. */
public sealed interface WindowChangeOutcome {

  /** Changed: the link before and as now stored. */
  record Changed(AccessLink before, AccessLink after) implements WindowChangeOutcome {}

  /** The link is revoked; nothing changed. */
  record Revoked(AccessLink link) implements WindowChangeOutcome {}

  /** The link had ended and no live-links unit is free to bring it back; nothing changed. */
  record QuotaExhausted(long used, long limit) implements WindowChangeOutcome {}

  /** No such link in the organization. */
  record NotFound() implements WindowChangeOutcome {}
}
