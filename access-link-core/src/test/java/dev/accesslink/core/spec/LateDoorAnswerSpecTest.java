package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.DoorPolicy;
import dev.accesslink.core.application.UnlockBookkeeping;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.memory.InMemoryAccessEvents;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.InMemoryUnlockJournal;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A command never outlives the wait for its answer, and a lock's answer that arrives after the
 * visitor was answered is still recorded: a late {@code DOOR_UNLOCKED} with its delay, exactly one
 * record per opening.
 */
@DisplayName("Late door answers")
class LateDoorAnswerSpecTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  final OrganizationId org = OrganizationId.of("acme");
  final GroupId visitors = GroupId.of("visitors");
  final DoorId front = DoorId.of("front");
  final MutableClock clock = MutableClock.at(Fixtures.T0);
  final InMemoryAccessEvents events = new InMemoryAccessEvents();
  final AtomicBoolean unreachableWritesFail = new AtomicBoolean();
  /** The audit log, failing to store DOOR_UNREACHABLE events while {@link #unreachableWritesFail} is set. */
  final AccessEvents audit = new AccessEvents() {
    @Override
    public void record(AccessEvent event) {
      if (unreachableWritesFail.get() && event.type() == AccessEventType.DOOR_UNREACHABLE) {
        throw new AccessLinkInfrastructureException("database: insert event failed");
      }
      events.record(event);
    }

    @Override
    public List<AccessEvent> recent(OrganizationId organization, int limit) {
      return events.recent(organization, limit);
    }
  };
  final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence(audit);
  final InMemoryUnlockJournal journal = new InMemoryUnlockJournal(events);
  final FrozenLock lock = new FrozenLock();
  final List<AccessLinks> built = new ArrayList<>();

  LateDoorAnswerSpecTest() {
    persistence.groups().put(new Group(org, visitors, "Visitors", List.of(new Door(front, "Front"))));
    persistence.organizations().save(new OrganizationSettings(org, "Acme HQ", ZoneId.of("UTC"),
        QuotaLimits.defaults(), URI.create("https://acme.example/l/")));
  }

  /**
   * A lock that acts but whose answer is held up: every unlock is Unreachable("timeout"), and the
   * test hands over the late answer when it likes.
   */
  static final class FrozenLock implements DoorController {
    final List<DoorCommand> commands = new ArrayList<>();
    final List<Consumer<DoorResponse>> lateAnswers = new ArrayList<>();
    /** An answer to hand over before unlock returns (the answer races the visitor's). */
    DoorResponse racing;
    DoorResponse answer = new DoorResponse.Unreachable("timeout");

    @Override
    public DoorResponse unlock(DoorCommand command) {
      throw new AssertionError("the core asks for late answers");
    }

    @Override
    public synchronized DoorResponse unlock(DoorCommand command, Consumer<DoorResponse> lateAnswer) {
      commands.add(command);
      lateAnswers.add(lateAnswer);
      if (racing != null) {
        lateAnswer.accept(racing);
      }
      return answer;
    }

    synchronized void answerLate(DoorResponse response) {
      lateAnswers.get(lateAnswers.size() - 1).accept(response);
    }
  }

  AccessLinks instance(UnlockBookkeeping bookkeeping) {
    AccessLinks links = AccessLinks.builder().persistence(persistence).unlockJournal(journal).doors(lock)
        .unlockBookkeeping(bookkeeping).clock(clock).build();
    built.add(links);
    return links;
  }

  AccessLinks instance() {
    return instance(UnlockBookkeeping.GUARANTEED);
  }

  @AfterEach
  void closeAll() {
    built.forEach(AccessLinks::close);
  }

  String sendManual(AccessLinks links) {
    String url = links.send(SendAccessLinkCommand.manual(org, AdminId.of("boss"), "Ada Lovelace", visitors,
        ValidityWindow.always())).manualUrlIfAny().orElseThrow().reveal();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  List<AccessEvent> events(AccessEventType type) {
    return events.all().stream().filter(e -> e.type() == type).toList();
  }

  @Nested
  @DisplayName("a command's expiry")
  class Expiry {
    @Test
    @DisplayName("is the moment the visitor is answered less the clock-skew allowance: 4 s after issue by default")
    void neverAfterTheWait() {
      AccessLinks links = instance();
      links.unlock(new UnlockDoorCommand(sendManual(links), front));
      DoorCommand c = lock.commands.get(0);
      assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(c.expiresAt()).isEqualTo(c.issuedAt().plusSeconds(4));
      assertThat(journal.pending()).isEmpty(); // the unreachable outcome settled the intent
    }

    @Test
    @DisplayName("follows the policy: a 2 s wait with 500 ms allowance expires 1.5 s after issue")
    void followsThePolicy() {
      AccessLinks links = AccessLinks.builder().persistence(persistence).doors(lock).clock(clock)
          .doorPolicy(new DoorPolicy(Duration.ofSeconds(2), Duration.ofMillis(500))).build();
      built.add(links);
      links.unlock(new UnlockDoorCommand(sendManual(links), front));
      DoorCommand c = lock.commands.get(0);
      assertThat(Duration.between(c.issuedAt(), c.expiresAt())).isEqualTo(Duration.ofMillis(1500));
      assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("a policy whose allowance exceeds half the wait is refused")
    void allowanceBounded() {
      assertThatThrownBy(() -> new DoorPolicy(Duration.ofSeconds(2), Duration.ofMillis(1001)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new DoorPolicy(Duration.ofSeconds(2), Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(DoorPolicy.waitingFor(Duration.ofMillis(800)).clockSkewAllowance()).isEqualTo(Duration.ofMillis(400));
      assertThat(DoorPolicy.defaults().commandExpiry(Fixtures.T0)).isEqualTo(Fixtures.T0.plusSeconds(4));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(UnlockBookkeeping.class)
  @DisplayName("a late opening is recorded as DOOR_UNLOCKED with its delay, after the visitor's DOOR_UNREACHABLE")
  void lateOpeningRecorded(UnlockBookkeeping bookkeeping) {
    AccessLinks links = instance(bookkeeping);
    String secret = sendManual(links);
    assertThat(links.unlock(new UnlockDoorCommand(secret, front))).isEqualTo(new UnlockOutcome.DoorUnreachable(front));
    DoorCommand c = lock.commands.get(0);

    clock.advance(Duration.ofMillis(1200));
    lock.answerLate(new DoorResponse.Unlocked());
    assertThat(links.awaitBookkeeping(WAIT)).isTrue();

    assertThat(events(AccessEventType.DOOR_UNREACHABLE)).singleElement()
        .satisfies(e -> assertThat(e.id()).isEqualTo(c.commandId()));
    AccessEvent late = events(AccessEventType.DOOR_UNLOCKED).get(0);
    assertThat(events(AccessEventType.DOOR_UNLOCKED)).hasSize(1);
    assertThat(late.id()).isNotEqualTo(c.commandId());
    assertThat(late.at()).isEqualTo(Fixtures.T0.plusMillis(1200));
    assertThat(late.link()).isEqualTo(c.link());
    assertThat(late.door()).isEqualTo(front);
    assertThat(late.actor().name()).isEqualTo("Ada Lovelace");
    assertThat(late.detail()).isEqualTo("bypassed:[GEOFENCE, READER_PROXIMITY] late:1200ms");
    assertThat(links.getLink(org, c.link()).lastUsed()).contains(Fixtures.T0.plusMillis(1200));
  }

  @Test
  @DisplayName("the reconciler never adds a second record of a late opening")
  void reconcilerDoesNotDouble() {
    AccessLinks links = instance();
    links.unlock(new UnlockDoorCommand(sendManual(links), front));
    lock.answerLate(new DoorResponse.Unlocked());
    assertThat(links.awaitBookkeeping(WAIT)).isTrue();

    clock.advance(Duration.ofMinutes(5));
    assertThat(links.reconcileUnlocks()).isZero();
    assertThat(events(AccessEventType.UNLOCK_OUTCOME_UNKNOWN)).isEmpty();
    assertThat(events(AccessEventType.DOOR_UNLOCKED)).hasSize(1);
  }

  @Test
  @DisplayName("when the DOOR_UNREACHABLE could not be stored, the late DOOR_UNLOCKED is the outcome: no UNLOCK_OUTCOME_UNKNOWN")
  void lateOpeningIsTheOutcomeWhenUnreachableWasLost() {
    AccessLinks links = instance();
    String secret = sendManual(links);
    unreachableWritesFail.set(true);
    assertThatThrownBy(() -> links.unlock(new UnlockDoorCommand(secret, front)))
        .isInstanceOf(AccessLinkInfrastructureException.class);
    unreachableWritesFail.set(false);
    DoorCommand c = lock.commands.get(0);

    lock.answerLate(new DoorResponse.Unlocked());
    assertThat(links.awaitBookkeeping(WAIT)).isTrue();
    clock.advance(Duration.ofMinutes(5));

    assertThat(links.reconcileUnlocks()).isZero();
    assertThat(events(AccessEventType.UNLOCK_OUTCOME_UNKNOWN)).isEmpty();
    assertThat(events(AccessEventType.DOOR_UNLOCKED)).singleElement()
        .satisfies(e -> assertThat(e.id()).isEqualTo(c.commandId()));
    assertThat(journal.pending()).isEmpty();
  }

  @Test
  @DisplayName("without a late answer, the lost outcome is reconciled as UNLOCK_OUTCOME_UNKNOWN (the case above is not vacuous)")
  void lostOutcomeWithoutLateAnswer() {
    AccessLinks links = instance();
    String secret = sendManual(links);
    unreachableWritesFail.set(true);
    assertThatThrownBy(() -> links.unlock(new UnlockDoorCommand(secret, front)))
        .isInstanceOf(AccessLinkInfrastructureException.class);
    clock.advance(Duration.ofMinutes(5));
    assertThat(links.reconcileUnlocks()).isOne();
  }

  @Test
  @DisplayName("an answer that races the visitor's is held until the DOOR_UNREACHABLE is stored, then recorded after it")
  void racingAnswer() {
    lock.racing = new DoorResponse.Unlocked();
    AccessLinks links = instance();
    links.unlock(new UnlockDoorCommand(sendManual(links), front));
    assertThat(links.awaitBookkeeping(WAIT)).isTrue();
    assertThat(events.all()).extracting(AccessEvent::type)
        .containsSubsequence(AccessEventType.DOOR_UNREACHABLE, AccessEventType.DOOR_UNLOCKED);
    assertThat(events(AccessEventType.DOOR_UNLOCKED)).singleElement()
        .satisfies(e -> assertThat(e.id()).isNotEqualTo(lock.commands.get(0).commandId()));
  }

  @Test
  @DisplayName("a late refusal, a second late answer, or a late answer after the lock's own answer writes nothing")
  void nothingElseCounts() {
    AccessLinks links = instance();
    String secret = sendManual(links);
    links.unlock(new UnlockDoorCommand(secret, front));
    lock.answerLate(new DoorResponse.Refused("expired"));
    lock.answerLate(new DoorResponse.Unlocked()); // the first answer counts

    lock.answer = new DoorResponse.Unlocked();
    lock.racing = new DoorResponse.Unlocked();
    assertThat(links.unlock(new UnlockDoorCommand(secret, front))).isInstanceOf(UnlockOutcome.Unlocked.class);
    lock.answerLate(new DoorResponse.Unlocked());
    assertThat(links.awaitBookkeeping(WAIT)).isTrue();

    assertThat(events(AccessEventType.DOOR_UNLOCKED)).singleElement()
        .satisfies(e -> assertThat(e.id()).isEqualTo(lock.commands.get(1).commandId()));
  }
}
