package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.DeliveryPolicy;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkException;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.BypassedRestriction;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.LinkStatus;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaExhaustedException;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.RevocationReason;
import dev.accesslink.core.domain.UnknownGroupException;
import dev.accesslink.core.domain.UnknownLinkException;
import dev.accesslink.core.domain.UnknownOrganizationException;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.AccessLinkPage;
import dev.accesslink.core.port.in.DispatchReport;
import dev.accesslink.core.port.in.LinkResolution;
import dev.accesslink.core.port.in.ListAccessLinksQuery;
import dev.accesslink.core.port.in.QuotaUsageReport;
import dev.accesslink.core.port.in.RevokeAccessLinkCommand;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.SetQuotaLimitsCommand;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.SecretGenerator;
import dev.accesslink.core.memory.InMemoryAccessEvents;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.InMemoryGroupDirectory;
import dev.accesslink.core.memory.InMemoryOrganizations;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
import dev.accesslink.core.port.out.LinkRecords;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The use cases, specified against the in-memory reference adapters. */
@DisplayName("Access links")
class AccessLinksSpecTest {
  static final Instant T0 = Fixtures.T0;
  final OrganizationId org = OrganizationId.of("acme");
  final AdminId admin = AdminId.of("boss");
  final GroupId visitors = GroupId.of("visitors");
  final DoorId front = DoorId.of("front");
  final DoorId office = DoorId.of("office");

  final MutableClock clock = MutableClock.at(T0);
  final InMemoryAccessEvents events = new InMemoryAccessEvents();
  final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence(events);
  final InMemoryOrganizations organizations = persistence.organizations();
  final InMemoryGroupDirectory groups = persistence.groups()
      .put(new Group(org, visitors, "Visitors", List.of(new Door(front, "Front door"))))
      .put(new Group(org, GroupId.of("staff"), "Staff",
          List.of(new Door(front, "Front door"), new Door(office, "Office"))));
  final LinkRecords store = persistence.links();
  final RecordingLinkNotifier email = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
  final RecordingLinkNotifier sms = new RecordingLinkNotifier(DeliveryChannel.SMS);
  final RecordingDoorController doors = new RecordingDoorController();
  final List<String> secretsMinted = new ArrayList<>();
  final AtomicBoolean crashNextSecret = new AtomicBoolean();
  final SecretGenerator recordingSecrets = () -> {
    if (crashNextSecret.getAndSet(false)) {
      throw new IllegalStateException("simulated crash");
    }
    LinkSecret s = Fixtures.secret();
    synchronized (secretsMinted) {
      secretsMinted.add(s.reveal());
    }
    return s;
  };
  final DeliveryPolicy policy =
      new DeliveryPolicy(Duration.ofMinutes(2), 3, Duration.ofSeconds(30), Duration.ofMinutes(10), 50);

  final AccessLinks links;

  AccessLinksSpecTest() {
    organizations.save(new OrganizationSettings(org, "Acme HQ", ZoneId.of("America/New_York"),
        QuotaLimits.defaults(), URI.create("https://acme.example/l/")));
    links = AccessLinks.builder().persistence(persistence)
        .doors(doors).notifier(email).notifier(sms).secrets(recordingSecrets).clock(clock)
        .deliveryPolicy(policy).dispatchEvery(Duration.ZERO).build(); // dispatched by hand below
  }

  SentAccessLink sendManual(ValidityWindow window) {
    return links.send(SendAccessLinkCommand.manual(org, admin, "Ada Lovelace", visitors, window));
  }

  static String secretOf(String url) {
    return LinkSecret.parsePresented(url).orElseThrow().reveal();
  }

  List<AccessEventType> eventTypes() {
    return events.all().stream().map(AccessEvent::type).toList();
  }

