package dev.accesslink.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A link's rules and where it stands with them at one instant, for the visitor page and the
 * administrator's list: uses left, the end of the countdown after the first use, and when the
 * link may next open a door.
 *
 * @param rules the link's rules
 * @param usesLeft uses left, or {@code null} without a use limit
 * @param activeUntil when the countdown after the first use ends, or {@code null} (no countdown,
 *     or not started)
 * @param nextOpening the first instant at or after the asked one at which the link may open a
 *     door by its window, countdown, uses and schedule (the instant itself when it may now), or
 *     {@code null} when it never will again
 */
public record RuleState(
    LinkRules rules, @Nullable Integer usesLeft, @Nullable Instant activeUntil, @Nullable Instant nextOpening) {
  public RuleState {
    Objects.requireNonNull(rules, "rules");
  }

  /** Uses left, if the link has a use limit. */
  public OptionalInt usesLeftIfLimited() {
    return usesLeft == null ? OptionalInt.empty() : OptionalInt.of(usesLeft);
  }

  /** The next opening, if any. */
  public Optional<Instant> nextOpeningIfAny() {
    return Optional.ofNullable(nextOpening);
  }
}
