package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.AccessLinksBuilder;
import dev.accesslink.core.application.UnlockBookkeeping;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.core.port.out.store.UnlockIntent;
import dev.accesslink.core.port.out.UnlockJournal;
import dev.accesslink.core.memory.InMemoryAccessEvents;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.InMemoryGroupDirectory;
import dev.accesslink.core.memory.InMemoryOrganizations;
import dev.accesslink.core.memory.InMemoryUnlockJournal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * No opening without a record: the unlock journal ({@link UnlockBookkeeping#GUARANTEED}), and the
 * reconciliation of the intents a crash leaves behind. A "crash" here is an instance that is
 * abandoned after the door answered and before its bookkeeping could be stored; the next instance
 * on the same journal and audit log reconciles.
 */
@DisplayName("Crash-proof unlocks")
class CrashProofUnlockTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  final OrganizationId org = OrganizationId.of("acme");
  final GroupId visitors = GroupId.of("visitors");
  final DoorId front = DoorId.of("front");
  final MutableClock clock = MutableClock.at(Fixtures.T0);
  final InMemoryAccessEvents events = new InMemoryAccessEvents();
  final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence(events);
  final InMemoryUnlockJournal journal = persistence.unlockJournal();
  final InMemoryOrganizations organizations = persistence.organizations();
  final InMemoryGroupDirectory groups =
      persistence.groups().put(new Group(org, visitors, "Visitors", List.of(new Door(front, "Front"))));
  final List<AccessLinks> built = new ArrayList<>();

  CrashProofUnlockTest() {
    organizations.save(new OrganizationSettings(org, "Acme HQ", ZoneId.of("UTC"), QuotaLimits.defaults(),
        URI.create("https://acme.example/l/")));
  }

  AccessLinksBuilder builder(DoorController doors) {
    return AccessLinks.builder().persistence(persistence).doors(doors).clock(clock);
  }

  AccessLinks open(AccessLinksBuilder builder) {
    AccessLinks links = builder.build();
    built.add(links);
    return links;
  }

  AccessLinks instance(DoorController doors) {
    return open(builder(doors).unlockJournal(journal));
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

  @Test
  @DisplayName("the intent is durable before the command leaves, and settled once the outcome event is stored")
  void intentBeforeCommand() {
    List<List<UnlockIntent>> seenByDoor = new ArrayList<>();
    AccessLinks links = instance(command -> {
      seenByDoor.add(journal.pending());
      return new DoorResponse.Unlocked();
    });
    String secret = sendManual(links);

    assertThat(links.unlock(new UnlockDoorCommand(secret, front))).isInstanceOf(UnlockOutcome.Unlocked.class);

    assertThat(seenByDoor).hasSize(1);
    UnlockIntent intent = seenByDoor.get(0).get(0);
    assertThat(intent.door()).isEqualTo(front);
    assertThat(intent.recipient()).isEqualTo("Ada Lovelace");
    assertThat(intent.sentAt()).isEqualTo(Fixtures.T0);
    assertThat(links.awaitBookkeeping(WAIT)).isTrue();
    assertThat(events(AccessEventType.DOOR_UNLOCKED)).singleElement()
        .satisfies(e -> assertThat(e.id()).isEqualTo(intent.id()));
    assertThat(journal.pending()).isEmpty();
  }

  @Test
  @DisplayName("a refused or silent lock settles the intent too, with the outcome event carrying the command's id")
  void otherOutcomesSettle() {
    List<DoorCommand> commands = new ArrayList<>();
    DoorId back = DoorId.of("back");
    groups.put(new Group(org, visitors, "Visitors", List.of(new Door(front, "Front"), new Door(back, "Back"))));
    AccessLinks links = instance(command -> {
      commands.add(command);
      return command.door().equals(front) ? new DoorResponse.Refused("jammed") : new DoorResponse.Unreachable("timeout");
    });
    String secret = sendManual(links);

    assertThat(links.unlock(new UnlockDoorCommand(secret, front))).isInstanceOf(UnlockOutcome.Denied.class);
    assertThat(links.unlock(new UnlockDoorCommand(secret, back))).isInstanceOf(UnlockOutcome.DoorUnreachable.class);

    assertThat(events(AccessEventType.UNLOCK_REFUSED)).singleElement()
        .satisfies(e -> assertThat(e.id()).isEqualTo(commands.get(0).commandId()));
    assertThat(events(AccessEventType.DOOR_UNREACHABLE)).singleElement()
        .satisfies(e -> assertThat(e.id()).isEqualTo(commands.get(1).commandId()));
    assertThat(journal.pending()).isEmpty();
  }

  @Test
  @DisplayName("when the intent cannot be written, the unlock fails and no command is sent")
  void journalDown() {
    List<DoorCommand> commands = new ArrayList<>();
    UnlockJournal down = new FailingJournal(journal);
    AccessLinks links = open(builder(c -> {
      commands.add(c);
      return new DoorResponse.Unlocked();
    }).unlockJournal(down));
    String secret = sendManual(links);

    assertThatThrownBy(() -> links.unlock(new UnlockDoorCommand(secret, front)))
        .isInstanceOf(AccessLinkInfrastructureException.class);
    assertThat(commands).isEmpty();
    assertThat(events(AccessEventType.DOOR_UNLOCKED)).isEmpty();
  }

  @Test
  @DisplayName("after a crash between the door opening and the bookkeeping, the next start records UNLOCK_OUTCOME_UNKNOWN, once")
  void reconcileAfterCrash() {
    // the crashed instance: its bookkeeping never reaches the store
    CountDownLatch never = new CountDownLatch(1);
    AccessLinks crashed = open(builder(c -> new DoorResponse.Unlocked()).unlockJournal(journal)
        .uses(uses -> {
          try {
            never.await(); // the process is gone; released only to let close() end quickly
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          persistence.uses().recordUses(uses);
        }));
    String secret = sendManual(crashed);
    UnlockOutcome opened = crashed.unlock(new UnlockDoorCommand(secret, front));
    assertThat(opened).isInstanceOf(UnlockOutcome.Unlocked.class);
    UnlockIntent left = journal.pending().get(0);

    // a restart while the command may still act leaves the intent alone (a live instance may own it)
    clock.advance(Duration.ofSeconds(10));
    AccessLinks early = instance(c -> new DoorResponse.Unlocked());
    assertThat(events(AccessEventType.UNLOCK_OUTCOME_UNKNOWN)).isEmpty();
    assertThat(early.reconcileUnlocks()).isZero();

    // once the command has expired (and the grace passed), the next start settles it
    clock.advance(Duration.ofMinutes(1));
    Instant restartedAt = clock.instant();
    instance(c -> new DoorResponse.Unlocked());
    assertThat(events(AccessEventType.UNLOCK_OUTCOME_UNKNOWN)).singleElement().satisfies(e -> {
      assertThat(e.door()).isEqualTo(front);
      assertThat(e.link()).isEqualTo(((UnlockOutcome.Unlocked) opened).link());
      assertThat(e.actor()).isEqualTo(new Actor(Actor.Kind.RECIPIENT, "Ada Lovelace"));
      assertThat(e.at()).isEqualTo(left.sentAt());
      assertThat(e.detail()).contains("command:" + left.id()).contains(restartedAt.toString());
    });
    assertThat(journal.pending()).isEmpty();
    assertThat(early.reconcileUnlocks()).isZero();
    assertThat(events(AccessEventType.UNLOCK_OUTCOME_UNKNOWN)).hasSize(1);
    never.countDown();
    crashed.close();
  }

  @Test
  @DisplayName("an intent whose outcome event was stored before the crash is settled without an unknown event")
  void crashAfterOutcome() {
    AccessLinks first = instance(c -> new DoorResponse.Unlocked());
    String secret = sendManual(first);
    first.unlock(new UnlockDoorCommand(secret, front));
    assertThat(first.awaitBookkeeping(WAIT)).isTrue();
    UUID eventId = events(AccessEventType.DOOR_UNLOCKED).get(0).id();
    // as if the crash came after the event was stored and before the intent was settled
    journal.record(List.of(new UnlockIntent(eventId, org, front, events(AccessEventType.DOOR_UNLOCKED).get(0).link(),
        "Ada Lovelace", Fixtures.T0, Fixtures.T0.plusSeconds(10))));
    clock.advance(Duration.ofMinutes(2));

    assertThat(first.reconcileUnlocks()).isZero();
    assertThat(events(AccessEventType.UNLOCK_OUTCOME_UNKNOWN)).isEmpty();
    assertThat(journal.pending()).isEmpty();
  }

  @Test
  @DisplayName("several instances starting together settle each left-over intent exactly once")
  void racingStarts() throws Exception {
    List<UnlockIntent> left = Fixtures.times(50, i -> new UnlockIntent(UUID.randomUUID(), org, front,
        Fixtures.linkId(Fixtures.T0), "Visitor " + i, Fixtures.T0, Fixtures.T0.plusSeconds(10)));
    journal.record(left);
    clock.advance(Duration.ofMinutes(2));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<AccessLinks>> starts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starts.add(pool.submit(() -> {
          go.await();
          return instance(c -> new DoorResponse.Unlocked());
        }));
      }
      go.countDown();
      for (Future<AccessLinks> f : starts) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(events(AccessEventType.UNLOCK_OUTCOME_UNKNOWN)).hasSize(50)
        .extracting(AccessEvent::detail).allSatisfy(d -> assertThat(d).startsWith("command:"))
        .doesNotHaveDuplicates();
    assertThat(journal.pending()).isEmpty();
  }

  @Test
  @DisplayName("MAY_LOSE_OPENINGS_ON_CRASH writes no intent")
  void optInLossyMode() {
    AtomicInteger pendingAtDoor = new AtomicInteger(-1);
    AccessLinks lossy = open(builder(c -> {
      pendingAtDoor.set(journal.pending().size());
      return new DoorResponse.Unlocked();
    }).unlockBookkeeping(UnlockBookkeeping.MAY_LOSE_OPENINGS_ON_CRASH));
    String secret = sendManual(lossy);

    assertThat(lossy.unlock(new UnlockDoorCommand(secret, front))).isInstanceOf(UnlockOutcome.Unlocked.class);
    assertThat(pendingAtDoor).hasValue(0);
    assertThat(lossy.awaitBookkeeping(WAIT)).isTrue();
    assertThat(events(AccessEventType.DOOR_UNLOCKED)).hasSize(1);
    assertThat(lossy.reconcileUnlocks()).isZero();
  }

  @Test
  @DisplayName("BEFORE_ANSWER is guaranteed too: the intent is settled before the visitor has the answer")
  void beforeAnswer() {
    AccessLinks links = open(builder(c -> new DoorResponse.Unlocked()).unlockJournal(journal)
        .unlockBookkeeping(UnlockBookkeeping.BEFORE_ANSWER));
    String secret = sendManual(links);
    links.unlock(new UnlockDoorCommand(secret, front));
    assertThat(events(AccessEventType.DOOR_UNLOCKED)).hasSize(1);
    assertThat(journal.pending()).isEmpty();
  }

  /** A journal whose writes fail (the database is down); reads pass through. */
  static final class FailingJournal implements UnlockJournal {
    private final UnlockJournal reads;

    FailingJournal(UnlockJournal reads) {
      this.reads = reads;
    }

    @Override
    public void record(List<UnlockIntent> intents) {
      throw new AccessLinkInfrastructureException("database: record unlock intents failed");
    }

    @Override
    public void settle(List<UUID> intents) {
      throw new AccessLinkInfrastructureException("database: settle failed");
    }

    @Override
    public List<UnlockIntent> unsettled(Instant expiredBy, int max) {
      return reads.unsettled(expiredBy, max);
    }

    @Override
    public boolean settleUnknown(UnlockIntent intent, AccessEvent unknown) {
      throw new AccessLinkInfrastructureException("database: settle failed");
    }
  }
}
