package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.LinkPolicy;
import dev.accesslink.core.domain.LinkRules;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.LinkStatus;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.ScheduleSlot;
import dev.accesslink.core.domain.UnknownDoorException;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.domain.WeeklySchedule;
import dev.accesslink.core.memory.InMemoryAccessEvents;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
import dev.accesslink.core.port.in.LinkResolution;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SetDoorLinkAccessCommand;
import dev.accesslink.core.port.in.SetLinkPolicyCommand;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.in.VisitorLinkView;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.core.port.out.store.QuotaKey;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Link rules beyond the window: use limits, countdown, weekly schedules, doors closed to links, policy. */
@DisplayName("Link rules")
class LinkRulesSpecTest {
  // 2026-03-16 is a Monday; 10:00 in New York
  static final Instant MONDAY_10 = ZonedDateTime.parse("2026-03-16T10:00-04:00[America/New_York]").toInstant();
  final OrganizationId org = OrganizationId.of("acme");
  final AdminId admin = AdminId.of("boss");
  final GroupId visitors = GroupId.of("visitors");
  final DoorId front = DoorId.of("front");
  final DoorId server = DoorId.of("server-room");
  final MutableClock clock = MutableClock.at(MONDAY_10);
  final InMemoryAccessEvents events = new InMemoryAccessEvents();
  final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence(events);
  final RecordingDoorController doors = new RecordingDoorController();
  final RecordingLinkNotifier email = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
  final AccessLinks links;

  LinkRulesSpecTest() {
    persistence.organizations().save(new OrganizationSettings(org, "Acme HQ", ZoneId.of("America/New_York"),
        QuotaLimits.defaults(), URI.create("https://acme.example/l/")));
    persistence.groups().put(new Group(org, visitors, "Visitors",
        List.of(new Door(front, "Front door"), new Door(server, "Server room"))));
    links = AccessLinks.builder().persistence(persistence).doors(doors).notifier(email).clock(clock)
        .dispatchEvery(Duration.ZERO).build();
  }

  @AfterEach
  void close() {
    links.close();
  }

  String send(LinkRules rules) {
    return send(rules, ValidityWindow.always());
  }

  String send(LinkRules rules, ValidityWindow window) {
    String url = links.send(SendAccessLinkCommand.manual(org, admin, "Ada", visitors, window).withRules(rules))
        .manualUrlIfAny().orElseThrow().reveal();
    return LinkSecret.parsePresented(url).orElseThrow().reveal();
  }

  UnlockOutcome unlock(String secret, DoorId door) {
    return links.unlock(new UnlockDoorCommand(secret, door));
  }

  VisitorLinkView view(String secret) {
    return ((LinkResolution.Found) links.resolve(secret)).view();
  }

  List<String> refusals() {
    return events.all().stream().filter(e -> e.type() == AccessEventType.UNLOCK_REFUSED)
        .map(e -> e.detailIfAny().orElse("")).toList();
  }

  @Nested
  @DisplayName("a use limit")
  class UseLimit {
    @Test
    @DisplayName("opens the door as many times as allowed, then refuses USE_LIMIT_REACHED (audited)")
    void limit() {
      String secret = send(LinkRules.none().withMaxUses(2));
      assertThat(view(secret).rules().usesLeft()).isEqualTo(2);
      assertThat(unlock(secret, front)).isInstanceOf(UnlockOutcome.Unlocked.class);
      assertThat(unlock(secret, front)).isInstanceOf(UnlockOutcome.Unlocked.class);
      assertThat(unlock(secret, front)).isEqualTo(new UnlockOutcome.Denied(DenialReason.USE_LIMIT_REACHED));
      assertThat(doors.commands()).hasSize(2);
      assertThat(refusals()).containsExactly("USE_LIMIT_REACHED");
      assertThat(view(secret).status()).isEqualTo(LinkStatus.USED_UP);
      assertThat(view(secret).rules().usesLeft()).isZero();
      assertThat(view(secret).rules().nextOpening()).isNull();
    }

    @Test
    @DisplayName("a use whose door refused or did not answer is given back")
    void givenBack() {
      String secret = send(LinkRules.none().withMaxUses(1));
      doors.answer(front, new DoorResponse.Refused("jammed"));
      assertThat(unlock(secret, front)).isEqualTo(new UnlockOutcome.Denied(DenialReason.LOCK_REFUSED));
      doors.answer(front, new DoorResponse.Unreachable("timeout"));
      assertThat(unlock(secret, front)).isInstanceOf(UnlockOutcome.DoorUnreachable.class);
      assertThat(view(secret).rules().usesLeft()).isEqualTo(1);
      doors.answer(front, new DoorResponse.Unlocked());
      assertThat(unlock(secret, front)).isInstanceOf(UnlockOutcome.Unlocked.class);
      assertThat(view(secret).rules().usesLeft()).isZero();
    }

