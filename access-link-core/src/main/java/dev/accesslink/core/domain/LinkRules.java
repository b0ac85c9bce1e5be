package dev.accesslink.core.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What a link allows beyond its {@link ValidityWindow}: how many doors it may open, how long it
 * stays active after it first opened one, and in which weekly slots. Every rule is optional;
 * {@link #none()} is a link that opens doors any number of times, at any time of its window.
 *
 * @param maxUses how many door openings the link allows, 1 to {@value #MAX_USES}; {@code null} for
 *     no limit
 * @param activeMinutesAfterFirstUse how many minutes after its first opening the link stops
 *     working, 1 to {@value #MAX_ACTIVE_MINUTES} (a week); {@code null} for no countdown
 * @param schedule when in the week the link opens doors, in the organization's zone; {@code null}
 *     for any time
 */
public record LinkRules(
    @Nullable Integer maxUses, @Nullable Integer activeMinutesAfterFirstUse, @Nullable WeeklySchedule schedule) {
  /** The highest use limit. */
  public static final int MAX_USES = 1000;
  /** The longest countdown after the first use: one week. */
  public static final int MAX_ACTIVE_MINUTES = 10_080;

  private static final LinkRules NONE = new LinkRules(null, null, null);

  public LinkRules {
    if (maxUses != null && (maxUses < 1 || maxUses > MAX_USES)) {
      throw new InvalidInputException("rules.max_uses.out_of_range", "maxUses",
          "The number of uses is 1 to " + MAX_USES + ", or empty for no limit.");
    }
    if (activeMinutesAfterFirstUse != null
        && (activeMinutesAfterFirstUse < 1 || activeMinutesAfterFirstUse > MAX_ACTIVE_MINUTES)) {
      throw new InvalidInputException("rules.active_minutes.out_of_range", "activeMinutesAfterFirstUse",
          "Minutes after the first use are 1 to " + MAX_ACTIVE_MINUTES + " (a week), or empty for no countdown.");
    }
  }

  /** No rule beyond the window. */
  public static LinkRules none() {
    return NONE;
  }

  /** These rules with a use limit. */
  public LinkRules withMaxUses(int uses) {
    return new LinkRules(uses, activeMinutesAfterFirstUse, schedule);
  }

  /** These rules with a countdown of {@code minutes} after the first use. */
  public LinkRules withActiveMinutesAfterFirstUse(int minutes) {
    return new LinkRules(maxUses, minutes, schedule);
  }

  /** These rules with a weekly schedule. */
  public LinkRules withSchedule(WeeklySchedule weekly) {
    return new LinkRules(maxUses, activeMinutesAfterFirstUse, weekly);
  }

  /** The use limit, if any. */
  public OptionalInt maxUsesIfAny() {
    return maxUses == null ? OptionalInt.empty() : OptionalInt.of(maxUses);
  }

  /** The countdown after the first use, if any. */
  public Optional<Duration> activeAfterFirstUse() {
    return activeMinutesAfterFirstUse == null
        ? Optional.empty() : Optional.of(Duration.ofMinutes(activeMinutesAfterFirstUse));
  }

  /** The schedule, if any. */
  public Optional<WeeklySchedule> scheduleIfAny() {
    return Optional.ofNullable(schedule);
  }

  /**
   * True when an unlock must take a use in the store before its door command is sent: the link
   * has a use limit or a countdown after its first use (both depend on the uses before it).
   * Links without either keep the fast unlock path.
   */
  public boolean takesUseFirst() {
    return maxUses != null || activeMinutesAfterFirstUse != null;
  }

  /** True when no rule is set. */
  public boolean isNone() {
    return maxUses == null && activeMinutesAfterFirstUse == null && schedule == null;
  }
}
