package dev.accesslink.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Link rules and organization policy")
class LinkRulesTest {
  static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

  static void refused(Runnable r, String code) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  @Nested
  @DisplayName("rules")
  class Rules {
    @Test
    @DisplayName("uses are 1 to 1,000 and minutes 1 to 10,080")
    void ranges() {
      refused(() -> new LinkRules(0, null, null), "rules.max_uses.out_of_range");
      refused(() -> new LinkRules(1001, null, null), "rules.max_uses.out_of_range");
      refused(() -> new LinkRules(null, 0, null), "rules.active_minutes.out_of_range");
      refused(() -> new LinkRules(null, 10_081, null), "rules.active_minutes.out_of_range");
      assertThat(new LinkRules(1000, 10_080, null).takesUseFirst()).isTrue();
      assertThat(LinkRules.none().takesUseFirst()).isFalse();
      assertThat(LinkRules.none().isNone()).isTrue();
    }

    @Test
    @DisplayName("a used-up link is USED_UP; a countdown ended is EXPIRED; the window still comes first")
    void status() {
      AccessLink link = AccessLink.issue(AccessLinkId.parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
          OrganizationId.of("o"), Recipient.manual("Ada"), GroupId.of("g"), ValidityWindow.endingAt(T.plusSeconds(86_400)),
          AdminId.of("a"), T, new LinkRules(2, 30, null), null, Language.ENGLISH);
      assertThat(link.statusAt(T)).isEqualTo(LinkStatus.ACTIVE);
      assertThat(link.usesLeft()).isEqualTo(2);
      AccessLink once = link.withUsage(new LinkUsage(1, T));
      assertThat(once.activeUntil()).isEqualTo(T.plus(Duration.ofMinutes(30)));
      assertThat(once.statusAt(T.plus(Duration.ofMinutes(29)))).isEqualTo(LinkStatus.ACTIVE);
      assertThat(once.statusAt(T.plus(Duration.ofMinutes(30)))).isEqualTo(LinkStatus.EXPIRED);
      AccessLink twice = link.withUsage(new LinkUsage(2, T));
      assertThat(twice.statusAt(T.plusSeconds(60))).isEqualTo(LinkStatus.USED_UP);
      assertThat(twice.statusAt(T.plusSeconds(86_400))).isEqualTo(LinkStatus.EXPIRED);
      assertThat(twice.ruleStateAt(T.plusSeconds(60), ZoneOffset.UTC).nextOpening()).isNull();
      assertThat(once.ruleStateAt(T.plusSeconds(60), ZoneOffset.UTC).usesLeft()).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("policy")
  class Policy {
    @Test
    @DisplayName("requireExpiry refuses a link that never ends")
    void expiryRequired() {
      LinkPolicy p = new LinkPolicy(null, true);
      refused(() -> p.check(ValidityWindow.always(), T), "policy.expiry_required");
      assertThatCode(() -> p.check(ValidityWindow.endingAt(T.plusSeconds(1)), T)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("maxValidityDays counts from validFrom, or from now; exactly the limit is allowed")
    void validityTooLong() {
      LinkPolicy p = new LinkPolicy(30, false);
      assertThatCode(() -> p.check(ValidityWindow.endingAt(T.plus(Duration.ofDays(30))), T)).doesNotThrowAnyException();
      refused(() -> p.check(ValidityWindow.endingAt(T.plus(Duration.ofDays(30)).plusSeconds(1)), T), "policy.validity_too_long");
      Instant from = T.plus(Duration.ofDays(100));
      assertThatCode(() -> p.check(ValidityWindow.between(from, from.plus(Duration.ofDays(30))), T)).doesNotThrowAnyException();
      refused(() -> p.check(ValidityWindow.always(), T), "policy.validity_too_long");
      refused(() -> new LinkPolicy(0, false), "policy.max_validity_days.out_of_range");
      assertThatCode(() -> LinkPolicy.none().check(ValidityWindow.always(), T)).doesNotThrowAnyException();
    }
  }
}