    @Test
    @DisplayName("N visitors pressing at once on a 1-use link open the door exactly once")
    void race() throws Exception {
      String secret = send(LinkRules.none().withMaxUses(1));
      int n = 16;
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<UnlockOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          outcomes.add(pool.submit(() -> {
            start.await(30, TimeUnit.SECONDS);
            return unlock(secret, front);
          }));
        }
        start.countDown();
        int opened = 0;
        for (Future<UnlockOutcome> f : outcomes) {
          UnlockOutcome o = f.get(60, TimeUnit.SECONDS);
          if (o instanceof UnlockOutcome.Unlocked) {
            opened++;
          } else {
            assertThat(o).isEqualTo(new UnlockOutcome.Denied(DenialReason.USE_LIMIT_REACHED));
          }
        }
        assertThat(opened).isEqualTo(1);
        assertThat(doors.commands()).hasSize(1);
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    @DisplayName("unlimited links never take a use first")
    void unlimitedKeepsFastPath() {
      String secret = send(LinkRules.none());
      for (int i = 0; i < 3; i++) {
        assertThat(unlock(secret, front)).isInstanceOf(UnlockOutcome.Unlocked.class);
      }
      AccessLink stored = persistence.links().list(new dev.accesslink.core.port.out.store.LinkQuery(org,
          dev.accesslink.core.domain.LinkFilter.all(), null, 10)).get(0);
      assertThat(stored.usage().usesTaken()).isZero();
    }
  }

  @Nested
  @DisplayName("active after first use")
  class Countdown {
    @Test
    @DisplayName("the first opened door starts the countdown; at its end the link is EXPIRED")
    void countdown() {
      String secret = send(LinkRules.none().withActiveMinutesAfterFirstUse(15));
      clock.advance(Duration.ofHours(2)); // not started before the first use
      assertThat(unlock(secret, front)).isInstanceOf(UnlockOutcome.Unlocked.class);
      Instant first = clock.instant();
      assertThat(view(secret).rules().activeUntil()).isEqualTo(first.plus(Duration.ofMinutes(15)));
      clock.advance(Duration.ofMinutes(14));
      assertThat(unlock(secret, front)).isInstanceOf(UnlockOutcome.Unlocked.class);
      clock.advance(Duration.ofMinutes(1));
      assertThat(unlock(secret, front)).isEqualTo(new UnlockOutcome.Denied(DenialReason.EXPIRED));
      assertThat(view(secret).status()).isEqualTo(LinkStatus.EXPIRED);
    }

    @Test
    @DisplayName("a first press the lock refused does not start the countdown")
    void refusedFirstUse() {
      String secret = send(LinkRules.none().withActiveMinutesAfterFirstUse(15));
      doors.answer(front, new DoorResponse.Refused("jammed"));
      unlock(secret, front);
      assertThat(view(secret).rules().activeUntil()).isNull();
    }

    @Test
    @DisplayName("the window ends the link first when it ends first")
    void windowFirst() {
      String secret = send(LinkRules.none().withActiveMinutesAfterFirstUse(60),
          ValidityWindow.endingAt(MONDAY_10.plus(Duration.ofMinutes(30))));
      assertThat(unlock(secret, front)).isInstanceOf(UnlockOutcome.Unlocked.class);
      clock.advance(Duration.ofMinutes(30));
      assertThat(unlock(secret, front)).isEqualTo(new UnlockOutcome.Denied(DenialReason.EXPIRED));
    }
  }

  @Nested
  @DisplayName("a weekly schedule")
  class Schedule {
    final WeeklySchedule officeHours = WeeklySchedule.of(ScheduleSlot.of(
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0)));

    @Test
    @DisplayName("opens doors inside a slot, in the organization's zone, and refuses OUTSIDE_SCHEDULE outside")
    void slots() {
      String secret = send(LinkRules.none().withSchedule(officeHours));
      assertThat(unlock(secret, front)).isInstanceOf(UnlockOutcome.Unlocked.class);
      clock.advance(Duration.ofHours(8)); // 18:00 New York
      assertThat(unlock(secret, front)).isEqualTo(new UnlockOutcome.Denied(DenialReason.OUTSIDE_SCHEDULE));
      assertThat(refusals()).containsExactly("OUTSIDE_SCHEDULE");
      VisitorLinkView v = view(secret);
      assertThat(v.status()).isEqualTo(LinkStatus.ACTIVE);
      assertThat(v.rules().nextOpening())
          .isEqualTo(ZonedDateTime.parse("2026-03-17T08:00-04:00[America/New_York]").toInstant());
    }

