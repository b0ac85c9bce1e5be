package dev.accesslink.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Weekly schedule")
class WeeklyScheduleTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

  static WeeklySchedule slot(Set<DayOfWeek> days, String from, String until) {
    return WeeklySchedule.of(ScheduleSlot.of(days, LocalTime.parse(from), LocalTime.parse(until)));
  }

  static Instant at(String zoned) {
    return ZonedDateTime.parse(zoned).toInstant();
  }

  @Nested
  @DisplayName("an ordinary week")
  class Ordinary {
    final WeeklySchedule officeHours = slot(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), "08:00", "18:00");

    @Test
    @DisplayName("from is inclusive, until exclusive, read in the organization's zone")
    void boundaries() {
      // 2026-03-02 is a Monday
      assertThat(officeHours.contains(at("2026-03-02T08:00-05:00[America/New_York]"), NEW_YORK)).isTrue();
      assertThat(officeHours.contains(at("2026-03-02T07:59-05:00[America/New_York]"), NEW_YORK)).isFalse();
      assertThat(officeHours.contains(at("2026-03-02T17:59-05:00[America/New_York]"), NEW_YORK)).isTrue();
      assertThat(officeHours.contains(at("2026-03-02T18:00-05:00[America/New_York]"), NEW_YORK)).isFalse();
      // the same instant is 14:00 in Berlin: inside there, and 08:00 in New York is outside in Berlin's Saturday
      assertThat(officeHours.contains(at("2026-03-07T08:00+01:00[Europe/Berlin]"), BERLIN)).isFalse();
    }

    @Test
    @DisplayName("the next opening after Friday evening is Monday 08:00")
    void nextOpeningOverTheWeekend() {
      Instant friday = at("2026-03-06T19:00-05:00[America/New_York]");
      assertThat(officeHours.nextOpeningAtOrAfter(friday, NEW_YORK)).isEqualTo(at("2026-03-09T08:00-04:00[America/New_York]"));
      Instant inside = at("2026-03-06T09:00-05:00[America/New_York]");
      assertThat(officeHours.nextOpeningAtOrAfter(inside, NEW_YORK)).isEqualTo(inside);
    }

    @Test
    @DisplayName("the next opening respects the window: its start, and none after its end")
    void nextOpeningInsideTheWindow() {
      Instant friday = at("2026-03-06T19:00-05:00[America/New_York]");
      assertThat(officeHours.nextOpening(friday, ValidityWindow.endingAt(friday.plusSeconds(3600)), NEW_YORK)).isEmpty();
      Instant wednesday = at("2026-03-11T10:30-04:00[America/New_York]");
      assertThat(officeHours.nextOpening(friday, ValidityWindow.startingAt(wednesday), NEW_YORK)).contains(wednesday);
    }

    @Test
    @DisplayName("a slot crossing midnight belongs to the day it starts on")
    void crossingMidnight() {
      WeeklySchedule nights = slot(EnumSet.of(DayOfWeek.FRIDAY), "22:00", "06:00");
      assertThat(nights.contains(at("2026-03-06T23:00+01:00[Europe/Berlin]"), BERLIN)).isTrue();
      assertThat(nights.contains(at("2026-03-07T05:59+01:00[Europe/Berlin]"), BERLIN)).isTrue(); // Saturday morning
      assertThat(nights.contains(at("2026-03-07T06:00+01:00[Europe/Berlin]"), BERLIN)).isFalse();
      assertThat(nights.contains(at("2026-03-07T23:00+01:00[Europe/Berlin]"), BERLIN)).isFalse(); // Saturday night
      assertThat(nights.contains(at("2026-03-06T05:00+01:00[Europe/Berlin]"), BERLIN)).isFalse(); // Friday morning
    }

    @Test
    @DisplayName("from equal to until is a whole day")
    void wholeDay() {
      WeeklySchedule saturday = slot(EnumSet.of(DayOfWeek.SATURDAY), "00:00", "00:00");
      assertThat(saturday.contains(at("2026-03-07T00:00Z[UTC]"), ZoneId.of("UTC"))).isTrue();
      assertThat(saturday.contains(at("2026-03-07T23:59Z[UTC]"), ZoneId.of("UTC"))).isTrue();
      assertThat(saturday.contains(at("2026-03-08T00:00Z[UTC]"), ZoneId.of("UTC"))).isFalse();
    }

    @Test
    @DisplayName("its stored text reads back as the same schedule")
    void textRoundTrip() {
      WeeklySchedule s = new WeeklySchedule(List.of(
          ScheduleSlot.of(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 30)),
          ScheduleSlot.of(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(22, 0), LocalTime.of(6, 0))));
      assertThat(s.toText()).isEqualTo("MON,FRI 08:00-18:30;SUN 22:00-06:00");
      assertThat(WeeklySchedule.parse(s.toText())).isEqualTo(s);
    }
  }

  @Nested
  @DisplayName("daylight saving in America/New_York (2026-03-08 02:00 skipped, 2026-11-01 01:00 repeated)")
  class NewYork {
    @Test
    @DisplayName("a slot starting in the skipped hour starts at the first valid instant, 03:00 EDT")
    void startInGap() {
      WeeklySchedule s = slot(EnumSet.of(DayOfWeek.SUNDAY), "02:30", "04:00");
      Instant transition = at("2026-03-08T03:00-04:00[America/New_York]");
      assertThat(s.contains(transition.minusSeconds(1), NEW_YORK)).isFalse(); // 01:59:59 EST
      assertThat(s.contains(transition, NEW_YORK)).isTrue();
      assertThat(s.contains(at("2026-03-08T03:59-04:00[America/New_York]"), NEW_YORK)).isTrue();
      assertThat(s.contains(at("2026-03-08T04:00-04:00[America/New_York]"), NEW_YORK)).isFalse();
      assertThat(s.nextOpeningAtOrAfter(at("2026-03-08T01:00-05:00[America/New_York]"), NEW_YORK)).isEqualTo(transition);
    }

    @Test
    @DisplayName("a night slot over the skipped hour lasts one hour less in real time")
    void nightOverGap() {
      WeeklySchedule s = slot(EnumSet.of(DayOfWeek.SATURDAY), "22:00", "06:00");
      assertThat(s.contains(at("2026-03-08T05:59-04:00[America/New_York]"), NEW_YORK)).isTrue();
      assertThat(s.contains(at("2026-03-08T06:00-04:00[America/New_York]"), NEW_YORK)).isFalse();
    }

    @Test
    @DisplayName("a slot inside the repeated hour opens once, at its first occurrence")
    void repeatedHourNotCountedTwice() {
      WeeklySchedule s = slot(EnumSet.of(DayOfWeek.SUNDAY), "01:00", "01:30");
      assertThat(s.contains(at("2026-11-01T01:15-04:00[America/New_York]"), NEW_YORK)).isTrue(); // EDT, first pass
      assertThat(s.contains(at("2026-11-01T01:15-05:00[America/New_York]"), NEW_YORK)).isFalse(); // EST, second pass
      assertThat(s.nextOpeningAtOrAfter(at("2026-11-01T01:45-04:00[America/New_York]"), NEW_YORK))
          .isEqualTo(at("2026-11-08T01:00-05:00[America/New_York]"));
    }

    @Test
    @DisplayName("a slot over the repeated hour covers the wall-clock span, one hour longer in real time")
    void slotOverRepeatedHour() {
      WeeklySchedule s = slot(EnumSet.of(DayOfWeek.SUNDAY), "00:00", "03:00");
      assertThat(s.contains(at("2026-11-01T01:30-04:00[America/New_York]"), NEW_YORK)).isTrue();
      assertThat(s.contains(at("2026-11-01T01:30-05:00[America/New_York]"), NEW_YORK)).isTrue();
      assertThat(s.contains(at("2026-11-01T03:00-05:00[America/New_York]"), NEW_YORK)).isFalse();
    }
  }

  @Nested
  @DisplayName("daylight saving in Europe/Berlin (2026-03-29 02:00 skipped, 2026-10-25 02:00 repeated)")
  class Berlin {
    @Test
    @DisplayName("a slot starting in the skipped hour starts at 03:00 CEST; one ending in it ends there")
    void gap() {
      WeeklySchedule starts = slot(EnumSet.of(DayOfWeek.SUNDAY), "02:15", "05:00");
      Instant transition = at("2026-03-29T03:00+02:00[Europe/Berlin]");
      assertThat(starts.contains(transition.minusSeconds(1), BERLIN)).isFalse();
      assertThat(starts.contains(transition, BERLIN)).isTrue();
      WeeklySchedule ends = slot(EnumSet.of(DayOfWeek.SATURDAY), "23:00", "02:30");
      assertThat(ends.contains(transition.minusSeconds(1), BERLIN)).isTrue(); // 01:59:59 CET
      assertThat(ends.contains(transition, BERLIN)).isFalse();
    }

    @Test
    @DisplayName("a slot wholly inside the skipped hour never opens that day, and opens the next week")
    void slotInsideGap() {
      WeeklySchedule s = slot(EnumSet.of(DayOfWeek.SUNDAY), "02:10", "02:50");
      assertThat(s.nextOpeningAtOrAfter(at("2026-03-29T00:00+01:00[Europe/Berlin]"), BERLIN))
          .isEqualTo(at("2026-04-05T02:10+02:00[Europe/Berlin]"));
    }

    @Test
    @DisplayName("a slot inside the repeated hour opens at its first occurrence only")
    void overlap() {
      WeeklySchedule s = slot(EnumSet.of(DayOfWeek.SUNDAY), "02:00", "02:30");
      assertThat(s.contains(at("2026-10-25T02:10+02:00[Europe/Berlin]"), BERLIN)).isTrue(); // CEST
      assertThat(s.contains(at("2026-10-25T02:10+01:00[Europe/Berlin]"), BERLIN)).isFalse(); // CET, repeated
    }
  }

  @Nested
  @DisplayName("bad input")
  class BadInput {
    @Test
    @DisplayName("is refused with typed codes")
    void refused() {
      assertThatThrownBy(() -> new WeeklySchedule(List.of()))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("schedule.slots.empty"));
      ScheduleSlot one = ScheduleSlot.of(EVERY_DAY, LocalTime.NOON, LocalTime.MIDNIGHT);
      assertThatThrownBy(() -> new WeeklySchedule(Collections.nCopies(29, one)))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("schedule.slots.too_many"));
      assertThatThrownBy(() -> ScheduleSlot.of(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("schedule.days.empty"));
      assertThatThrownBy(() -> ScheduleSlot.of(EVERY_DAY, LocalTime.of(8, 0, 30), LocalTime.MIDNIGHT))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("schedule.time.invalid"));
      assertThatThrownBy(() -> ScheduleSlot.day("MOON"))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("schedule.day.invalid"));
      assertThat(ScheduleSlot.day("tue")).isEqualTo(DayOfWeek.TUESDAY);
      assertThat(ScheduleSlot.day("Wednesday")).isEqualTo(DayOfWeek.WEDNESDAY);
    }
  }
}
