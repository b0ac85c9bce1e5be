package dev.accesslink.micrometer;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.DeliveryPolicy;
import dev.accesslink.core.application.UnlockBookkeeping;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.AccessLinkTelemetry;
import dev.accesslink.testkit.Fixtures;
import dev.accesslink.testkit.MutableClock;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * A real {@link AccessLinks} on the testkit's in-memory adapters, with one organization ({@code
 * acme}: one manual link at most), a group with a front door, and a back door outside it.
 */
final class Library implements AutoCloseable {
  static final OrganizationId ACME = OrganizationId.of("acme-corp-4711");
  static final GroupId VISITORS = GroupId.of("visitors");
  static final DoorId FRONT = DoorId.of("front");
  static final DoorId BACK = DoorId.of("back");
  static final String ADDRESS = "ada@example.com";

  final MutableClock clock = MutableClock.at(Fixtures.T0);
  final RecordingLinkNotifier email = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
  final RecordingLinkNotifier sms = new RecordingLinkNotifier(DeliveryChannel.SMS);
  final RecordingDoorController doors = new RecordingDoorController();
  final AccessLinks links;

  Library(AccessLinkTelemetry telemetry) {
    InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence();
    persistence.groups().put(new Group(ACME, VISITORS, "Visitors", List.of(new Door(FRONT, "Front"))));
    persistence.organizations().save(new OrganizationSettings(ACME, "Acme HQ", ZoneId.of("UTC"),
        QuotaLimits.defaults().with(DeliveryChannel.MANUAL, 1), URI.create("https://acme.example/l/")));
    links = AccessLinks.builder().persistence(persistence)
        .doors(doors).notifier(email).notifier(sms).clock(clock).dispatchEvery(Duration.ZERO)
        .deliveryPolicy(new DeliveryPolicy(Duration.ofMinutes(2), 3, Duration.ofSeconds(30), Duration.ofMinutes(10), 50))
        .unlockBookkeeping(UnlockBookkeeping.BEFORE_ANSWER)
        .telemetry(telemetry)
        .build();
  }

  /** Sends a manual link and returns its secret. */
  String sendManual() {
    SentAccessLink sent = links.send(SendAccessLinkCommand.manual(ACME, Fixtures.admin(), "Ada", VISITORS,
        ValidityWindow.always()));
    return sent.manualUrlIfAny().orElseThrow().secret().reveal();
  }

  SentAccessLink sendEmail() {
    return links.send(SendAccessLinkCommand.email(ACME, Fixtures.admin(), "Ada", ADDRESS, VISITORS,
        ValidityWindow.always()));
  }

  SentAccessLink sendSms() {
    return links.send(SendAccessLinkCommand.sms(ACME, Fixtures.admin(), "Ada", "4155550123", VISITORS,
        ValidityWindow.always()));
  }

  UnlockOutcome unlock(String secret, DoorId door) {
    return links.unlock(new UnlockDoorCommand(secret, door));
  }

  @Override
  public void close() {
    links.close();
  }
}
