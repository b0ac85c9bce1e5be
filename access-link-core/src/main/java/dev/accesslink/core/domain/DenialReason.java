package dev.accesslink.core.domain;

/** Why an unlock was refused. Stable names: the visitor page and the JSON API show them. */
public enum DenialReason {
  /** No link has that secret (or the text is not a secret at all). */
  UNKNOWN_LINK,
  /** The link's window has not started. */
  NOT_YET_VALID,
  /** The link's window has ended, or its countdown after the first use ({@link LinkRules#activeMinutesAfterFirstUse()}). */
  EXPIRED,
  /** The link was revoked. */
  REVOKED,
  /** The door is not one of the link's group's doors. */
  DOOR_NOT_IN_GROUP,
  /** The lock itself refused the command (jammed, locked out, command expired on arrival). */
  LOCK_REFUSED,
  /** Every use the link's use limit allows is taken ({@link LinkRules#maxUses()}). */
  USE_LIMIT_REACHED,
  /** The link has a weekly schedule and none of its slots is open now. */
  OUTSIDE_SCHEDULE,
  /** The organization closed the door to access links ({@link Door#linkAccess()}). */
  DOOR_EXCLUDED
}