    @Test
    @DisplayName("the next opening is none when the window ends before the next slot")
    void noNextOpening() {
      String secret = send(LinkRules.none().withSchedule(officeHours),
          ValidityWindow.endingAt(MONDAY_10.plus(Duration.ofHours(10))));
      clock.advance(Duration.ofHours(9));
      assertThat(view(secret).rules().nextOpening()).isNull();
    }
  }

  @Nested
  @DisplayName("doors closed to links")
  class Excluded {
    @Test
    @DisplayName("a closed door refuses every link with DOOR_EXCLUDED, shows as closed, and opens again")
    void closed() {
      String secret = send(LinkRules.none());
      assertThat(links.setDoorLinkAccess(new SetDoorLinkAccessCommand(org, admin, server, false)).linkAccess()).isFalse();
      assertThat(unlock(secret, server)).isEqualTo(new UnlockOutcome.Denied(DenialReason.DOOR_EXCLUDED));
      assertThat(doors.commands()).isEmpty();
      assertThat(view(secret).doors()).extracting(Door::linkAccess).containsExactly(true, false);
      assertThat(links.groups(org).get(0).door(server).orElseThrow().linkAccess()).isFalse();
      assertThat(unlock(secret, front)).isInstanceOf(UnlockOutcome.Unlocked.class);
      links.setDoorLinkAccess(new SetDoorLinkAccessCommand(org, admin, server, true));
      assertThat(unlock(secret, server)).isInstanceOf(UnlockOutcome.Unlocked.class);
      assertThat(events.all()).filteredOn(e -> e.type() == AccessEventType.DOOR_LINK_ACCESS_CHANGED)
          .extracting(AccessEvent::detail).containsExactly("excluded", "allowed");
    }

    @Test
    @DisplayName("an unknown door is door.unknown, and nothing is audited")
    void unknownDoor() {
      int before = events.all().size();
      assertThatThrownBy(() -> links.setDoorLinkAccess(new SetDoorLinkAccessCommand(org, admin, DoorId.of("nope"), false)))
          .isInstanceOfSatisfying(UnknownDoorException.class, e -> assertThat(e.code()).isEqualTo("door.unknown"));
      assertThat(events.all()).hasSize(before);
    }
  }

  @Nested
  @DisplayName("an organization policy")
  class Policy {
    @Test
    @DisplayName("refuses a send that breaks it: nothing stored, counted or sent")
    void refused() {
      links.setLinkPolicy(new SetLinkPolicyCommand(org, admin, new LinkPolicy(30, true)));
      assertThat(links.linkPolicy(org)).isEqualTo(new LinkPolicy(30, true));
      int eventsBefore = events.all().size();
      assertThatThrownBy(() -> links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com", visitors,
              ValidityWindow.always())))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("policy.expiry_required"));
      assertThatThrownBy(() -> links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com", visitors,
              ValidityWindow.endingAt(MONDAY_10.plus(Duration.ofDays(31))))))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("policy.validity_too_long"));
      assertThat(events.all()).hasSize(eventsBefore);
      assertThat(email.delivered()).isEmpty();
      assertThat(persistence.links().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), MONDAY_10)).isZero();
      links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com", visitors,
          ValidityWindow.endingAt(MONDAY_10.plus(Duration.ofDays(30)))));
      assertThat(email.delivered()).hasSize(1);
    }

    @Test
    @DisplayName("holds for a changed window too, counted from the link's creation: nothing changed when broken")
    void changedWindow() {
      AccessLink link = links.send(SendAccessLinkCommand.email(org, admin, "Ada", "ada@example.com", visitors,
          ValidityWindow.endingAt(MONDAY_10.plus(Duration.ofDays(10))))).link();
      links.setLinkPolicy(new SetLinkPolicyCommand(org, admin, new LinkPolicy(30, true)));
      int eventsBefore = events.all().size();
      assertThatThrownBy(() -> links.changeWindow(new dev.accesslink.core.port.in.ChangeValidityWindowCommand(
              org, admin, link.id(), ValidityWindow.always())))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("policy.expiry_required"));
      assertThatThrownBy(() -> links.changeWindow(new dev.accesslink.core.port.in.ChangeValidityWindowCommand(
              org, admin, link.id(), ValidityWindow.endingAt(MONDAY_10.plus(Duration.ofDays(31))))))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("policy.validity_too_long"));
      assertThat(events.all()).hasSize(eventsBefore);
      assertThat(links.getLink(org, link.id()).window()).isEqualTo(link.window());
      assertThat(links.changeWindow(new dev.accesslink.core.port.in.ChangeValidityWindowCommand(
              org, admin, link.id(), ValidityWindow.endingAt(MONDAY_10.plus(Duration.ofDays(30))))).window().validUntil())
          .isEqualTo(MONDAY_10.plus(Duration.ofDays(30)));
    }

    @Test
    @DisplayName("a policy change is audited; saving the organization keeps it")
    void keptAndAudited() {
      links.setLinkPolicy(new SetLinkPolicyCommand(org, admin, new LinkPolicy(null, true)));
      links.saveOrganization(new dev.accesslink.core.port.in.SaveOrganizationCommand(org, admin, "Acme",
          ZoneId.of("UTC"), URI.create("https://acme.example/l/")));
      assertThat(links.linkPolicy(org)).isEqualTo(new LinkPolicy(null, true));
      assertThat(events.all()).filteredOn(e -> e.type() == AccessEventType.LINK_POLICY_CHANGED)
          .extracting(AccessEvent::detail).containsExactly("maxValidityDays=none,requireExpiry=true");
    }
  }
}
