package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.DeliveryPolicy;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkException;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.LinkNotResendableException;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaExhaustedException;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.UnknownLinkException;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.memory.InMemoryAccessEvents;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
import dev.accesslink.core.port.in.LinkResolution;
import dev.accesslink.core.port.in.ChangeValidityWindowCommand;
import dev.accesslink.core.port.in.DeliveryReportCommand;
import dev.accesslink.core.port.in.DeliveryReportResult;
import dev.accesslink.core.port.in.ResendAccessLinkCommand;
import dev.accesslink.core.port.in.RevokeAccessLinkCommand;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.LinkMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A link's life after the send: resend and rotate, delivery reports, a changed window. */
@DisplayName("Link lifecycle")
class LinkLifecycleSpecTest {
  static final Instant T0 = Fixtures.T0;
  final OrganizationId org = OrganizationId.of("acme");
  final AdminId admin = AdminId.of("boss");
  final GroupId visitors = GroupId.of("visitors");
  final DoorId front = DoorId.of("front");

  final MutableClock clock = MutableClock.at(T0);
  final InMemoryAccessEvents events = new InMemoryAccessEvents();
  final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence(events);
  final RecordingLinkNotifier email = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
  final RecordingLinkNotifier sms = new RecordingLinkNotifier(DeliveryChannel.SMS);
  final DeliveryPolicy policy =
      new DeliveryPolicy(Duration.ofMinutes(2), 3, Duration.ofSeconds(30), Duration.ofMinutes(10), 50);
  final AccessLinks links;

  LinkLifecycleSpecTest() {
    persistence.organizations().save(new OrganizationSettings(org, "Acme HQ", ZoneId.of("UTC"),
        QuotaLimits.defaults().with(DeliveryChannel.SMS, 2), URI.create("https://acme.example/l/")));
    persistence.groups().put(new Group(org, visitors, "Visitors", List.of(new Door(front, "Front door"))));
    links = AccessLinks.builder().persistence(persistence).doors(new RecordingDoorController())
        .notifier(email).notifier(sms).clock(clock).deliveryPolicy(policy).dispatchEvery(Duration.ZERO).build();
  }

