package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.AccessLink;

/** The result of {@link AccessLinkStore#revoke}. */
public sealed interface RevokeOutcome {

  /** The link is now revoked (and its live-links quota unit, if any, is free). */
  record Revoked(AccessLink link) implements RevokeOutcome {}

  /** The link was revoked before; nothing changed. */
  record AlreadyRevoked(AccessLink link) implements RevokeOutcome {}

  /** No such link in the organization. */
  record NotFound() implements RevokeOutcome {}
}
