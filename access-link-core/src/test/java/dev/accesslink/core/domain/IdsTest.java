package dev.accesslink.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Identifiers")
class IdsTest {

  @Test
  @DisplayName("link ids are UUIDv7 carrying their creation millisecond")
  void uuidV7() {
    Instant t = Instant.parse("2026-03-15T12:00:00.123Z");
    AccessLinkId id = AccessLinkId.generate(t, new SplittableRandom(7));
    assertThat(id.value().version()).isEqualTo(7);
    assertThat(id.value().variant()).isEqualTo(2);
    assertThat(id.timestamp()).isEqualTo(t);
    assertThat(AccessLinkId.parse(id.toString())).isEqualTo(id);
  }

  @Property
  @Label("link ids sort by creation time, also as text")
  void timeOrdered(@ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long a, @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long b) {
    SplittableRandom r = new SplittableRandom(a ^ b);
    AccessLinkId x = AccessLinkId.generate(Instant.ofEpochMilli(a), r);
    AccessLinkId y = AccessLinkId.generate(Instant.ofEpochMilli(b), r);
    if (a < b) {
      assertThat(x).isLessThan(y);
      assertThat(x.toString()).isLessThan(y.toString());
    }
  }

  @Test
  @DisplayName("string ids accept letters, digits and . _ : @ - and refuse the rest")
  void stringIds() {
    assertThat(OrganizationId.of("acme-hq.1").value()).isEqualTo("acme-hq.1");
    List<String> bad = new ArrayList<>(List.of("", "-x", "a b", "a/b", "a\nb", "x".repeat(129)));
    for (String s : bad) {
      assertThatThrownBy(() -> DoorId.of(s)).isInstanceOfSatisfying(InvalidInputException.class,
          e -> assertThat(e.code()).isEqualTo("id.invalid"));
    }
    assertThatThrownBy(() -> AccessLinkId.parse("not-a-uuid")).isInstanceOf(InvalidInputException.class);
  }
}
