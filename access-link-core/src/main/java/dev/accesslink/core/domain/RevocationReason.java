package dev.accesslink.core.domain;

/** Why a link was revoked. */
public enum RevocationReason {
  /** An administrator revoked it. */
  ADMINISTRATOR,
  /** The provider rejected the delivery for good (or retries ran out); the quota was given back. */
  DELIVERY_FAILED
}
