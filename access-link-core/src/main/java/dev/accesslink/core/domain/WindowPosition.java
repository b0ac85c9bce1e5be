package dev.accesslink.core.domain;

/** Where an instant falls relative to a {@link ValidityWindow}. */
public enum WindowPosition {
  /** Before {@code validFrom}. */
  BEFORE,
  /** Inside: at or after {@code validFrom}, before {@code validUntil}. */
  INSIDE,
  /** At or after {@code validUntil}. */
  AFTER
}
