package dev.accesslink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.jdbc.QuotaStripes.Stripe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The slow path's rebalance of a counter's stripes, without a database. */
class QuotaStripesTest {
  @Test
  @DisplayName("rebalance: caps cover the units, add up to the limit, and are all 0 over the limit")
  void rebalance() {
    for (int n = 1; n <= 17; n++) {
      List<Stripe> current = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        current.add(new Stripe(i, -1, 0, -1));
      }
      for (long l = 0; l <= 40; l++) {
        for (long total = 0; total <= 45; total++) {
          long limit = l;
          List<Stripe> next = QuotaStripes.rebalance(current, total, limit);
          String what = n + " stripes, " + total + " of " + limit;
          assertThat(next).as(what).extracting(Stripe::stripe).containsExactlyElementsOf(
              current.stream().map(Stripe::stripe).toList());
          assertThat(next).as(what).allMatch(s -> s.capLimit() == limit && s.used() >= 0);
          assertThat(next.stream().mapToLong(Stripe::used).sum()).as(what).isEqualTo(total);
          if (total <= limit) {
            assertThat(next).as(what).allMatch(s -> s.cap() >= s.used());
            assertThat(next.stream().mapToLong(Stripe::cap).sum()).as(what).isEqualTo(limit);
          } else {
            assertThat(next).as(what).allMatch(s -> s.cap() == 0);
          }
        }
      }
    }
  }
}
