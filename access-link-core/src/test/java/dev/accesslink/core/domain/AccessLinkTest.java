package dev.accesslink.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Access link")
class AccessLinkTest {
  static final Instant T = Instant.parse("2026-03-15T12:00:00Z");
  static final OrganizationId ORG = OrganizationId.of("acme");
  static final Group VISITORS = new Group(ORG, GroupId.of("visitors"), "Visitors",
      List.of(new Door(DoorId.of("front"), "Front door")));

  static AccessLink link(DeliveryChannel channel, ValidityWindow window) {
    Recipient r = switch (channel) {
      case EMAIL -> Recipient.email("Ada", "ada@example.com");
      case SMS -> Recipient.sms("Ada", "+14155550123");
      case MANUAL -> Recipient.manual("Ada");
    };
    return AccessLink.issue(AccessLinkId.generate(T, new SplittableRandom(1)), ORG, r, VISITORS.id(), window,
        AdminId.of("boss"), T);
  }

  @Nested
  @DisplayName("status")
  class Status {
    @Test
    @DisplayName("follows the window until revoked; revoked wins")
    void statusOverTime() {
      AccessLink l = link(DeliveryChannel.MANUAL, ValidityWindow.between(T.plusSeconds(10), T.plusSeconds(20)));
      assertThat(l.statusAt(T)).isEqualTo(LinkStatus.NOT_YET_VALID);
      assertThat(l.statusAt(T.plusSeconds(10))).isEqualTo(LinkStatus.ACTIVE);
      assertThat(l.statusAt(T.plusSeconds(20))).isEqualTo(LinkStatus.EXPIRED);
      AccessLink revoked = l.revoked(Revocation.byAdministrator(AdminId.of("boss"), T));
      assertThat(revoked.statusAt(T.plusSeconds(15))).isEqualTo(LinkStatus.REVOKED);
      assertThat(revoked.revoked(Revocation.deliveryFailed(T.plusSeconds(1)))).isSameAs(revoked);
    }

    @Test
    @DisplayName("a link counts as live until revoked or ended, even before it starts")
    void liveness() {
      AccessLink l = link(DeliveryChannel.EMAIL, ValidityWindow.between(T.plusSeconds(10), T.plusSeconds(20)));
      assertThat(l.isLiveAt(T)).isTrue();
      assertThat(l.isLiveAt(T.plusSeconds(20))).isFalse();
      assertThat(l.revoked(Revocation.byAdministrator(AdminId.of("x"), T)).isLiveAt(T)).isFalse();
    }

    @Test
    @DisplayName("EMAIL and SMS start with a pending delivery, MANUAL needs none")
    void delivery() {
      assertThat(link(DeliveryChannel.EMAIL, ValidityWindow.always()).delivery().status()).isEqualTo(DeliveryStatus.PENDING);
      assertThat(link(DeliveryChannel.SMS, ValidityWindow.always()).delivery().status()).isEqualTo(DeliveryStatus.PENDING);
      assertThat(link(DeliveryChannel.MANUAL, ValidityWindow.always()).delivery().status()).isEqualTo(DeliveryStatus.NOT_REQUIRED);
    }
  }

  @Nested
  @DisplayName("unlock decision")
  class Decision {
    AccessLink active = link(DeliveryChannel.MANUAL, ValidityWindow.endingAt(T.plusSeconds(60)));

    @Test
    @DisplayName("allows a door of the group inside the window, bypassing geofence and reader restrictions")
    void allowed() {
      UnlockDecision d = UnlockDecision.decide(active, VISITORS, DoorId.of("front"), T, java.time.ZoneOffset.UTC);
      assertThat(d).isInstanceOfSatisfying(UnlockDecision.Allowed.class, a -> assertThat(a.bypassed())
          .containsExactlyInAnyOrder(BypassedRestriction.GEOFENCE, BypassedRestriction.READER_PROXIMITY));
    }

    @Test
    @DisplayName("refuses an unknown link, a revoked, a not yet valid, an expired link, and a door outside the group")
    void refused() {
      assertThat(UnlockDecision.decide(null, VISITORS, DoorId.of("front"), T, java.time.ZoneOffset.UTC))
          .isEqualTo(new UnlockDecision.Refused(DenialReason.UNKNOWN_LINK));
      assertThat(UnlockDecision.decide(active.revoked(Revocation.byAdministrator(AdminId.of("b"), T)), VISITORS, DoorId.of("front"), T, java.time.ZoneOffset.UTC))
          .isEqualTo(new UnlockDecision.Refused(DenialReason.REVOKED));
      assertThat(UnlockDecision.decide(link(DeliveryChannel.MANUAL, ValidityWindow.startingAt(T.plusSeconds(1))), VISITORS, DoorId.of("front"), T, java.time.ZoneOffset.UTC))
          .isEqualTo(new UnlockDecision.Refused(DenialReason.NOT_YET_VALID));
      assertThat(UnlockDecision.decide(active, VISITORS, DoorId.of("front"), T.plusSeconds(60), java.time.ZoneOffset.UTC))
          .isEqualTo(new UnlockDecision.Refused(DenialReason.EXPIRED));
      assertThat(UnlockDecision.decide(active, VISITORS, DoorId.of("office"), T, java.time.ZoneOffset.UTC))
          .isEqualTo(new UnlockDecision.Refused(DenialReason.DOOR_NOT_IN_GROUP));
      assertThat(UnlockDecision.decide(active, null, DoorId.of("front"), T, java.time.ZoneOffset.UTC))
          .isEqualTo(new UnlockDecision.Refused(DenialReason.DOOR_NOT_IN_GROUP));
    }

    @Test
    @DisplayName("checks revocation before the window, so a revoked expired link says revoked")
    void order() {
      AccessLink l = active.revoked(Revocation.byAdministrator(AdminId.of("b"), T));
      assertThat(UnlockDecision.decide(l, VISITORS, DoorId.of("front"), T.plusSeconds(999), java.time.ZoneOffset.UTC))
          .isEqualTo(new UnlockDecision.Refused(DenialReason.REVOKED));
    }
  }
}
