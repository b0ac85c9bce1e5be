package dev.accesslink.core.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One slot of a {@link WeeklySchedule}: on each of {@code days}, from the local time {@code from}
 * (inclusive) until the local time {@code until} (exclusive), in the organization's zone.
 *
 * <p>A slot whose {@code until} is not after {@code from} crosses midnight and ends on the next
 * day ({@code 22:00}–{@code 06:00}); {@code from} equal to {@code until} is a whole day (24 hours
 * of wall-clock time, from {@code from} to the same time on the next day). {@code days} are the
 * days the slot <em>starts</em> on. Times are whole minutes.
 *
 * <p>Daylight saving: a slot starting (or ending) at a local time that a transition skips starts
 * (or ends) at the transition, the first valid instant after the gap; a local time that a
 * transition repeats is taken at its first occurrence, so a slot never opens twice for the
 * repeated hour.
 *
 * @param days the days of the week the slot starts on, at least one; copied
 * @param from the local start time, inclusive
 * @param until the local end time, exclusive
 */
public record ScheduleSlot(Set<DayOfWeek> days, LocalTime from, LocalTime until) {
  public ScheduleSlot {
    Objects.requireNonNull(days, "days");
    if (days.isEmpty()) {
      throw new InvalidInputException("schedule.days.empty", "schedule",
          "Each schedule slot needs at least one day of the week.");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
    requireWholeMinutes(Objects.requireNonNull(from, "from"));
    requireWholeMinutes(Objects.requireNonNull(until, "until"));
  }

  private static void requireWholeMinutes(LocalTime t) {
    if (t.getSecond() != 0 || t.getNano() != 0) {
      throw new InvalidInputException("schedule.time.invalid", "schedule",
          "Schedule times are hours and minutes, such as 08:00.");
    }
  }

  /** A slot on {@code days} from {@code from} until {@code until}. */
  public static ScheduleSlot of(Set<DayOfWeek> days, LocalTime from, LocalTime until) {
    return new ScheduleSlot(days, from, until);
  }

  /** The days, Monday first. */
  public List<DayOfWeek> daysInOrder() {
    return EnumSet.copyOf(days).stream().toList();
  }

  /** True when the slot ends on the day after it starts. */
  public boolean crossesMidnight() {
    return !until.isAfter(from);
  }

  /** The slot as it opens on {@code date} in {@code zone}, or null when it does not start that day. */
  Interval on(LocalDate date, ZoneId zone) {
    if (!days.contains(date.getDayOfWeek())) {
      return null;
    }
    LocalDate endDate = crossesMidnight() ? date.plusDays(1) : date;
    return new Interval(instantOf(date.atTime(from), zone), instantOf(endDate.atTime(until), zone));
  }

  /**
   * The first instant at which the wall clock of {@code zone} shows {@code local}: the earlier one
   * in an overlap, the end of the gap when a transition skips it.
   */
  static java.time.Instant instantOf(LocalDateTime local, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      return gap.getInstant();
    }
    return local.toInstant(offsets.get(0));
  }

  /** One occurrence of a slot: {@code [start, end)}. */
  record Interval(java.time.Instant start, java.time.Instant end) {
    boolean contains(java.time.Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  /** The slot as stored: {@code MON,TUE 08:00-18:00}. */
  String toText() {
    StringBuilder b = new StringBuilder();
    for (DayOfWeek d : daysInOrder()) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(d.name(), 0, 3);
    }
    return b.append(' ').append(from).append('-').append(until).toString();
  }

  static ScheduleSlot parse(String text) {
    String[] parts = text.strip().split(" ");
    if (parts.length != 2) {
      throw new IllegalArgumentException("not a schedule slot");
    }
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String d : parts[0].split(",")) {
      days.add(day(d));
    }
    String[] times = parts[1].split("-");
    if (times.length != 2) {
      throw new IllegalArgumentException("not a schedule slot");
    }
    return new ScheduleSlot(days, LocalTime.parse(times[0]), LocalTime.parse(times[1]));
  }

  /**
   * The day named by its first three letters or its full English name, in any case ({@code MON},
   * {@code monday}).
   *
   * @throws InvalidInputException with code {@code schedule.day.invalid} otherwise
   */
  public static DayOfWeek day(String name) {
    String n = name.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().equals(n) || (n.length() == 3 && d.name().startsWith(n))) {
        return d;
      }
    }
    throw new InvalidInputException("schedule.day.invalid", "schedule",
        "Days of the week are MON, TUE, WED, THU, FRI, SAT or SUN.");
  }
}
