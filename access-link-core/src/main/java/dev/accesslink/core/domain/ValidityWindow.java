package dev.accesslink.core.domain;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When a link may be used: from {@code validFrom} (inclusive) until {@code validUntil}
 * (exclusive). Either end may be open; both open means valid at once and never expiring.
 *
 * <p>Construction checks the order ({@code validUntil} after {@code validFrom}); whether the
 * window has already ended is a question of time, asked by {@link #requireNotEndedAt(Instant)}
 * when a link is sent.
 *
 * @param validFrom first instant of validity, or {@code null} for "at once"
 * @param validUntil first instant of invalidity, or {@code null} for "never expires"
 */
public record ValidityWindow(@Nullable Instant validFrom, @Nullable Instant validUntil) {
  private static final ValidityWindow ALWAYS = new ValidityWindow(null, null);

  public ValidityWindow {
    if (validFrom != null && validUntil != null && !validUntil.isAfter(validFrom)) {
      throw new InvalidInputException(
          "validity.order", "validUntil", "'Valid until' must be after 'valid from'.");
    }
  }

  /** Valid at once, never expires. */
  public static ValidityWindow always() {
    return ALWAYS;
  }

  /** Valid from {@code from} (inclusive) until {@code until} (exclusive). */
  public static ValidityWindow between(Instant from, Instant until) {
    return new ValidityWindow(from, until);
  }

  /** Valid from {@code from}, never expires. */
  public static ValidityWindow startingAt(Instant from) {
    return new ValidityWindow(from, null);
  }

  /** Valid at once until {@code until} (exclusive). */
  public static ValidityWindow endingAt(Instant until) {
    return new ValidityWindow(null, until);
  }

  /** The start, empty when valid at once. */
  public Optional<Instant> from() {
    return Optional.ofNullable(validFrom);
  }

  /** The end, empty when the window never expires. */
  public Optional<Instant> until() {
    return Optional.ofNullable(validUntil);
  }

  /** Where {@code instant} falls: before, inside or after the window. */
  public WindowPosition positionOf(Instant instant) {
    if (validFrom != null && instant.isBefore(validFrom)) {
      return WindowPosition.BEFORE;
    }
    if (validUntil != null && !instant.isBefore(validUntil)) {
      return WindowPosition.AFTER;
    }
    return WindowPosition.INSIDE;
  }

  /** True when {@code instant} is inside the window. */
  public boolean contains(Instant instant) {
    return positionOf(instant) == WindowPosition.INSIDE;
  }

  /** True when the window has ended at {@code instant}. */
  public boolean hasEndedAt(Instant instant) {
    return validUntil != null && !instant.isBefore(validUntil);
  }

  /**
   * Checks that a new link with this window would still be usable at some point after {@code now}.
   *
   * @throws InvalidInputException with code {@code validity.ended} if {@code validUntil} is not in
   *     the future
   */
  public ValidityWindow requireNotEndedAt(Instant now) {
    if (hasEndedAt(now)) {
      throw new InvalidInputException(
          "validity.ended", "validUntil", "'Valid until' must be in the future.");
    }
    return this;
  }
}