  @Nested
  @DisplayName("sending manually")
  class Manual {
    @Test
    @DisplayName("returns the link's URL once, stores only its hash, and opens the group's doors")
    void manualRoundTrip() {
      SentAccessLink sent = sendManual(ValidityWindow.always());
      String url = sent.manualUrlIfAny().orElseThrow().reveal();
      assertThat(url).startsWith("https://acme.example/l/");
      String secret = secretOf(url);

      LinkResolution r = links.resolve(secret);
      assertThat(r).isInstanceOfSatisfying(LinkResolution.Found.class, f -> {
        assertThat(f.view().recipientName()).isEqualTo("Ada Lovelace");
        assertThat(f.view().groupName()).isEqualTo("Visitors");
        assertThat(f.view().doors()).extracting(Door::id).containsExactly(front);
        assertThat(f.view().status()).isEqualTo(LinkStatus.ACTIVE);
      });
      assertThat(doors.commands()).as("resolving never unlocks").isEmpty();

      UnlockOutcome out = links.unlock(new UnlockDoorCommand(secret, front));
      assertThat(out).isInstanceOfSatisfying(UnlockOutcome.Unlocked.class, u -> assertThat(u.bypassed())
          .containsExactlyInAnyOrder(BypassedRestriction.GEOFENCE, BypassedRestriction.READER_PROXIMITY));
      assertThat(doors.commands()).singleElement().satisfies(c -> {
        assertThat(c.door()).isEqualTo(front);
        assertThat(c.expiresAt()).isAfter(c.issuedAt());
      });
      assertThat(links.awaitBookkeeping(Duration.ofSeconds(5))).as("bookkeeping written in the background").isTrue();
      assertThat(store.findById(org, sent.link().id()).orElseThrow().lastUsedAt()).isEqualTo(T0);
      AccessEvent unlocked = events.recent(org, 1).get(0);
      assertThat(unlocked.type()).isEqualTo(AccessEventType.DOOR_UNLOCKED);
      assertThat(unlocked.actor()).isEqualTo(new Actor(Actor.Kind.RECIPIENT, "Ada Lovelace"));
      assertThat(unlocked.detail()).contains("GEOFENCE", "READER_PROXIMITY");
    }

    @Test
    @DisplayName("the listed link carries no URL: it cannot be copied twice")
    void onlyOnce() {
      SentAccessLink sent = sendManual(ValidityWindow.always());
      String secret = secretOf(sent.manualUrlIfAny().orElseThrow().reveal());
      AccessLinkPage page = links.list(ListAccessLinksQuery.firstPage(org, 10));
      assertThat(page.items()).singleElement().extracting(AccessLink::id).isEqualTo(sent.link().id());
      assertThat(page.toString()).doesNotContain(secret);
    }

    @Test
    @DisplayName("records who issued it")
    void issuer() {
      SentAccessLink sent = sendManual(ValidityWindow.always());
      assertThat(sent.link().issuedBy()).isEqualTo(admin);
      AccessEvent e = events.all().get(0);
      assertThat(e.type()).isEqualTo(AccessEventType.LINK_SENT);
      assertThat(e.actor()).isEqualTo(Actor.administrator(admin));
    }
  }

  @Nested
  @DisplayName("sending by e-mail")
  class Email {
    @Test
    @DisplayName("delivers the URL only in the message, with a hash in the store that matches it")
    void delivered() {
      SentAccessLink sent = links.send(SendAccessLinkCommand.email(org, admin, "Ada", " Ada@Example.com ",
          visitors, ValidityWindow.always()));
      assertThat(sent.manualUrlIfAny()).isEmpty();
      assertThat(sent.link().recipient().address()).isEqualTo("ada@example.com");
      assertThat(sent.link().delivery().status()).isEqualTo(DeliveryStatus.SENT);
      LinkMessage m = email.lastTo("ada@example.com").orElseThrow();
      assertThat(m.organizationName()).isEqualTo("Acme HQ");
      assertThat(m.zone()).isEqualTo(ZoneId.of("America/New_York"));
      assertThat(links.resolve(secretOf(m.url().reveal()))).isInstanceOf(LinkResolution.Found.class);
      assertThat(eventTypes()).containsExactly(AccessEventType.LINK_SENT, AccessEventType.DELIVERY_SENT);
    }

