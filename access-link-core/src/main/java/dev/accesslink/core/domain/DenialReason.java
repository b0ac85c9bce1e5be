package dev.accesslink.core.domain;

/** Why an unlock was refused. Stable names: the visitor page and the JSON API show them. */
public enum DenialReason {
  /** No link has that secret (or the text is not a secret at all). */
  UNKNOWN_LINK,
  /** The link's window has not started. */
  NOT_YET_VALID,
  /** The link's window has ended. */
  EXPIRED,
  /** The link was revoked. */
  REVOKED,
  /** The door is not one of the link's group's doors. */
  DOOR_NOT_IN_GROUP,
  /** The lock itself refused the command (jammed, locked out, command expired on arrival). */
  LOCK_REFUSED
}
