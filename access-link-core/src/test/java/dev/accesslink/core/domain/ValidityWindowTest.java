package dev.accesslink.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Validity window")
class ValidityWindowTest {
  static final Instant T = Instant.parse("2026-03-15T12:00:00Z");

  @Nested
  @DisplayName("with both ends blank")
  class Open {
    @Test
    @DisplayName("is valid at once and never expires")
    void alwaysInside() {
      ValidityWindow w = ValidityWindow.always();
      assertThat(w.contains(Instant.MIN)).isTrue();
      assertThat(w.contains(Instant.MAX)).isTrue();
      assertThat(w.hasEndedAt(Instant.MAX)).isFalse();
      assertThat(w.from()).isEmpty();
      assertThat(w.until()).isEmpty();
    }
  }

  @Nested
  @DisplayName("boundaries")
  class Boundaries {
    ValidityWindow w = ValidityWindow.between(T, T.plusSeconds(3600));

    @Test
    @DisplayName("validFrom is inclusive")
    void fromInclusive() {
      assertThat(w.positionOf(T.minusNanos(1))).isEqualTo(WindowPosition.BEFORE);
      assertThat(w.positionOf(T)).isEqualTo(WindowPosition.INSIDE);
    }

    @Test
    @DisplayName("validUntil is exclusive")
    void untilExclusive() {
      assertThat(w.positionOf(T.plusSeconds(3600).minusNanos(1))).isEqualTo(WindowPosition.INSIDE);
      assertThat(w.positionOf(T.plusSeconds(3600))).isEqualTo(WindowPosition.AFTER);
      assertThat(w.hasEndedAt(T.plusSeconds(3600))).isTrue();
    }
  }

  @Nested
  @DisplayName("is refused when")
  class Refused {
    @Test
    @DisplayName("validUntil is not after validFrom")
    void order() {
      assertThatThrownBy(() -> ValidityWindow.between(T, T))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.code()).isEqualTo("validity.order");
            assertThat(e.field()).isEqualTo("validUntil");
          });
    }

    @Test
    @DisplayName("validUntil is not in the future when the link is sent")
    void ended() {
      ValidityWindow w = ValidityWindow.endingAt(T);
      assertThatThrownBy(() -> w.requireNotEndedAt(T))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("validity.ended"));
      assertThat(w.requireNotEndedAt(T.minusMillis(1))).isSameAs(w);
    }
  }

  @Property
  @Label("an instant is in exactly one position, and inside iff from <= t < until")
  void positionsPartitionTime(
      @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long from,
      @ForAll @LongRange(min = 1, max = 1_000_000) long length,
      @ForAll @LongRange(min = -2_000_000, max = 2_000_000) long t) {
    Instant f = T.plusSeconds(from);
    Instant u = f.plusSeconds(length);
    Instant at = T.plusSeconds(t);
    ValidityWindow w = ValidityWindow.between(f, u);
    boolean inside = !at.isBefore(f) && at.isBefore(u);
    assertThat(w.contains(at)).isEqualTo(inside);
    assertThat(w.positionOf(at) == WindowPosition.BEFORE).isEqualTo(at.isBefore(f));
    assertThat(w.hasEndedAt(at)).isEqualTo(!at.isBefore(u));
  }

  @Property
  @Label("a window can be built exactly when until is after from")
  void constructionRule(@ForAll @LongRange(min = -1000, max = 1000) long a, @ForAll @LongRange(min = -1000, max = 1000) long b) {
    Instant f = T.plusSeconds(a);
    Instant u = T.plusSeconds(b);
    if (u.isAfter(f)) {
      assertThat(new ValidityWindow(f, u).validUntil()).isEqualTo(u);
    } else {
      assertThatThrownBy(() -> new ValidityWindow(f, u)).isInstanceOf(InvalidInputException.class);
    }
  }

  @Nested
  @DisplayName("supported range for a new link")
  class Range {
    @Test
    @DisplayName("is the years 1970 to 9999, each end checked with its own field")
    void range() {
      assertThat(ValidityWindow.between(Instant.EPOCH, Instant.parse("9999-12-31T23:59:59Z")).requireSupportedRange())
          .isNotNull();
      assertThatThrownBy(() -> ValidityWindow.endingAt(Instant.parse("+300000-01-01T00:00:00Z")).requireSupportedRange())
          .isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.code()).isEqualTo("validity.out_of_range");
            assertThat(e.field()).isEqualTo("validUntil");
          });
      assertThatThrownBy(() -> ValidityWindow.startingAt(Instant.parse("1969-12-31T23:59:59Z")).requireSupportedRange())
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("validFrom"));
      assertThatThrownBy(() -> ValidityWindow.endingAt(ValidityWindow.END_OF_SUPPORTED).requireSupportedRange())
          .isInstanceOf(InvalidInputException.class);
    }
  }
}
