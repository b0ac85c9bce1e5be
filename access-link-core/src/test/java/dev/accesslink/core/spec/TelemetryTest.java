package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.UnlockBookkeeping;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.UnknownGroupException;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.AccessLinkTelemetry;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What {@code AccessLinks} promises an {@link AccessLinkTelemetry}: each operation observed once,
 * each outcome reported inside its operation, and a broken telemetry never breaking a use case.
 */
@DisplayName("AccessLinks reports to its telemetry")
class TelemetryTest {
  final OrganizationId org = OrganizationId.of("acme");
  final GroupId visitors = GroupId.of("visitors");
  final DoorId front = DoorId.of("front");
  final MutableClock clock = MutableClock.at(Fixtures.T0);
  final RecordingLinkNotifier email = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
  final RecordingDoorController doors = new RecordingDoorController();
  final List<AccessLinks> built = new ArrayList<>();

  AccessLinks links(AccessLinkTelemetry telemetry) {
    InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence();
    persistence.groups().put(new Group(org, visitors, "Visitors", List.of(new Door(front, "front"))));
    persistence.organizations().save(new OrganizationSettings(org, "Acme HQ", ZoneId.of("UTC"), QuotaLimits.defaults(),
        URI.create("https://acme.example/l/")));
    AccessLinks links = AccessLinks.builder().persistence(persistence)
        .doors(doors).notifier(email).clock(clock).dispatchEvery(Duration.ZERO).unlockBookkeeping(UnlockBookkeeping.BEFORE_ANSWER)
        .telemetry(telemetry).build();
    built.add(links);
    return links;
  }

  @AfterEach
  void closeAll() {
    built.forEach(AccessLinks::close);
  }

