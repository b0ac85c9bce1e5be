package dev.accesslink.core.domain;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When a link may be used: from {@code validFrom} (inclusive) until {@code validUntil}
 * (exclusive). Either end may be open; both open means valid at once and never expiring.
 *
 * <p>Both ends are kept to the microsecond (finer digits are dropped), the precision every store
 * keeps, so that a window reads back as it was answered. Construction checks the order ({@code validUntil} after {@code validFrom}); whether the
 * window has already ended is a question of time, asked by {@link #requireNotEndedAt(Instant)}
 * when a link is sent.
 *
 * @param validFrom first instant of validity, or {@code null} for "at once"
 * @param validUntil first instant of invalidity, or {@code null} for "never expires"
 */
public record ValidityWindow(@Nullable Instant validFrom, @Nullable Instant validUntil) {
  private static final ValidityWindow ALWAYS = new ValidityWindow(null, null);

  /** The earliest instant a new link's window may name: 1970-01-01T00:00:00Z. */
  public static final Instant EARLIEST_SUPPORTED = Instant.EPOCH;

  /** The first instant a new link's window may no longer name: the start of the year 10000. */
  public static final Instant END_OF_SUPPORTED = Instant.parse("+10000-01-01T00:00:00Z");

  public ValidityWindow {
    validFrom = validFrom == null ? null : validFrom.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    validUntil = validUntil == null ? null : validUntil.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
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
   * Checks that both ends lie in the years 1970 to 9999, the range every store, message and page
   * can show. Asked when a link is sent; windows read back from storage are not re-checked.
   *
   * @throws InvalidInputException with code {@code validity.out_of_range} (field {@code validFrom}
   *     or {@code validUntil}) otherwise
   */
  public ValidityWindow requireSupportedRange() {
    requireSupported(validFrom, "validFrom");
    requireSupported(validUntil, "validUntil");
    return this;
  }

  private static void requireSupported(@Nullable Instant instant, String field) {
    if (instant != null && (instant.isBefore(EARLIEST_SUPPORTED) || !instant.isBefore(END_OF_SUPPORTED))) {
      throw new InvalidInputException("validity.out_of_range", field,
          "Dates must lie in the years 1970 to 9999.");
    }
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
