package dev.accesslink.core.domain;

/** A link's status at an instant, as the visitor page and the admin list show it. */
public enum LinkStatus {
  /** Usable now. */
  ACTIVE,
  /** Not revoked, but its window has not started yet. */
  NOT_YET_VALID,
  /** Not revoked, but its window has ended. */
  EXPIRED,
  /** Revoked by an administrator, or because its delivery failed for good. */
  REVOKED,
  /** Inside its window, but every use its use limit allows is taken ({@link LinkRules#maxUses()}). */
  USED_UP
}
