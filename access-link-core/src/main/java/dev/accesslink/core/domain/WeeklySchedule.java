package dev.accesslink.core.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When in the week a link opens doors: one or more {@link ScheduleSlot}s, read in the
 * organization's time zone at the instant of the unlock (so a change of the organization's zone
 * moves the slots with it). An instant is inside the schedule when it is inside any slot.
 *
 * @param slots 1 to {@value #MAX_SLOTS} slots; copied
 */
public record WeeklySchedule(List<ScheduleSlot> slots) {
  /** The most slots a schedule may have. */
  public static final int MAX_SLOTS = 28;

  public WeeklySchedule {
    Objects.requireNonNull(slots, "slots");
    if (slots.isEmpty()) {
      throw new InvalidInputException("schedule.slots.empty", "schedule",
          "A schedule needs at least one slot; leave the schedule out for doors at any time.");
    }
    if (slots.size() > MAX_SLOTS) {
      throw new InvalidInputException("schedule.slots.too_many", "schedule",
          "A schedule has at most " + MAX_SLOTS + " slots.");
    }
    slots = List.copyOf(slots);
  }

  /** A schedule of these slots. */
  public static WeeklySchedule of(ScheduleSlot... slots) {
    return new WeeklySchedule(List.of(slots));
  }

  /** True when {@code instant} is inside one of the slots, read in {@code zone}. */
  public boolean contains(Instant instant, ZoneId zone) {
    LocalDate day = instant.atZone(zone).toLocalDate();
    // a slot lasts at most a day (plus a transition's shift): those starting from two days before count
    for (LocalDate d = day.minusDays(2); !d.isAfter(day.plusDays(1)); d = d.plusDays(1)) {
      for (ScheduleSlot slot : slots) {
        ScheduleSlot.Interval i = slot.on(d, zone);
        if (i != null && i.contains(instant)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The first instant at or after {@code from} that is inside the schedule: {@code from} itself
   * when it is inside, else the start of the next slot. Never empty for a valid schedule (each slot
   * opens every week).
   */
  public Instant nextOpeningAtOrAfter(Instant from, ZoneId zone) {
    if (contains(from, zone)) {
      return from;
    }
    LocalDate day = from.atZone(zone).toLocalDate();
    Instant best = null;
    for (LocalDate d = day.minusDays(1); !d.isAfter(day.plusDays(8)); d = d.plusDays(1)) {
      for (ScheduleSlot slot : slots) {
        ScheduleSlot.Interval i = slot.on(d, zone);
        // an interval emptied by a transition (a slot inside a skipped hour) never opens
        if (i != null && i.start().isBefore(i.end()) && i.start().isAfter(from)
            && (best == null || i.start().isBefore(best))) {
          best = i.start();
        }
      }
      if (best != null && d.isAfter(day.plusDays(1))) {
        break;
      }
    }
    return Objects.requireNonNull(best, "a weekly slot opens within eight days");
  }

  /**
   * The first instant at or after {@code now} at which a link with this schedule and {@code window}
   * may open a door, or empty when the window ends (or has ended) before any slot opens.
   */
  public Optional<Instant> nextOpening(Instant now, ValidityWindow window, ZoneId zone) {
    Instant from = window.validFrom() != null && window.validFrom().isAfter(now) ? window.validFrom() : now;
    if (window.hasEndedAt(from)) {
      return Optional.empty();
    }
    Instant next = nextOpeningAtOrAfter(from, zone);
    return window.hasEndedAt(next) ? Optional.empty() : Optional.of(next);
  }

  /** The schedule as stored: slots separated by {@code ;}, each {@code MON,TUE 08:00-18:00}. */
  public String toText() {
    List<String> parts = new ArrayList<>();
    for (ScheduleSlot s : slots) {
      parts.add(s.toText());
    }
    return String.join(";", parts);
  }

  /**
   * A schedule read back from {@link #toText()}.
   *
   * @throws IllegalArgumentException if {@code text} is not such a schedule
   */
  public static WeeklySchedule parse(String text) {
    List<ScheduleSlot> slots = new ArrayList<>();
    try {
      for (String s : text.split(";")) {
        slots.add(ScheduleSlot.parse(s));
      }
      return new WeeklySchedule(slots);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a stored weekly schedule", e);
    }
  }
}
