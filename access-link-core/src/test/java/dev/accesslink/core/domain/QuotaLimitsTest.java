package dev.accesslink.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Quotas")
class QuotaLimitsTest {

  static final OrganizationSettings NY = OrganizationSettings.of(OrganizationId.of("acme"), "Acme",
      URI.create("https://a.example/l/")).withZone(ZoneId.of("America/New_York"));

  @Test
  @DisplayName("default to 1000 live EMAIL links, 10 SMS links a month, unlimited MANUAL")
  void defaults() {
    QuotaLimits d = QuotaLimits.defaults();
    assertThat(d.limitFor(DeliveryChannel.EMAIL)).isEqualTo(1000);
    assertThat(d.limitFor(DeliveryChannel.SMS)).isEqualTo(10);
    assertThat(d.limitFor(DeliveryChannel.MANUAL)).isEqualTo(QuotaLimits.UNLIMITED);
    assertThat(DeliveryChannel.EMAIL.quotaKind()).isEqualTo(QuotaKind.LIVE_LINKS);
    assertThat(DeliveryChannel.SMS.quotaKind()).isEqualTo(QuotaKind.CREATED_PER_MONTH);
    assertThat(DeliveryChannel.MANUAL.quotaKind()).isEqualTo(QuotaKind.LIVE_LINKS);
  }

  @Test
  @DisplayName("refuse a negative limit")
  void negative() {
    assertThatThrownBy(() -> QuotaLimits.defaults().with(DeliveryChannel.SMS, -1))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("quota.limit.negative"));
  }

  @Property
  @Label("raising one channel's limit leaves the others alone")
  void withChangesOneChannel(@ForAll DeliveryChannel channel, @ForAll @LongRange(min = 0, max = 1_000_000) long limit) {
    QuotaLimits raised = QuotaLimits.defaults().with(channel, limit);
    for (DeliveryChannel c : DeliveryChannel.values()) {
      assertThat(raised.limitFor(c)).isEqualTo(c == channel ? limit : QuotaLimits.defaults().limitFor(c));
    }
  }

  @Nested
  @DisplayName("SMS month boundary")
  class MonthBoundary {
    OrganizationSettings ny = OrganizationSettings.of(OrganizationId.of("acme"), "Acme", URI.create("https://a.example/l/"))
        .withZone(ZoneId.of("America/New_York"));

    @Test
    @DisplayName("follows the organization's zone, not UTC")
    void zone() {
      // 2026-04-01T02:00Z is still March 31 in New York
      assertThat(ny.monthOf(Instant.parse("2026-04-01T02:00:00Z"))).isEqualTo(YearMonth.of(2026, 3));
      assertThat(ny.monthOf(Instant.parse("2026-04-01T04:00:00Z"))).isEqualTo(YearMonth.of(2026, 4));
      assertThat(ny.startOfNextMonth(YearMonth.of(2026, 3))).isEqualTo(Instant.parse("2026-04-01T04:00:00Z"));
    }
  }

  @Property
  @Label("every instant of a month falls before the month's reset and at or after the previous one")
  void resetBrackets(@ForAll @IntRange(min = 0, max = 400_000_000) int secondsFromEpoch2026) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(secondsFromEpoch2026);
    YearMonth m = NY.monthOf(t);
    assertThat(t).isBefore(NY.startOfNextMonth(m));
    assertThat(t).isAfterOrEqualTo(NY.startOfNextMonth(m.minusMonths(1)));
  }
}
