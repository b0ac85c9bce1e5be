package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.port.out.LinkRecords;

/** The result of {@link LinkRecords#revoke}. */
public sealed interface RevokeOutcome {

  /** The link is now revoked (and its live-links quota unit, if any, is free). */
  record Revoked(AccessLink link) implements RevokeOutcome {}

  /** The link was revoked before; nothing changed. */
  record AlreadyRevoked(AccessLink link) implements RevokeOutcome {}

  /** No such link in the organization. */
  record NotFound() implements RevokeOutcome {}
}