  String sendManual(AccessLinks links) {
    String url = links.send(SendAccessLinkCommand.manual(org, Fixtures.admin(), "Ada", visitors, ValidityWindow.always()))
        .manualUrlIfAny().orElseThrow().reveal();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  /** Records each call as text, with the operations running on the thread at that moment. */
  static final class Recording implements AccessLinkTelemetry {
    final List<String> calls = new ArrayList<>();
    final Deque<Operation> running = new ArrayDeque<>();

    @Override
    public <T> T observe(Operation operation, Supplier<T> work) {
      running.push(operation);
      calls.add("begin " + operation);
      try {
        return work.get();
      } finally {
        running.pop();
        calls.add("end " + operation);
      }
    }

    private void event(String text) {
      calls.add(text + " in " + running);
    }

    @Override
    public void onSend(DeliveryChannel channel, SendOutcome outcome) {
      event("send " + channel + " " + outcome);
    }

    @Override
    public void onDelivery(DeliveryChannel channel, DeliveryOutcome outcome) {
      event("delivery " + channel + " " + outcome);
    }

    @Override
    public void onSegmentsSent(DeliveryChannel channel, int segments) {
      event("segments " + channel + " " + segments);
    }

    @Override
    public void onUnlock(UnlockResult outcome, Optional<DenialReason> reason) {
      event("unlock " + outcome + " " + reason.map(Enum::name).orElse("-"));
    }

    @Override
    public void onDoorCommand(DoorOutcome outcome) {
      event("door " + outcome);
    }

    @Override
    public void onDispatch(int claimed, int leftPending) {
      event("dispatch " + claimed + "/" + leftPending);
    }
  }

  @Test
  @DisplayName("an unlock: the door command is observed inside the unlock, each outcome inside its operation")
  void unlock() {
    Recording telemetry = new Recording();
    AccessLinks links = links(telemetry);
    String secret = sendManual(links);
    telemetry.calls.clear();

    links.unlock(new UnlockDoorCommand(secret, front));
    links.unlock(new UnlockDoorCommand(secret, DoorId.of("back")));

    assertThat(telemetry.calls).containsExactly(
        "begin UNLOCK", "begin DOOR_COMMAND", "door UNLOCKED in [DOOR_COMMAND, UNLOCK]", "end DOOR_COMMAND",
        "unlock UNLOCKED - in [UNLOCK]", "end UNLOCK",
        "begin UNLOCK", "unlock DENIED DOOR_NOT_IN_GROUP in [UNLOCK]", "end UNLOCK");
  }

  @Test
  @DisplayName("a send and a dispatcher pass: deliveries are reported inside the operation that attempted them")
  void sendAndDispatch() {
    Recording telemetry = new Recording();
    AccessLinks links = links(telemetry);
    email.failNext(new DeliveryResult.TransientFailure("smtp.421"));
    links.send(SendAccessLinkCommand.email(org, Fixtures.admin(), "Ada", "ada@example.com", visitors,
        ValidityWindow.always()));
    assertThatThrownBy(() -> links.send(SendAccessLinkCommand.manual(org, Fixtures.admin(), "Ada",
        GroupId.of("nope"), ValidityWindow.always()))).isInstanceOf(UnknownGroupException.class);
    clock.advance(Duration.ofSeconds(30));
    links.dispatchDue();

    assertThat(telemetry.calls).containsExactly(
        "begin SEND", "delivery EMAIL TRANSIENT_FAILURE in [SEND]", "send EMAIL ISSUED in [SEND]", "end SEND",
        "begin SEND", "send MANUAL REJECTED in [SEND]", "end SEND",
        "begin DISPATCH", "delivery EMAIL SENT in [DISPATCH]", "dispatch 1/0 in [DISPATCH]", "end DISPATCH");
  }

  @Test
  @DisplayName("an accepted message's billable segments are reported after its delivery, when the notifier counts them")
  void segments() {
    Recording telemetry = new Recording();
    AccessLinks links = links(telemetry);
    email.failNext(new DeliveryResult.Sent("m1", 3));
    links.send(SendAccessLinkCommand.email(org, Fixtures.admin(), "Ada", "ada@example.com", visitors,
        ValidityWindow.always()));
    links.send(SendAccessLinkCommand.email(org, Fixtures.admin(), "Bob", "bob@example.com", visitors,
        ValidityWindow.always()));

    assertThat(telemetry.calls).containsExactly(
        "begin SEND", "delivery EMAIL SENT in [SEND]", "segments EMAIL 3 in [SEND]", "send EMAIL ISSUED in [SEND]",
        "end SEND",
        "begin SEND", "delivery EMAIL SENT in [SEND]", "send EMAIL ISSUED in [SEND]", "end SEND");
  }

  @Test
  @DisplayName("a telemetry that throws everywhere changes no outcome")
  void brokenTelemetry() {
    AccessLinkTelemetry broken = new AccessLinkTelemetry() {
      @Override
      public <T> T observe(Operation operation, Supplier<T> work) {
        throw new IllegalStateException("broken observe");
      }

      @Override
      public void onUnlock(UnlockResult outcome, Optional<DenialReason> reason) {
        throw new IllegalStateException("broken onUnlock");
      }

      @Override
      public void onDoorCommand(DoorOutcome outcome) {
        throw new IllegalStateException("broken onDoorCommand");
      }

      @Override
      public void onSend(DeliveryChannel channel, SendOutcome outcome) {
        throw new IllegalStateException("broken onSend");
      }
    };
    AccessLinks links = links(broken);
    String secret = sendManual(links);
    assertThat(links.unlock(new UnlockDoorCommand(secret, front))).isInstanceOf(UnlockOutcome.Unlocked.class);
    doors.answer(front, new DoorResponse.Unreachable("timeout"));
    assertThat(links.unlock(new UnlockDoorCommand(secret, front))).isInstanceOf(UnlockOutcome.DoorUnreachable.class);
    assertThat(doors.commands()).hasSize(2); // each door command sent once, not re-run by the guard
    assertThatThrownBy(() -> links.send(SendAccessLinkCommand.manual(org, Fixtures.admin(), "Ada",
        GroupId.of("nope"), ValidityWindow.always()))).isInstanceOf(UnknownGroupException.class);
  }

  @Test
  @DisplayName("a repeat under an idempotency key is REPEATED, the key reused for another request REJECTED")
  void repeatedSends() {
    Recording telemetry = new Recording();
    AccessLinks links = links(telemetry);
    SendAccessLinkCommand first = SendAccessLinkCommand.manual(org, Fixtures.admin(), "Ada", visitors,
        ValidityWindow.always()).withIdempotencyKey("k");
    links.send(first);
    links.send(first);
    assertThatThrownBy(() -> links.send(SendAccessLinkCommand.manual(org, Fixtures.admin(), "Bob", visitors,
        ValidityWindow.always()).withIdempotencyKey("k")))
        .isInstanceOf(dev.accesslink.core.domain.IdempotencyKeyReusedException.class);

    assertThat(telemetry.calls).filteredOn(c -> c.startsWith("send ")).containsExactly(
        "send MANUAL ISSUED in [SEND]", "send MANUAL REPEATED in [SEND]", "send MANUAL REJECTED in [SEND]");
  }
}
