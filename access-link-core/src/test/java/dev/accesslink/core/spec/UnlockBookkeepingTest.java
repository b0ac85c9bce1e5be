package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.UnlockBookkeeping;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.port.in.ListAccessLinksQuery;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.memory.InMemoryAccessEvents;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.store.LinkUse;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * When an unlock's bookkeeping (last use + DOOR_UNLOCKED event) is written, relative to the
 * visitor's answer: {@link UnlockBookkeeping}.
 */
@DisplayName("Unlock bookkeeping")
class UnlockBookkeepingTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  final OrganizationId org = OrganizationId.of("acme");
  final GroupId visitors = GroupId.of("visitors");
  final DoorId front = DoorId.of("front");
  final MutableClock clock = MutableClock.at(Fixtures.T0);
  final InMemoryAccessEvents events = new InMemoryAccessEvents();
  final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence(events);
  final GatedUseLog useLog = new GatedUseLog(persistence.uses());
  final List<AccessLinks> built = new ArrayList<>();

  AccessLinks links(UnlockBookkeeping when) {
    persistence.organizations().save(new OrganizationSettings(org, "Acme HQ", ZoneId.of("UTC"),
        QuotaLimits.defaults(), URI.create("https://acme.example/l/")));
    persistence.groups().put(new Group(org, visitors, "Visitors", List.of(new Door(front, "Front"))));
    AccessLinks links = AccessLinks.builder().persistence(persistence).uses(useLog)
        .doors(new RecordingDoorController()).clock(clock).unlockBookkeeping(when).build();
    built.add(links);
    return links;
  }

  @AfterEach
  void closeAll() {
    useLog.open();
    built.forEach(AccessLinks::close);
  }

  String sendManual(AccessLinks links) {
    return links.send(SendAccessLinkCommand.manual(org, AdminId.of("boss"), "Ada", visitors,
        ValidityWindow.always())).manualUrlIfAny().orElseThrow().secret().reveal();
  }

  List<AccessEvent> unlockEvents() {
    return events.all().stream().filter(e -> e.type() == AccessEventType.DOOR_UNLOCKED).toList();
  }

  @Test
  @DisplayName("by default the visitor's answer does not wait for the bookkeeping, which follows")
  void inBackgroundAnswersFirst() {
    AccessLinks links = links(UnlockBookkeeping.GUARANTEED);
    String secret = sendManual(links);
    useLog.close();

    UnlockOutcome out = links.unlock(new UnlockDoorCommand(secret, front));

    assertThat(out).isInstanceOf(UnlockOutcome.Unlocked.class);
    assertThat(useLog.awaitWriteAttempt()).as("the writer has started writing").isTrue();
    assertThat(unlockEvents()).as("nothing stored while the store holds the write back").isEmpty();
    assertThat(links.awaitBookkeeping(Duration.ofMillis(50))).isFalse();
    useLog.open();
    assertThat(links.awaitBookkeeping(WAIT)).isTrue();
    assertThat(unlockEvents()).singleElement().satisfies(e -> assertThat(e.door()).isEqualTo(front));
    assertThat(useLog.callerThreads).doesNotContain(Thread.currentThread().getName());
  }

  @Test
  @DisplayName("uses that queue up while a write runs are written together, in one store call")
  void batches() {
    AccessLinks links = links(UnlockBookkeeping.GUARANTEED);
    String secret = sendManual(links);
    useLog.close();
    links.unlock(new UnlockDoorCommand(secret, front));
    assertThat(useLog.awaitWriteAttempt()).isTrue();
    for (int i = 0; i < 40; i++) {
      clock.advance(Duration.ofSeconds(1));
      assertThat(links.unlock(new UnlockDoorCommand(secret, front))).isInstanceOf(UnlockOutcome.Unlocked.class);
    }
    useLog.open();

    assertThat(links.awaitBookkeeping(WAIT)).isTrue();
    assertThat(useLog.batchSizes).containsExactly(1, 40);
    assertThat(unlockEvents()).hasSize(41);
    AccessLink link = links.list(ListAccessLinksQuery.firstPage(org, 10)).items().get(0);
    assertThat(link.lastUsedAt()).isEqualTo(clock.instant());
  }

  @Test
  @DisplayName("a failing store does not fail the visitor's unlock; the write is retried as a whole until it succeeds")
  void retriesUntilStored() {
    AccessLinks links = links(UnlockBookkeeping.GUARANTEED);
    String secret = sendManual(links);
    useLog.failNext(3);

    assertThat(links.unlock(new UnlockDoorCommand(secret, front))).isInstanceOf(UnlockOutcome.Unlocked.class);

    assertThat(links.awaitBookkeeping(WAIT)).isTrue();
    assertThat(useLog.failures.get()).isEqualTo(3);
    assertThat(unlockEvents()).as("stored exactly once").hasSize(1);
  }

  @Test
  @DisplayName("this instance's reads of the audit log and of last uses wait for the bookkeeping queued before them")
  void readsSeeTheirOwnUnlocks() throws Exception {
    AccessLinks links = links(UnlockBookkeeping.GUARANTEED);
    String secret = sendManual(links);
    useLog.close();
    links.unlock(new UnlockDoorCommand(secret, front));
    assertThat(useLog.awaitWriteAttempt()).isTrue();

    CompletableFuture<List<AccessEvent>> read = CompletableFuture.supplyAsync(() -> links.recentEvents(org, 1));
    assertThatThrownBy(() -> read.get(100, TimeUnit.MILLISECONDS)).as("the read waits for the queued bookkeeping")
        .isInstanceOf(TimeoutException.class);
    useLog.open();

    assertThat(read.get(10, TimeUnit.SECONDS)).singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo(AccessEventType.DOOR_UNLOCKED));
    assertThat(links.list(ListAccessLinksQuery.firstPage(org, 1)).items().get(0).lastUsedAt()).isEqualTo(clock.instant());
  }

  @Test
  @DisplayName("close() writes what is queued; after it, unlocks write before answering")
  void closeWritesTheQueue() throws Exception {
    AccessLinks links = links(UnlockBookkeeping.GUARANTEED);
    String secret = sendManual(links);
    useLog.close();
    links.unlock(new UnlockDoorCommand(secret, front));
    assertThat(useLog.awaitWriteAttempt()).isTrue();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(links::close);
    assertThatThrownBy(() -> closing.get(100, TimeUnit.MILLISECONDS)).as("close waits for the queued bookkeeping")
        .isInstanceOf(TimeoutException.class);
    useLog.open();
    closing.get(10, TimeUnit.SECONDS);
    assertThat(unlockEvents()).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    links.unlock(new UnlockDoorCommand(secret, front));
    assertThat(unlockEvents()).as("written before the answer").hasSize(2);
    assertThat(useLog.callerThreads).contains(Thread.currentThread().getName());
  }

  @Test
  @DisplayName("BEFORE_ANSWER writes on the caller's thread, and reports a store failure to the caller")
  void beforeAnswer() {
    AccessLinks links = links(UnlockBookkeeping.BEFORE_ANSWER);
    String secret = sendManual(links);

    links.unlock(new UnlockDoorCommand(secret, front));
    assertThat(unlockEvents()).hasSize(1);
    assertThat(useLog.callerThreads).containsExactly(Thread.currentThread().getName());

    useLog.failNext(1);
    assertThatThrownBy(() -> links.unlock(new UnlockDoorCommand(secret, front)))
        .isInstanceOf(AccessLinkInfrastructureException.class);
    assertThat(unlockEvents()).hasSize(1);
  }

  /** The in-memory use log, whose {@code recordUses} can be held back or made to fail. */
  static final class GatedUseLog implements UseLog {
    private final UseLog delegate;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch writeAttempted = new CountDownLatch(1);
    private final AtomicInteger failuresToCome = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final List<String> callerThreads = new CopyOnWriteArrayList<>();

    GatedUseLog(UseLog delegate) {
      this.delegate = delegate;
    }

    void close() {
      gate = new CountDownLatch(1);
    }

    void open() {
      gate.countDown();
    }

    void failNext(int times) {
      failuresToCome.set(times);
    }

    boolean awaitWriteAttempt() {
      try {
        return writeAttempted.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public void recordUses(List<LinkUse> uses) {
      callerThreads.add(Thread.currentThread().getName());
      writeAttempted.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        failures.incrementAndGet();
        throw new AccessLinkInfrastructureException("store down (simulated)");
      }
      batchSizes.add(uses.size());
      delegate.recordUses(uses);
    }
  }
}
