package dev.accesslink.core.domain;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An organization's rules for the links its administrators send: optionally a longest validity
 * ({@code maxValidityDays}: a link must end within that many days of its start) and whether every
 * link must have an expiry ({@code requireExpiry}: no "never expires"). A send that breaks the
 * policy is refused before anything is stored, counted or sent. Links sent before a policy
 * changes keep working as sent.
 *
 * @param maxValidityDays 1 to {@value #MAX_DAYS} days, or {@code null} for no limit
 * @param requireExpiry true when every link needs a {@code validUntil}
 */
public record LinkPolicy(@Nullable Integer maxValidityDays, boolean requireExpiry) {
  /** The highest value of {@code maxValidityDays}: ten years. */
  public static final int MAX_DAYS = 3653;

  private static final LinkPolicy NONE = new LinkPolicy(null, false);

  public LinkPolicy {
    if (maxValidityDays != null && (maxValidityDays < 1 || maxValidityDays > MAX_DAYS)) {
      throw new InvalidInputException("policy.max_validity_days.out_of_range", "maxValidityDays",
          "The longest validity is 1 to " + MAX_DAYS + " days, or empty for no limit.");
    }
  }

  /** No policy: any window. */
  public static LinkPolicy none() {
    return NONE;
  }

  /**
   * Checks a new link's window against the policy; {@code now} is its start when it has no
   * {@code validFrom}.
   *
   * @throws InvalidInputException {@code policy.expiry_required} (field {@code validUntil}) for a
   *     link that never expires under {@code requireExpiry}; {@code policy.validity_too_long}
   *     (field {@code validUntil}) for a link that ends more than {@code maxValidityDays} days
   *     after its start, or never
   */
  public void check(ValidityWindow window, Instant now) {
    Instant until = window.validUntil();
    if (until == null && requireExpiry) {
      throw new InvalidInputException("policy.expiry_required", "validUntil",
          "Your organization requires every link to have an end ('valid until').");
    }
    if (maxValidityDays != null) {
      Instant start = window.validFrom() != null ? window.validFrom() : now;
      if (until == null || Duration.between(start, until).compareTo(Duration.ofDays(maxValidityDays)) > 0) {
        throw new InvalidInputException("policy.validity_too_long", "validUntil",
            "Your organization allows links of at most " + maxValidityDays + " days: set 'valid until' at most "
                + maxValidityDays + " days after the start.");
      }
    }
  }
}