  static String secretOf(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  String lastSecret(RecordingLinkNotifier n) {
    List<LinkMessage> d = n.delivered();
    return secretOf(d.get(d.size() - 1).url().reveal());
  }

  boolean opens(String secret) {
    return links.resolve(secret) instanceof LinkResolution.Found;
  }

  List<AccessEventType> eventTypes() {
    return links.recentEvents(org, 100).stream().map(AccessEvent::type).toList();
  }

  SentAccessLink sendEmail() {
    return links.send(SendAccessLinkCommand.email(org, admin, "Ada Lovelace", "ada@example.com", visitors,
        ValidityWindow.always()));
  }

  SentAccessLink sendSms() {
    return links.send(SendAccessLinkCommand.sms(org, admin, "Ada Lovelace", "+14155550123", visitors,
        ValidityWindow.always()));
  }

  SentAccessLink resend(AccessLink link) {
    return links.resend(new ResendAccessLinkCommand(org, admin, link.id()));
  }

  @Nested
  @DisplayName("Resend and rotate")
  class Resend {

    @Test
    @DisplayName("an e-mail resend sends a fresh secret; every old one stops working at once; an event records it")
    void emailResend() {
      AccessLink link = sendEmail().link();
      String first = lastSecret(email);
      clock.advance(Duration.ofMinutes(5));

      SentAccessLink resent = resend(link);
      assertThat(resent.manualUrlIfAny()).isEmpty();
      assertThat(resent.link().delivery().status()).isEqualTo(DeliveryStatus.SENT);
      assertThat(email.delivered()).hasSize(2);
      String second = lastSecret(email);
      assertThat(second).isNotEqualTo(first);
      assertThat(opens(first)).as("the old e-mail's link").isFalse();
      assertThat(opens(second)).as("the new e-mail's link").isTrue();
      assertThat(eventTypes()).contains(AccessEventType.LINK_RESENT);
      assertThat(links.recentEvents(org, 100)).filteredOn(e -> e.type() == AccessEventType.LINK_RESENT)
          .singleElement().satisfies(e -> assertThat(e.actor().name()).isEqualTo("boss"));
    }

    @Test
    @DisplayName("a resend whose first attempt fails for now is retried by the dispatcher, once")
    void resendRetried() {
      AccessLink link = sendEmail().link();
      email.failNext(new DeliveryResult.TransientFailure("smtp.421"));
      assertThat(resend(link).link().delivery().status()).isEqualTo(DeliveryStatus.PENDING);
      clock.advance(Duration.ofMinutes(1));
      assertThat(links.dispatchDue().sent()).isEqualTo(1);
      assertThat(links.dispatchDue().claimed()).isZero();
      assertThat(email.delivered()).hasSize(2);
      assertThat(opens(lastSecret(email))).isTrue();
    }

    @Test
    @DisplayName("an SMS resend spends a unit of the month; with none left it is refused and nothing changes")
    void smsResendQuota() {
      AccessLink link = sendSms().link();
      String first = lastSecret(sms);
      resend(link);
      assertThat(sms.delivered()).hasSize(2);
      String second = lastSecret(sms);
      assertThat(links.quotaUsage(org).of(DeliveryChannel.SMS).used()).isEqualTo(2);

      int eventsBefore = eventTypes().size();
      assertThatThrownBy(() -> resend(link))
          .isInstanceOfSatisfying(QuotaExhaustedException.class, e -> assertThat(e.code()).isEqualTo("quota.exhausted"));
      assertThat(sms.delivered()).hasSize(2);
      assertThat(eventTypes()).hasSize(eventsBefore);
      assertThat(opens(second)).isTrue();
      assertThat(opens(first)).isFalse();
    }

    @Test
    @DisplayName("rotating a MANUAL link shows the new URL once; the old one is dead at once")
    void rotateManual() {
      SentAccessLink sent = links.send(SendAccessLinkCommand.manual(org, admin, "Ada", visitors, ValidityWindow.always()));
      String old = secretOf(sent.manualUrlIfAny().orElseThrow().reveal());
      SentAccessLink rotated = resend(sent.link());
      String fresh = secretOf(rotated.manualUrlIfAny().orElseThrow().reveal());
      assertThat(opens(old)).isFalse();
      assertThat(opens(fresh)).isTrue();
      assertThat(eventTypes()).contains(AccessEventType.LINK_ROTATED);
    }

    @Test
    @DisplayName("a revoked or ended link cannot be resent (link.not_resendable); an unknown one is link.unknown")
    void notResendable() {
      AccessLink revoked = sendEmail().link();
      links.revoke(new RevokeAccessLinkCommand(org, admin, revoked.id()));
      AccessLink ending = links.send(SendAccessLinkCommand.email(org, admin, "Bo", "bo@example.com", visitors,
          ValidityWindow.endingAt(T0.plus(Duration.ofHours(1))))).link();
      clock.advance(Duration.ofHours(2));
      int sent = email.delivered().size();

      for (AccessLink l : List.of(revoked, ending)) {
        assertThatThrownBy(() -> resend(l)).isInstanceOfSatisfying(LinkNotResendableException.class,
            e -> assertThat(e.code()).isEqualTo("link.not_resendable"));
      }
      assertThatThrownBy(() -> links.resend(new ResendAccessLinkCommand(OrganizationId.of("acme"), admin,
          Fixtures.linkId(T0)))).isInstanceOf(UnknownLinkException.class);
      assertThat(email.delivered()).hasSize(sent);
      assertThat(eventTypes()).doesNotContain(AccessEventType.LINK_RESENT);
    }
  }

  @Nested
  @DisplayName("Delivery reports")
  class Reports {

    String sidOfLast() {
      // RecordingLinkNotifier answers Sent("rec-<n>") for its n-th delivered message
      return "rec-" + sms.delivered().size();
    }

    @Test
    @DisplayName("an undelivered report after SENT revokes the link, gives the SMS unit back and is audited")
    void undelivered() {
      AccessLink link = sendSms().link();
      String secret = lastSecret(sms);
      assertThat(links.quotaUsage(org).of(DeliveryChannel.SMS).used()).isEqualTo(1);

      DeliveryReportResult r = links.recordDeliveryReport(DeliveryReportCommand.undelivered(sidOfLast(), "twilio.30003"));
      assertThat(r).isInstanceOfSatisfying(DeliveryReportResult.Applied.class, a -> {
        assertThat(a.link().id()).isEqualTo(link.id());
        assertThat(a.link().delivery().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(a.link().isRevoked()).isTrue();
      });
      assertThat(links.quotaUsage(org).of(DeliveryChannel.SMS).used()).isZero();
      assertThat(eventTypes()).contains(AccessEventType.DELIVERY_REPORTED_FAILED);
      assertThat(links.resolve(secret)).isInstanceOfSatisfying(LinkResolution.Found.class,
          f -> assertThat(f.view().status()).isEqualTo(dev.accesslink.core.domain.LinkStatus.REVOKED));
    }

    @Test
    @DisplayName("a report for an unknown message, a resent link's old message, or a delivered one changes nothing")
    void ignored() {
      assertThat(links.recordDeliveryReport(DeliveryReportCommand.undelivered("SMnothing", "twilio.30003")))
          .isInstanceOf(DeliveryReportResult.Ignored.class);
      AccessLink link = sendSms().link();
      String old = sidOfLast();
      assertThat(links.recordDeliveryReport(new DeliveryReportCommand(old, true, "")))
          .isInstanceOf(DeliveryReportResult.Ignored.class);
      resend(link);
      int events = eventTypes().size();
      assertThat(links.recordDeliveryReport(DeliveryReportCommand.undelivered(old, "twilio.30005")))
          .isInstanceOf(DeliveryReportResult.Ignored.class);
      assertThat(links.getLink(org, link.id()).isRevoked()).isFalse();
      assertThat(eventTypes()).hasSize(events);
      assertThat(links.quotaUsage(org).of(DeliveryChannel.SMS).used()).isEqualTo(2);
    }
  }

  @Nested
  @DisplayName("Change the window")
  class Window {

    @Test
    @DisplayName("one more day: the link works on, and the event says before and after")
    void extend() {
      AccessLink link = links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com", visitors,
          ValidityWindow.endingAt(T0.plus(Duration.ofDays(1))))).link();
      String secret = lastSecret(email);
      ValidityWindow longer = ValidityWindow.endingAt(T0.plus(Duration.ofDays(2)));
      AccessLink changed = links.changeWindow(new ChangeValidityWindowCommand(org, admin, link.id(), longer));
      assertThat(changed.window()).isEqualTo(longer);
      clock.advance(Duration.ofHours(36));
      assertThat(links.resolve(secret)).isInstanceOfSatisfying(LinkResolution.Found.class,
          f -> assertThat(f.view().status()).isEqualTo(dev.accesslink.core.domain.LinkStatus.ACTIVE));
      assertThat(links.recentEvents(org, 100)).filteredOn(e -> e.type() == AccessEventType.LINK_WINDOW_CHANGED)
          .singleElement().satisfies(e -> assertThat(e.detail())
              .isEqualTo("validFrom - -> -; validUntil 2026-03-16T12:00:00Z -> 2026-03-17T12:00:00Z"));
    }

    @Test
    @DisplayName("ending an e-mail link early frees its unit; reviving it needs a free one (quota.exhausted, nothing changed)")
    void quota() {
      persistence.organizations().save(new OrganizationSettings(org, "Acme HQ", ZoneId.of("UTC"),
          QuotaLimits.defaults().with(DeliveryChannel.EMAIL, 1), URI.create("https://acme.example/l/")));
      AccessLink a = sendEmail().link();
      links.changeWindow(new ChangeValidityWindowCommand(org, admin, a.id(), ValidityWindow.endingAt(T0)));
      assertThat(links.quotaUsage(org).of(DeliveryChannel.EMAIL).used()).isZero();
      AccessLink b = links.send(SendAccessLinkCommand.email(org, admin, "Bo", "bo@example.com", visitors,
          ValidityWindow.always())).link();

      int events = eventTypes().size();
      assertThatThrownBy(() -> links.changeWindow(new ChangeValidityWindowCommand(org, admin, a.id(),
          ValidityWindow.always()))).isInstanceOfSatisfying(QuotaExhaustedException.class,
              e -> assertThat(e.code()).isEqualTo("quota.exhausted"));
      assertThat(links.getLink(org, a.id()).window()).isEqualTo(ValidityWindow.endingAt(T0));
      assertThat(eventTypes()).hasSize(events);

      links.revoke(new RevokeAccessLinkCommand(org, admin, b.id()));
      links.changeWindow(new ChangeValidityWindowCommand(org, admin, a.id(), ValidityWindow.always()));
      assertThat(links.quotaUsage(org).of(DeliveryChannel.EMAIL).used()).isEqualTo(1);
    }

    @Test
    @DisplayName("a revoked link's window cannot change (link.not_changeable); dates out of range are refused")
    void refused() {
      AccessLink link = sendEmail().link();
      links.revoke(new RevokeAccessLinkCommand(org, admin, link.id()));
      assertThatThrownBy(() -> links.changeWindow(new ChangeValidityWindowCommand(org, admin, link.id(),
          ValidityWindow.always()))).isInstanceOfSatisfying(AccessLinkException.class,
              e -> assertThat(e.code()).isEqualTo("link.not_changeable"));
      assertThatThrownBy(() -> new ChangeValidityWindowCommand(org, admin, link.id(),
          ValidityWindow.endingAt(Instant.parse("+12000-01-01T00:00:00Z"))))
          .isInstanceOfSatisfying(AccessLinkException.class, e -> assertThat(e.code()).isEqualTo("validity.out_of_range"));
    }
  }
}
