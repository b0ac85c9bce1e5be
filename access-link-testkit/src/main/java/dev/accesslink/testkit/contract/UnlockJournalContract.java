package dev.accesslink.testkit.contract;

import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.store.LinkUse;
import dev.accesslink.core.port.out.store.UnlockIntent;
import dev.accesslink.core.port.out.UnlockJournal;
import dev.accesslink.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UnlockJournal} owes. Each test works in an organization of its own, and looks
 * for intents expiring in a window of its own, so the journal may be shared between tests.
 */
public abstract class UnlockJournalContract {

  /** The implementation under test. */
  protected abstract UnlockJournal journal();

  /** The audit log the journal shares (outcome events are looked up in it, unknown ones appended). */
  protected abstract AccessEvents events();

  /** The use log of the same persistence, for {@link UnlockJournal#recordUsesAndSettle}. */
  protected abstract UseLog uses();

  /** A second instance on the same storage (another process); defaults to {@link #journal()}. */
  protected UnlockJournal secondInstance() {
    return journal();
  }

  private final OrganizationId org = Fixtures.newOrganization();
  // far from T0 and from every other test instance's window, so unsettled() sees only this test's intents
  private final Instant base = T0.plusSeconds(Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000L));

  private UnlockIntent intent(int expiresInSeconds) {
    Instant sent = base.plusSeconds(expiresInSeconds).minusSeconds(10);
    return new UnlockIntent(UUID.randomUUID(), org, DoorId.of("front"), Fixtures.linkId(T0), "Ada Lovelace",
        sent, base.plusSeconds(expiresInSeconds));
  }

  private List<UnlockIntent> mine(Instant expiredBy) {
    return journal().unsettled(expiredBy, 10_000).stream().filter(i -> i.organization().equals(org)).toList();
  }

  private static AccessEvent unknown(UnlockIntent i) {
    UUID id = UUID.nameUUIDFromBytes(("unknown:" + i.id()).getBytes(StandardCharsets.UTF_8));
    return new AccessEvent(id, i.organization(), i.sentAt(), AccessEventType.UNLOCK_OUTCOME_UNKNOWN,
        new Actor(Actor.Kind.RECIPIENT, i.recipient()), i.link(), i.door(), "command:" + i.id());
  }

  private static AccessEvent outcome(UnlockIntent i) {
    return new AccessEvent(i.id(), i.organization(), i.sentAt().plusMillis(40), AccessEventType.DOOR_UNLOCKED,
        new Actor(Actor.Kind.RECIPIENT, i.recipient()), i.link(), i.door(), null);
  }

  private List<AccessEvent> events(AccessEventType type) {
    return events().recent(org, 10_000).stream().filter(e -> e.type() == type).toList();
  }

  @Test
  @DisplayName("a recorded intent comes back, complete, once its command has expired; earliest expiry first, at most max")
  void unsettledOnceExpired() {
    UnlockIntent late = intent(30);
    UnlockIntent early = intent(20);
    UnlockIntent middle = intent(25);
    journal().record(List.of(late, early));
    journal().record(List.of(middle));

    assertThat(mine(base.plusSeconds(19))).isEmpty();
    assertThat(mine(base.plusSeconds(20))).containsExactly(early);
    assertThat(mine(base.plusSeconds(30))).containsExactly(early, middle, late);
    assertThat(secondInstance().unsettled(base.plusSeconds(30), 10_000)).contains(early, middle, late);
    assertThat(journal().unsettled(base.plusSeconds(30), 0)).isEmpty();
  }

  @Test
  @DisplayName("a batch of many intents is one call, and they all come back")
  void batch() {
    List<UnlockIntent> batch = Fixtures.times(64, i -> intent(5));
    journal().record(batch);
    assertThat(mine(base.plusSeconds(5))).containsExactlyInAnyOrderElementsOf(batch);
  }

  @Test
  @DisplayName("settled intents are gone; unknown ids are ignored")
  void settle() {
    UnlockIntent a = intent(5);
    UnlockIntent b = intent(5);
    journal().record(List.of(a, b));
    journal().settle(List.of(a.id(), UUID.randomUUID()));
    secondInstance().settle(List.of(UUID.randomUUID()));
    assertThat(mine(base.plusSeconds(5))).containsExactly(b);
    journal().settle(List.of(b.id(), a.id()));
    assertThat(mine(base.plusSeconds(5))).isEmpty();
  }

  @Test
  @DisplayName("recordUsesAndSettle records the uses' events; if it says so, their intents are settled too")
  void recordUsesAndSettle() {
    UnlockIntent a = intent(5);
    UnlockIntent b = intent(5);
    UnlockIntent other = intent(5);
    journal().record(List.of(a, b, other));
    boolean settled = journal().recordUsesAndSettle(uses(),
        List.of(new LinkUse(a.link(), a.sentAt(), outcome(a)), new LinkUse(b.link(), b.sentAt(), outcome(b))));

    assertThat(events(AccessEventType.DOOR_UNLOCKED)).extracting(AccessEvent::id).containsExactly(b.id(), a.id());
    if (settled) {
      assertThat(mine(base.plusSeconds(5))).containsExactly(other);
    } else {
      assertThat(mine(base.plusSeconds(5))).containsExactlyInAnyOrder(a, b, other);
      journal().settle(List.of(a.id(), b.id()));
      assertThat(mine(base.plusSeconds(5))).containsExactly(other);
    }
    assertThatThrownBy(() -> journal().recordUsesAndSettle(uses(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("recordUsesAndSettle takes a large batch at once: every event appended in order, every intent settled")
  void recordUsesAndSettleLargeBatch() {
    List<UnlockIntent> intents = Fixtures.times(300, i -> intent(5));
    journal().record(intents);
    UnlockIntent other = intent(5);
    journal().record(List.of(other));
    List<LinkUse> opened = intents.stream().map(i -> new LinkUse(i.link(), i.sentAt(), new AccessEvent(i.id(),
        i.organization(), i.sentAt().plusMillis(40), AccessEventType.DOOR_UNLOCKED,
        new Actor(Actor.Kind.RECIPIENT, i.recipient()), i.link(), i.door(), null))).toList();
    boolean settled = journal().recordUsesAndSettle(uses(), opened);
    if (!settled) {
      journal().settle(intents.stream().map(UnlockIntent::id).toList());
    }

    List<UUID> newestFirst = new java.util.ArrayList<>(intents.stream().map(UnlockIntent::id).toList());
    java.util.Collections.reverse(newestFirst);
    assertThat(events(AccessEventType.DOOR_UNLOCKED)).extracting(AccessEvent::id).containsExactlyElementsOf(newestFirst);
    assertThat(events(AccessEventType.DOOR_UNLOCKED)).extracting(AccessEvent::detail).containsOnlyNulls();
    assertThat(mine(base.plusSeconds(5))).containsExactly(other);
  }

  @Test
  @DisplayName("an empty batch is refused; a batch with an id already there stores nothing")
  void refusals() {
    assertThatThrownBy(() -> journal().record(List.of())).isInstanceOf(IllegalArgumentException.class);
    UnlockIntent a = intent(5);
    journal().record(List.of(a));
    UnlockIntent fresh = intent(5);
    assertThatThrownBy(() -> journal().record(List.of(fresh, a)))
        .isInstanceOf(AccessLinkInfrastructureException.class);
    assertThat(mine(base.plusSeconds(5))).containsExactly(a);
  }

  @Test
  @DisplayName("settleUnknown appends the unknown-outcome event once and settles the intent")
  void settleUnknownAppendsOnce() {
    UnlockIntent a = intent(5);
    journal().record(List.of(a));
    assertThat(journal().settleUnknown(a, unknown(a))).isTrue();
    assertThat(secondInstance().settleUnknown(a, unknown(a))).isFalse();
    assertThat(journal().settleUnknown(a, unknown(a))).isFalse();
    assertThat(events(AccessEventType.UNLOCK_OUTCOME_UNKNOWN)).containsExactly(unknown(a));
    assertThat(mine(base.plusSeconds(5))).isEmpty();
  }

  @Test
  @DisplayName("settleUnknown of an intent whose outcome event is stored settles it without a word")
  void settleUnknownWithOutcome() {
    UnlockIntent a = intent(5);
    journal().record(List.of(a));
    events().record(outcome(a));
    assertThat(journal().settleUnknown(a, unknown(a))).isFalse();
    assertThat(events(AccessEventType.UNLOCK_OUTCOME_UNKNOWN)).isEmpty();
    assertThat(events(AccessEventType.DOOR_UNLOCKED)).containsExactly(outcome(a));
    assertThat(mine(base.plusSeconds(5))).isEmpty();
  }

  @Test
  @DisplayName("settleUnknown of an intent already settled appends nothing")
  void settleUnknownAfterSettle() {
    UnlockIntent a = intent(5);
    journal().record(List.of(a));
    journal().settle(List.of(a.id()));
    assertThat(journal().settleUnknown(a, unknown(a))).isFalse();
    assertThat(events(AccessEventType.UNLOCK_OUTCOME_UNKNOWN)).isEmpty();
  }

  @Test
  @DisplayName("racing settleUnknown calls, from two instances, append exactly one event per intent")
  void settleUnknownRace() throws Exception {
    List<UnlockIntent> intents = Fixtures.times(40, i -> intent(5));
    journal().record(intents);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger appended = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        UnlockJournal j = t % 2 == 0 ? journal() : secondInstance();
        futures.add(pool.submit(() -> {
          start.await();
          for (UnlockIntent i : intents) {
            if (j.settleUnknown(i, unknown(i))) {
              appended.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(appended).hasValue(intents.size());
    assertThat(events(AccessEventType.UNLOCK_OUTCOME_UNKNOWN))
        .containsExactlyInAnyOrderElementsOf(intents.stream().map(UnlockJournalContract::unknown).toList());
    assertThat(mine(base.plusSeconds(5))).isEmpty();
  }
}
