package dev.accesslink.core.domain;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Value types")
class ValueTypesTest {
  static final Instant T = Instant.parse("2026-03-15T12:00:00Z");

  @Test
  @DisplayName("have value equality")
  void equality() {
    new EqualsTester()
        .addEqualityGroup(OrganizationId.of("a"), OrganizationId.of("a"))
        .addEqualityGroup(OrganizationId.of("b"))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(ValidityWindow.always(), new ValidityWindow(null, null))
        .addEqualityGroup(ValidityWindow.startingAt(T), new ValidityWindow(T, null))
        .addEqualityGroup(ValidityWindow.between(T, T.plusSeconds(1)))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(Recipient.email("Ada", "a@b.co"), Recipient.email(" Ada ", "a@b.co"))
        .addEqualityGroup(Recipient.sms("Ada", "+14155550123"))
        .addEqualityGroup(Recipient.manual("Ada"))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(new AccessLinkId(new UUID(1, 2)), new AccessLinkId(new UUID(1, 2)))
        .addEqualityGroup(new AccessLinkId(new UUID(1, 3)))
        .testEquals();
    byte[] h = new byte[32];
    byte[] g = new byte[32];
    g[0] = 1;
    new EqualsTester()
        .addEqualityGroup(SecretHash.of(h), SecretHash.of(h.clone()))
        .addEqualityGroup(SecretHash.of(g))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(new QuotaLimits(1, 2, 3), new QuotaLimits(1, 2, 3))
        .addEqualityGroup(QuotaLimits.defaults())
        .testEquals();
  }

  @Test
  @DisplayName("reject null where no null is allowed")
  void nulls() {
    NullPointerTester tester = new NullPointerTester()
        .setDefault(OrganizationId.class, OrganizationId.of("a"))
        .setDefault(GroupId.class, GroupId.of("g"))
        .setDefault(DoorId.class, DoorId.of("d"))
        .setDefault(AdminId.class, AdminId.of("x"))
        .setDefault(Instant.class, T)
        .setDefault(ZoneId.class, ZoneId.of("UTC"))
        .setDefault(URI.class, URI.create("https://a.example/"))
        .setDefault(String.class, "Name")
        .setDefault(List.class, List.of());
    tester.testAllPublicConstructors(Group.class);
    tester.testAllPublicConstructors(Door.class);
    tester.setDefault(QuotaLimits.class, QuotaLimits.defaults());
    tester.setDefault(LinkPolicy.class, LinkPolicy.none());
    tester.testAllPublicConstructors(OrganizationSettings.class);
    tester.testAllPublicConstructors(AccessLinkId.class);
    tester.testAllPublicStaticMethods(Revocation.class);
    tester.setDefault(Actor.class, Actor.system());
    tester.setDefault(UUID.class, new UUID(1, 2));
    tester.setDefault(AccessEventType.class, AccessEventType.LINK_SENT);
    tester.testAllPublicConstructors(AccessEvent.class);
    tester.setDefault(LinkRules.class, LinkRules.none());
    tester.setDefault(LinkUsage.class, LinkUsage.none());
    tester.setDefault(java.util.Set.class, java.util.Set.of(java.time.DayOfWeek.MONDAY));
    tester.setDefault(java.time.LocalTime.class, java.time.LocalTime.NOON);
    tester.testAllPublicConstructors(ScheduleSlot.class);
    tester.testAllPublicConstructors(RuleState.class);
  }
}