    @Test
    @DisplayName("an SMS's billable segments, as its notifier counts them, are in the DELIVERY_SENT event; an e-mail has none")
    void segmentsRecorded() {
      sms.failNext(new DeliveryResult.Sent("SM1", 2));
      links.send(SendAccessLinkCommand.sms(org, admin, "Ada", "4155550123", visitors, ValidityWindow.always()));
      links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com", visitors, ValidityWindow.always()));
      assertThat(events.all()).filteredOn(e -> e.type() == AccessEventType.DELIVERY_SENT)
          .extracting(AccessEvent::detail).containsExactly("segments=2", null);
      assertThatThrownBy(() -> new DeliveryResult.Sent("SM1", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a transient failure is retried by the dispatcher after the backoff, with a fresh secret")
    void transientRetried() {
      email.failNext(new DeliveryResult.TransientFailure("smtp.421"));
      SentAccessLink sent = links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com",
          visitors, ValidityWindow.always()));
      assertThat(sent.link().delivery().status()).isEqualTo(DeliveryStatus.PENDING);
      assertThat(sent.link().delivery().lastError()).isEqualTo("smtp.421");
      String firstSecret = secretsMinted.get(0);

      clock.advance(Duration.ofSeconds(29));
      assertThat(links.dispatchDue().claimed()).isZero();
      clock.advance(Duration.ofSeconds(1));
      DispatchReport report = links.dispatchDue();

      assertThat(report).isEqualTo(new DispatchReport(1, 1, 0, 0, 0));
      String url = email.lastTo("ada@example.com").orElseThrow().url().reveal();
      assertThat(secretOf(url)).isNotEqualTo(firstSecret);
      assertThat(links.resolve(firstSecret)).as("the failed attempt's secret is dead").isInstanceOf(LinkResolution.Unknown.class);
      assertThat(links.resolve(secretOf(url))).isInstanceOf(LinkResolution.Found.class);
    }

    @Test
    @DisplayName("a pending delivery whose link has ended is abandoned as failed, with its DELIVERY_FAILED event")
    void endedLinkAbandoned() {
      email.failNext(new DeliveryResult.TransientFailure("smtp.421"));
      SentAccessLink sent = links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com",
          visitors, ValidityWindow.endingAt(clock.instant().plus(Duration.ofSeconds(10)))));
      clock.advance(Duration.ofMinutes(1));

      assertThat(links.dispatchDue()).isEqualTo(new DispatchReport(1, 0, 0, 1, 0));
      assertThat(email.delivered()).as("nothing delivered: the ended link is not sent").isEmpty();
      assertThat(events.all()).filteredOn(e -> e.type() == AccessEventType.DELIVERY_FAILED)
          .singleElement().satisfies(e -> {
            assertThat(e.link()).isEqualTo(sent.link().id());
            assertThat(e.detail()).isEqualTo("link.expired");
          });
      assertThat(links.dispatchDue().claimed()).isZero();
    }

    @Test
    @DisplayName("a permanent failure revokes the link and frees its quota")
    void permanentFailure() {
      email.failNext(new DeliveryResult.PermanentFailure("smtp.550"));
      SentAccessLink sent = links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com",
          visitors, ValidityWindow.always()));
      AccessLink link = sent.link();
      assertThat(link.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
      assertThat(link.revocation().reason()).isEqualTo(RevocationReason.DELIVERY_FAILED);
      assertThat(links.quotaUsage(org).of(DeliveryChannel.EMAIL).used()).isZero();
      assertThat(eventTypes()).contains(AccessEventType.DELIVERY_FAILED);
    }

    @Test
    @DisplayName("transient failures up to the attempt limit end as a failure")
    void retriesExhausted() {
      DeliveryResult busy = new DeliveryResult.TransientFailure("smtp.451");
      email.failNext(busy, busy, busy);
      links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com", visitors, ValidityWindow.always()));
      clock.advance(Duration.ofSeconds(30));
      assertThat(links.dispatchDue().retried()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(60));
      assertThat(links.dispatchDue().failed()).isEqualTo(1);
      AccessLink link = links.list(ListAccessLinksQuery.firstPage(org, 1)).items().get(0);
      assertThat(link.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
      assertThat(link.delivery().lastError()).isEqualTo("retries.exhausted:smtp.451");
      assertThat(link.delivery().attempts()).isEqualTo(3);
    }

    @Test
    @DisplayName("a crash after the store write loses nothing: the dispatcher delivers once the lease has passed")
    void crashAfterStoreWrite() {
      crashNextSecret.set(true);
      assertThatThrownBy(() -> links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com",
          visitors, ValidityWindow.always()))).hasMessageContaining("simulated crash");
      assertThat(email.delivered()).isEmpty();

      assertThat(links.dispatchDue().claimed()).as("the lease still holds").isZero();
      clock.advance(policy.lease());
      assertThat(links.dispatchDue().sent()).isEqualTo(1);
      assertThat(email.delivered()).hasSize(1);
      assertThat(links.dispatchDue().claimed()).isZero();
    }
  }

  @Nested
  @DisplayName("bad input changes nothing")
  class BadInput {
    void assertNothingHappened() {
      assertThat(links.list(ListAccessLinksQuery.firstPage(org, 10)).items()).isEmpty();
      assertThat(store.quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), clock.instant())).isZero();
      assertThat(email.delivered()).isEmpty();
      assertThat(sms.delivered()).isEmpty();
      assertThat(events.all()).isEmpty();
      assertThat(secretsMinted).isEmpty();
    }

    @Test
    @DisplayName("an invalid address is a typed error on the address field")
    void badAddress() {
      assertThatThrownBy(() -> links.send(SendAccessLinkCommand.email(org, admin, "Ada", "not-an-address",
          visitors, ValidityWindow.always())))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.code()).isEqualTo("email.syntax");
            assertThat(e.field()).isEqualTo("address");
          });
      assertNothingHappened();
    }

    @Test
    @DisplayName("an unknown group, an unknown organization, a window that has ended")
    void others() {
      assertThatThrownBy(() -> links.send(SendAccessLinkCommand.manual(org, admin, "Ada", GroupId.of("nope"),
          ValidityWindow.always()))).isInstanceOf(UnknownGroupException.class);
      assertThatThrownBy(() -> links.send(SendAccessLinkCommand.manual(OrganizationId.of("other"), admin, "Ada",
          visitors, ValidityWindow.always()))).isInstanceOf(UnknownOrganizationException.class);
      assertThatThrownBy(() -> sendManual(ValidityWindow.endingAt(T0)))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("validity.ended"));
      assertNothingHappened();
    }

    @Test
    @DisplayName("a channel with no notifier configured is refused")
    void unsupportedChannel() {
      AccessLinks emailOnly = AccessLinks.builder().persistence(persistence)
          .doors(doors).notifier(email).secrets(recordingSecrets).clock(clock).dispatchEvery(Duration.ZERO).build();
      assertThatThrownBy(() -> emailOnly.send(SendAccessLinkCommand.sms(org, admin, "Ada", "4155550123", visitors,
          ValidityWindow.always())))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("channel.unsupported"));
      assertNothingHappened();
    }

    @Test
    @DisplayName("a command without a name or with a stray address cannot even be built")
    void commandValidation() {
      assertThatThrownBy(() -> SendAccessLinkCommand.manual(org, admin, " ", visitors, ValidityWindow.always()))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("recipient.name.blank"));
      assertThatThrownBy(() -> new SendAccessLinkCommand(org, admin, "Ada", DeliveryChannel.MANUAL, "a@b.co",
          visitors, ValidityWindow.always())).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> SendAccessLinkCommand.email(org, admin, "Ada", "", visitors, ValidityWindow.always()))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("address.required"));
    }
  }

  @Nested
  @DisplayName("quotas")
  class Quotas {
    @Test
    @DisplayName("the 11th SMS link of a month is refused with used/limit and the reset in the organization's zone")
    void smsMonthly() {
      for (int i = 0; i < 10; i++) {
        links.send(SendAccessLinkCommand.sms(org, admin, "Ada", "(415) 555-01" + (10 + i), visitors, ValidityWindow.always()));
      }
      assertThatThrownBy(() -> links.send(SendAccessLinkCommand.sms(org, admin, "Ada", "4155550199", visitors,
          ValidityWindow.always())))
          .isInstanceOfSatisfying(QuotaExhaustedException.class, e -> {
            assertThat(e.code()).isEqualTo("quota.exhausted");
            assertThat(e.used()).isEqualTo(10);
            assertThat(e.limit()).isEqualTo(10);
            assertThat(e.resetsAt()).contains(Instant.parse("2026-04-01T04:00:00Z"));
          });
      assertThat(sms.delivered()).hasSize(10);
      QuotaUsageReport usage = links.quotaUsage(org);
      assertThat(usage.of(DeliveryChannel.SMS).used()).isEqualTo(10);
      assertThat(usage.of(DeliveryChannel.SMS).resets()).contains(Instant.parse("2026-04-01T04:00:00Z"));
      assertThat(usage.of(DeliveryChannel.MANUAL).unlimited()).isTrue();
    }

    @Test
    @DisplayName("an operator can raise a quota; the change is audited")
    void raise() {
      links.setQuotaLimits(new SetQuotaLimitsCommand(org, admin, QuotaLimits.defaults().with(DeliveryChannel.MANUAL, 1)));
      sendManual(ValidityWindow.always());
      assertThatThrownBy(() -> sendManual(ValidityWindow.always())).isInstanceOf(QuotaExhaustedException.class);
      links.setQuotaLimits(new SetQuotaLimitsCommand(org, admin, QuotaLimits.defaults().with(DeliveryChannel.MANUAL, 2)));
      sendManual(ValidityWindow.always());
      assertThat(eventTypes()).contains(AccessEventType.QUOTA_LIMITS_CHANGED);
      assertThat(links.quotaUsage(org).of(DeliveryChannel.MANUAL).limit()).isEqualTo(2);
    }

    @Test
    @DisplayName("an expired e-mail link frees its slot")
    void expiryFrees() {
      links.setQuotaLimits(new SetQuotaLimitsCommand(org, admin, QuotaLimits.defaults().with(DeliveryChannel.EMAIL, 1)));
      links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com", visitors,
          ValidityWindow.endingAt(T0.plus(Duration.ofHours(1)))));
      assertThatThrownBy(() -> links.send(SendAccessLinkCommand.email(org, admin, "Bob", "bob@example.com", visitors,
          ValidityWindow.always()))).isInstanceOf(QuotaExhaustedException.class);
      clock.advance(Duration.ofHours(1));
      links.send(SendAccessLinkCommand.email(org, admin, "Bob", "bob@example.com", visitors, ValidityWindow.always()));
    }
  }

  @Nested
  @DisplayName("unlocking")
  class Unlocking {
    @Test
    @DisplayName("is refused before the window, after it, after revocation, and for a door outside the group")
    void refusals() {
      String early = secretOf(sendManual(ValidityWindow.between(T0.plusSeconds(60), T0.plusSeconds(120)))
          .manualUrlIfAny().orElseThrow().reveal());
      assertThat(links.unlock(new UnlockDoorCommand(early, front))).isEqualTo(new UnlockOutcome.Denied(DenialReason.NOT_YET_VALID));
      assertThat(links.unlock(new UnlockDoorCommand(early, office))).isEqualTo(new UnlockOutcome.Denied(DenialReason.NOT_YET_VALID));
      clock.advance(Duration.ofSeconds(60));
      assertThat(links.unlock(new UnlockDoorCommand(early, office))).isEqualTo(new UnlockOutcome.Denied(DenialReason.DOOR_NOT_IN_GROUP));
      assertThat(links.unlock(new UnlockDoorCommand(early, front))).isInstanceOf(UnlockOutcome.Unlocked.class);
      clock.advance(Duration.ofSeconds(60));
      assertThat(links.unlock(new UnlockDoorCommand(early, front))).isEqualTo(new UnlockOutcome.Denied(DenialReason.EXPIRED));
      assertThat(links.unlock(new UnlockDoorCommand("garbage", front))).isEqualTo(new UnlockOutcome.Denied(DenialReason.UNKNOWN_LINK));
      assertThat(links.unlock(new UnlockDoorCommand(Fixtures.secret().reveal(), front))).isEqualTo(new UnlockOutcome.Denied(DenialReason.UNKNOWN_LINK));
      assertThat(doors.commands()).hasSize(1);
      assertThat(events.all().stream().filter(e -> e.type() == AccessEventType.UNLOCK_REFUSED).map(AccessEvent::detail))
          .containsExactly("NOT_YET_VALID", "NOT_YET_VALID", "DOOR_NOT_IN_GROUP", "EXPIRED");
    }

    @Test
    @DisplayName("revocation takes effect at once")
    void revokeAtOnce() {
      SentAccessLink sent = sendManual(ValidityWindow.always());
      String secret = secretOf(sent.manualUrlIfAny().orElseThrow().reveal());
      AccessLink revoked = links.revoke(new RevokeAccessLinkCommand(org, admin, sent.link().id()));
      assertThat(revoked.revocation().revokedBy()).isEqualTo(admin);
      assertThat(links.unlock(new UnlockDoorCommand(secret, front))).isEqualTo(new UnlockOutcome.Denied(DenialReason.REVOKED));
      assertThat(((LinkResolution.Found) links.resolve(secret)).view().status()).isEqualTo(LinkStatus.REVOKED);
      assertThat(links.revoke(new RevokeAccessLinkCommand(org, admin, sent.link().id()))).isEqualTo(revoked);
      assertThatThrownBy(() -> links.revoke(new RevokeAccessLinkCommand(org, admin, Fixtures.linkId(T0))))
          .isInstanceOf(UnknownLinkException.class);
      assertThat(eventTypes()).containsOnlyOnce(AccessEventType.LINK_REVOKED);
    }

    @Test
    @DisplayName("an unreachable or refusing lock is reported and audited")
    void lockTrouble() {
      String secret = secretOf(sendManual(ValidityWindow.always()).manualUrlIfAny().orElseThrow().reveal());
      doors.answer(front, new DoorResponse.Unreachable("timeout"));
      assertThat(links.unlock(new UnlockDoorCommand(secret, front))).isEqualTo(new UnlockOutcome.DoorUnreachable(front));
      doors.answer(front, new DoorResponse.Refused("jammed"));
      assertThat(links.unlock(new UnlockDoorCommand(secret, front))).isEqualTo(new UnlockOutcome.Denied(DenialReason.LOCK_REFUSED));
      assertThat(eventTypes()).contains(AccessEventType.DOOR_UNREACHABLE, AccessEventType.UNLOCK_REFUSED);
    }
  }

  @Nested
  @DisplayName("reading for the admin page")
  class Reading {
    @Test
    @DisplayName("groups come with their doors, by name; the audit log newest first and bounded")
    void groupsAndEvents() {
      assertThat(links.groups(org)).extracting(Group::name).containsExactly("Staff", "Visitors");
      sendManual(ValidityWindow.always());
      links.setQuotaLimits(new SetQuotaLimitsCommand(org, admin, QuotaLimits.defaults()));
      assertThat(links.recentEvents(org, 10)).extracting(AccessEvent::type)
          .containsExactly(AccessEventType.QUOTA_LIMITS_CHANGED, AccessEventType.LINK_SENT);
      assertThat(links.recentEvents(org, 1)).hasSize(1);
      assertThatThrownBy(() -> links.recentEvents(org, 0)).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> links.recentEvents(org, 501)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    @DisplayName("every admin use case refuses an unknown organization")
    void unknownOrganization() {
      OrganizationId nobody = OrganizationId.of("nobody");
      assertThatThrownBy(() -> links.groups(nobody)).isInstanceOf(UnknownOrganizationException.class);
      assertThatThrownBy(() -> links.recentEvents(nobody, 5)).isInstanceOf(UnknownOrganizationException.class);
      assertThatThrownBy(() -> links.list(ListAccessLinksQuery.firstPage(nobody, 5))).isInstanceOf(UnknownOrganizationException.class);
      assertThatThrownBy(() -> links.quotaUsage(nobody)).isInstanceOf(UnknownOrganizationException.class);
      assertThatThrownBy(() -> links.revoke(new RevokeAccessLinkCommand(nobody, admin, Fixtures.linkId(T0))))
          .isInstanceOf(UnknownOrganizationException.class);
      assertThatThrownBy(() -> links.setQuotaLimits(new SetQuotaLimitsCommand(nobody, admin, QuotaLimits.defaults())))
          .isInstanceOf(UnknownOrganizationException.class);
    }
  }

  @Nested
  @DisplayName("with a directory cache")
  class Cached {
    final java.util.concurrent.atomic.AtomicInteger groupReads = new java.util.concurrent.atomic.AtomicInteger();
    final AccessLinks cached = AccessLinks.builder().persistence(persistence)
        .groups(new dev.accesslink.core.port.out.GroupDirectory() {
          @Override
          public java.util.Optional<Group> findGroup(OrganizationId o, GroupId g) {
            groupReads.incrementAndGet();
            return groups.findGroup(o, g);
          }

          @Override
          public List<Group> groups(OrganizationId o) {
            return groups.groups(o);
          }

          @Override
          public java.util.Optional<Door> setLinkAccess(OrganizationId o, DoorId d, boolean allowed) {
            return groups.setLinkAccess(o, d, allowed);
          }
        })
        .doors(doors).secrets(recordingSecrets).clock(clock)
        .directoryCache(Duration.ofSeconds(1)).build();

    @Test
    @DisplayName("reads a group once per time-to-live; a removed door stops opening once it has passed")
    void groupCachedForTtl() {
      String secret = secretOf(cached.send(SendAccessLinkCommand.manual(org, admin, "Ada", GroupId.of("staff"),
          ValidityWindow.always())).manualUrlIfAny().orElseThrow().reveal());
      assertThat(cached.unlock(new UnlockDoorCommand(secret, office))).isInstanceOf(UnlockOutcome.Unlocked.class);
      assertThat(cached.unlock(new UnlockDoorCommand(secret, office))).isInstanceOf(UnlockOutcome.Unlocked.class);
      assertThat(groupReads.get()).isEqualTo(1);

      groups.put(new Group(org, GroupId.of("staff"), "Staff", List.of(new Door(front, "Front door"))));
      clock.advance(Duration.ofSeconds(1));
      assertThat(cached.unlock(new UnlockDoorCommand(secret, office)))
          .isEqualTo(new UnlockOutcome.Denied(DenialReason.DOOR_NOT_IN_GROUP));
      assertThat(groupReads.get()).isEqualTo(2);
    }

    @Test
    @DisplayName("never caches revocation, and applies a quota change made through it at once")
    void revocationAndOwnChanges() {
      SentAccessLink sent = cached.send(SendAccessLinkCommand.manual(org, admin, "Ada", visitors, ValidityWindow.always()));
      String secret = secretOf(sent.manualUrlIfAny().orElseThrow().reveal());
      assertThat(cached.unlock(new UnlockDoorCommand(secret, front))).isInstanceOf(UnlockOutcome.Unlocked.class);
      cached.revoke(new RevokeAccessLinkCommand(org, admin, sent.link().id()));
      assertThat(cached.unlock(new UnlockDoorCommand(secret, front))).isEqualTo(new UnlockOutcome.Denied(DenialReason.REVOKED));

      cached.setQuotaLimits(new SetQuotaLimitsCommand(org, admin, QuotaLimits.defaults().with(DeliveryChannel.MANUAL, 0)));
      assertThatThrownBy(() -> cached.send(SendAccessLinkCommand.manual(org, admin, "Bob", visitors, ValidityWindow.always())))
          .isInstanceOf(QuotaExhaustedException.class);
    }
  }

  @Nested
  @DisplayName("listing")
  class Listing {
    @Test
    @DisplayName("pages newest first with an opaque cursor, and refuses a forged cursor")
    void pages() {
      List<AccessLinkId> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        ids.add(0, sendManual(ValidityWindow.always()).link().id());
        clock.advance(Duration.ofMillis(1));
      }
      AccessLinkPage p1 = links.list(ListAccessLinksQuery.firstPage(org, 2));
      AccessLinkPage p2 = links.list(new ListAccessLinksQuery(org, dev.accesslink.core.domain.LinkFilter.all(), p1.nextCursor(), 2));
      AccessLinkPage p3 = links.list(new ListAccessLinksQuery(org, dev.accesslink.core.domain.LinkFilter.all(), p2.nextCursor(), 2));
      assertThat(p1.items()).extracting(AccessLink::id).containsExactlyElementsOf(ids.subList(0, 2));
      assertThat(p2.items()).extracting(AccessLink::id).containsExactlyElementsOf(ids.subList(2, 4));
      assertThat(p3.items()).extracting(AccessLink::id).containsExactlyElementsOf(ids.subList(4, 5));
      assertThat(p3.next()).isEmpty();
      assertThatThrownBy(() -> links.list(new ListAccessLinksQuery(org, dev.accesslink.core.domain.LinkFilter.all(), "../etc", 2)))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("page.cursor.invalid"));
      assertThatThrownBy(() -> ListAccessLinksQuery.firstPage(org, 0)).isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  @DisplayName("no secret ever appears in toString, exception messages or audit events")
  void secretsNeverLeak() {
    List<String> seen = new ArrayList<>();
    SentAccessLink manual = sendManual(ValidityWindow.endingAt(T0.plusSeconds(10)));
    seen.add(manual.toString());
    seen.add(manual.link().toString());
    links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com", visitors, ValidityWindow.always()));
    email.failNext(new DeliveryResult.PermanentFailure("smtp.550"));
    links.send(SendAccessLinkCommand.email(org, admin, "Bob", "bob@example.com", visitors, ValidityWindow.always()));
    seen.add(email.delivered().get(0).toString());
    String secret = secretOf(manual.manualUrlIfAny().orElseThrow().reveal());
    seen.add(new UnlockDoorCommand(secret, front).toString());
    seen.add(links.unlock(new UnlockDoorCommand(secret, front)).toString());
    seen.add(links.unlock(new UnlockDoorCommand(secret, office)).toString());
    clock.advance(Duration.ofSeconds(10));
    seen.add(links.unlock(new UnlockDoorCommand(secret, front)).toString());
    seen.add(links.resolve(secret).toString());
    try {
      links.revoke(new RevokeAccessLinkCommand(org, admin, Fixtures.linkId(T0)));
    } catch (AccessLinkException e) {
      seen.add(e.getMessage());
    }
    links.list(ListAccessLinksQuery.firstPage(org, 50)).items().forEach(l -> seen.add(l.toString()));
    events.all().forEach(e -> seen.add(e.toString()));

    assertThat(secretsMinted).hasSizeGreaterThanOrEqualTo(3);
    for (String s : secretsMinted) {
      assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(s));
    }
  }

  @Test
  @DisplayName("two dispatchers at once send each due delivery exactly once")
  void concurrentDispatchers() throws Exception {
    DeliveryResult busy = new DeliveryResult.TransientFailure("smtp.421");
    for (int i = 0; i < 20; i++) {
      email.failNext(busy);
      links.send(SendAccessLinkCommand.email(org, admin, "Guest " + i, "guest" + i + "@example.com", visitors,
          ValidityWindow.always()));
    }
    clock.advance(Duration.ofMinutes(5));
    Thread a = new Thread(links::dispatchDue);
    Thread b = new Thread(links::dispatchDue);
    a.start();
    b.start();
    a.join();
    b.join();
    assertThat(email.delivered()).hasSize(20);
    assertThat(email.delivered()).extracting(LinkMessage::address).doesNotHaveDuplicates();
    assertThat(links.quotaUsage(org).of(DeliveryChannel.EMAIL).used()).isEqualTo(20);
  }
}
