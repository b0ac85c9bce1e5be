package dev.accesslink.testkit.contract;

import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.LinkFilter;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.RevocationReason;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.AccessLinkStore;
import dev.accesslink.core.port.out.DeliveryClaim;
import dev.accesslink.core.port.out.DeliveryCompletion;
import dev.accesslink.core.port.out.InsertOutcome;
import dev.accesslink.core.port.out.LinkQuery;
import dev.accesslink.core.port.out.LinkUse;
import dev.accesslink.core.port.out.NewAccessLink;
import dev.accesslink.core.port.out.QuotaKey;
import dev.accesslink.core.port.out.QuotaReservation;
import dev.accesslink.core.port.out.RevokeOutcome;
import dev.accesslink.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccessLinkStore} owes. Subclass it with the store under test; each test works
 * in a fresh organization, so one store per test class is enough.
 *
 * <p>Note that {@code claimDueDeliveries} is global: tests claim with a large batch and look only
 * at their own organization's deliveries.
 */
public abstract class AccessLinkStoreContract {

  /** The store under test. */
  protected abstract AccessLinkStore store();

  /**
   * A second, independent instance over the same data (another connection pool: another
   * application instance). The default is the same instance.
   */
  protected AccessLinkStore secondInstance() {
    return store();
  }

  /** The audit log the store appends its events to (see {@link AccessLinkStore}). */
  protected abstract AccessEvents events();

  /** Threads in the race tests. */
  protected int raceThreads() {
    return 16;
  }

  private final OrganizationId org = Fixtures.newOrganization();

  private AccessLink link(DeliveryChannel channel, ValidityWindow window, Instant at) {
    return Fixtures.link(org, channel, window, at);
  }

  private AccessLink insertOk(AccessLink link, long limit, Instant now) {
    InsertOutcome out = store().insert(Fixtures.newLink(link, Fixtures.reservation(link, limit, now)));
    assertThat(out).isInstanceOf(InsertOutcome.Inserted.class);
    return link;
  }

  /** Inserts an EMAIL/SMS link at T0 under its initial one-minute claim, and returns the claim. */
  private DeliveryClaim insertPending(AccessLink link, long limit) {
    DeliveryClaim claim = Fixtures.initialClaim(link, Duration.ofMinutes(1));
    assertThat(store().insert(new NewAccessLink(link, Fixtures.reservation(link, limit, T0), null, claim)))
        .isInstanceOf(InsertOutcome.Inserted.class);
    return claim;
  }

  private List<DeliveryClaim> claimOwn(AccessLinkStore s, Instant now, Duration lease) {
    return s.claimDueDeliveries(now, lease, 10_000).stream().filter(c -> c.organization().equals(org)).toList();
  }

  // ---- insert and find ---------------------------------------------------------------------

  @Test
  @DisplayName("an inserted link is found by id, with every field as given")
  void insertThenFindById() {
    AccessLink link = link(DeliveryChannel.MANUAL,
        ValidityWindow.between(T0.plusSeconds(60), T0.plus(Duration.ofDays(2))), T0);
    insertOk(link, 10, T0);

    AccessLink found = store().findById(org, link.id()).orElseThrow();
    assertThat(found.id()).isEqualTo(link.id());
    assertThat(found.organization()).isEqualTo(org);
    assertThat(found.recipient()).isEqualTo(link.recipient());
    assertThat(found.group()).isEqualTo(link.group());
    assertThat(found.window()).isEqualTo(link.window());
    assertThat(found.issuedBy()).isEqualTo(link.issuedBy());
    assertThat(found.createdAt()).isEqualTo(T0);
    assertThat(found.delivery().status()).isEqualTo(DeliveryStatus.NOT_REQUIRED);
    assertThat(found.isRevoked()).isFalse();
    assertThat(found.lastUsed()).isEmpty();
  }

  @Test
  @DisplayName("every channel's recipient and an open window round-trip")
  void recipientsRoundTrip() {
    for (DeliveryChannel c : DeliveryChannel.values()) {
      AccessLink link = insertOk(link(c, ValidityWindow.always(), T0), 100, T0);
      AccessLink found = store().findById(org, link.id()).orElseThrow();
      assertThat(found.recipient()).isEqualTo(link.recipient());
      assertThat(found.window()).isEqualTo(ValidityWindow.always());
    }
  }

  @Test
  @DisplayName("a link is not found through another organization")
  void notFoundInOtherOrganization() {
    AccessLink link = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 10, T0);
    assertThat(store().findById(Fixtures.newOrganization(), link.id())).isEmpty();
    assertThat(store().findById(org, Fixtures.linkId(T0))).isEmpty();
  }

  @Test
  @DisplayName("a MANUAL link is found by its secret's hash, and by no other")
  void findBySecretHash() {
    AccessLink link = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    SecretHash hash = Fixtures.secret().hash();
    store().insert(new NewAccessLink(link, Fixtures.reservation(link, 10, T0), hash, null));

    assertThat(store().findBySecretHash(hash)).map(AccessLink::id).contains(link.id());
    assertThat(store().findBySecretHash(Fixtures.secret().hash())).isEmpty();
  }

  @Test
  @DisplayName("secret hashes are unique: a second link with the same hash is refused and not stored")
  void secretHashUnique() {
    SecretHash hash = Fixtures.secret().hash();
    AccessLink first = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    store().insert(new NewAccessLink(first, Fixtures.reservation(first, 10, T0), hash, null));
    AccessLink second = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);

    assertThatThrownBy(() ->
        store().insert(new NewAccessLink(second, Fixtures.reservation(second, 10, T0), hash, null)))
        .isInstanceOf(AccessLinkInfrastructureException.class);
    assertThat(store().findById(org, second.id())).isEmpty();
    assertThat(store().quotaUsed(QuotaKey.live(org, DeliveryChannel.MANUAL), T0)).isEqualTo(1);
  }

  @Test
  @DisplayName("an EMAIL link starts PENDING under its initial claim and has no secret until an attempt begins")
  void emailLinkStartsPending() {
    AccessLink link = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = Fixtures.initialClaim(link, Duration.ofMinutes(1));
    store().insert(new NewAccessLink(link, Fixtures.reservation(link, 10, T0), null, claim));

    AccessLink found = store().findById(org, link.id()).orElseThrow();
    assertThat(found.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(found.delivery().attempts()).isEqualTo(1);

    SecretHash first = Fixtures.secret().hash();
    assertThat(store().beginAttempt(claim, first, T0.plusSeconds(1))).isTrue();
    assertThat(store().findBySecretHash(first)).map(AccessLink::id).contains(link.id());

    SecretHash second = Fixtures.secret().hash();
    assertThat(store().beginAttempt(claim, second, T0.plusSeconds(2))).isTrue();
    assertThat(store().findBySecretHash(first)).as("a new attempt's secret replaces the old").isEmpty();
    assertThat(store().findBySecretHash(second)).isPresent();
  }

  // ---- quotas ------------------------------------------------------------------------------

  @Test
  @DisplayName("an insert over the quota stores nothing and reports used/limit")
  void quotaExhaustedStoresNothing() {
    insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 2, T0);
    insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 2, T0);
    AccessLink third = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);

    InsertOutcome out = store().insert(Fixtures.newLink(third, Fixtures.reservation(third, 2, T0)));

    assertThat(out).isEqualTo(new InsertOutcome.QuotaExhausted(2, 2));
    assertThat(store().findById(org, third.id())).isEmpty();
    assertThat(store().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isEqualTo(2);
    assertThat(claimOwn(store(), T0.plus(Duration.ofHours(1)), Duration.ofMinutes(1)))
        .extracting(DeliveryClaim::link).doesNotContain(third.id());
  }

  @Test
  @DisplayName("a limit of zero refuses every link")
  void zeroLimit() {
    AccessLink l = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    assertThat(store().insert(Fixtures.newLink(l, Fixtures.reservation(l, 0, T0))))
        .isEqualTo(new InsertOutcome.QuotaExhausted(0, 0));
  }

  @Test
  @DisplayName("quotas are per organization and per channel")
  void quotaScopes() {
    insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 1, T0);
    insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 1, T0);
    AccessLink otherOrg = Fixtures.link(Fixtures.newOrganization(), DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    assertThat(store().insert(Fixtures.newLink(otherOrg, Fixtures.reservation(otherOrg, 1, T0))))
        .isInstanceOf(InsertOutcome.Inserted.class);
    assertThat(store().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isEqualTo(1);
    assertThat(store().quotaUsed(QuotaKey.live(org, DeliveryChannel.MANUAL), T0)).isEqualTo(1);
    assertThat(store().quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 3)), T0)).isZero();
  }

  @Test
  @DisplayName("revoking frees a live-links slot at once")
  void revokeFreesLiveSlot() {
    AccessLink a = insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 1, T0);
    AccessLink b = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    assertThat(store().insert(Fixtures.newLink(b, Fixtures.reservation(b, 1, T0))))
        .isInstanceOf(InsertOutcome.QuotaExhausted.class);

    store().revoke(org, a.id(), Revocation.byAdministrator(Fixtures.admin(), T0.plusSeconds(1)));

    assertThat(store().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0.plusSeconds(1))).isZero();
    insertOk(b, 1, T0.plusSeconds(2));
  }

  @Test
  @DisplayName("a link stops counting against live links the instant its window ends (validUntil is exclusive)")
  void windowEndFreesLiveSlot() {
    Instant until = T0.plus(Duration.ofHours(1));
    insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.endingAt(until), T0), 1, T0);
    QuotaKey key = QuotaKey.live(org, DeliveryChannel.EMAIL);

    Instant justBefore = until.minusMillis(1);
    AccessLink early = link(DeliveryChannel.EMAIL, ValidityWindow.always(), justBefore);
    assertThat(store().insert(Fixtures.newLink(early, Fixtures.reservation(early, 1, justBefore))))
        .isInstanceOf(InsertOutcome.QuotaExhausted.class);
    assertThat(store().quotaUsed(key, justBefore)).isEqualTo(1);

    assertThat(store().quotaUsed(key, until)).isZero();
    insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), until), 1, until);
    assertThat(store().quotaUsed(key, until)).isEqualTo(1);
  }

  @Test
  @DisplayName("a link whose window has not started yet exists, so it counts")
  void notYetValidCounts() {
    insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.startingAt(T0.plus(Duration.ofDays(3))), T0), 5, T0);
    assertThat(store().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isEqualTo(1);
  }

  @Test
  @DisplayName("the SMS quota counts per month: revoking does not give one back, a new month starts at zero")
  void monthlyQuota() {
    AccessLink a = insertOk(link(DeliveryChannel.SMS, ValidityWindow.always(), T0), 1, T0);
    store().revoke(org, a.id(), Revocation.byAdministrator(Fixtures.admin(), T0));
    QuotaKey march = QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 3));
    assertThat(store().quotaUsed(march, T0)).isEqualTo(1);

    AccessLink b = link(DeliveryChannel.SMS, ValidityWindow.always(), T0);
    assertThat(store().insert(Fixtures.newLink(b, Fixtures.reservation(b, 1, T0))))
        .isEqualTo(new InsertOutcome.QuotaExhausted(1, 1));

    Instant april = Instant.parse("2026-04-01T00:00:00Z");
    insertOk(link(DeliveryChannel.SMS, ValidityWindow.always(), april), 1, april);
    assertThat(store().quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 4)), april)).isEqualTo(1);
    assertThat(store().quotaUsed(march, april)).isEqualTo(1);
  }

  @Test
  @DisplayName("a permanent delivery failure revokes the link and gives back its SMS month unit")
  void permanentFailureGivesSmsBack() {
    AccessLink a = link(DeliveryChannel.SMS, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 1);
    store().beginAttempt(claim, Fixtures.secret().hash(), T0);

    assertThat(store().completeDelivery(claim, new DeliveryCompletion.Failed(T0.plusSeconds(1), "twilio.21610")))
        .isTrue();

    AccessLink found = store().findById(org, a.id()).orElseThrow();
    assertThat(found.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(found.delivery().lastError()).isEqualTo("twilio.21610");
    assertThat(found.revocation()).isNotNull();
    assertThat(found.revocation().reason()).isEqualTo(RevocationReason.DELIVERY_FAILED);
    assertThat(store().quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 3)), T0)).isZero();
    insertOk(link(DeliveryChannel.SMS, ValidityWindow.always(), T0), 1, T0.plusSeconds(2));
  }

  @Test
  @DisplayName("a permanent delivery failure frees the EMAIL slot")
  void permanentFailureFreesEmailSlot() {
    AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 1);
    store().completeDelivery(claim, new DeliveryCompletion.Failed(T0, "smtp.550"));
    assertThat(store().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isZero();
  }

  @Test
  @DisplayName("concurrent inserts from two instances admit exactly the free number: EMAIL (live links)")
  void raceLive() throws Exception {
    race(DeliveryChannel.EMAIL);
  }

  @Test
  @DisplayName("concurrent inserts from two instances admit exactly the free number: SMS (per month)")
  void raceMonthly() throws Exception {
    race(DeliveryChannel.SMS);
  }

  private void race(DeliveryChannel channel) throws Exception {
    long limit = 10;
    for (int i = 0; i < 7; i++) {
      insertOk(link(channel, ValidityWindow.always(), T0), limit, T0);
    }
    int threads = raceThreads();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        AccessLinkStore s = t % 2 == 0 ? store() : secondInstance();
        futures.add(pool.submit(() -> {
          AccessLink l = link(channel, ValidityWindow.always(), T0);
          start.await();
          InsertOutcome out = s.insert(Fixtures.newLink(l, Fixtures.reservation(l, limit, T0)));
          (out instanceof InsertOutcome.Inserted ? admitted : refused).incrementAndGet();
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
    assertThat(admitted.get()).isEqualTo(3);
    assertThat(refused.get()).isEqualTo(threads - 3);
    QuotaKey key = Fixtures.reservation(link(channel, ValidityWindow.always(), T0), limit, T0).key();
    assertThat(store().quotaUsed(key, T0)).isEqualTo(limit);
    assertThat(store().list(new LinkQuery(org, LinkFilter.all(), null, 100))).hasSize((int) limit);
  }

  // ---- outbox ------------------------------------------------------------------------------

  @Test
  @DisplayName("a held claim keeps others away; after its lease expires it is reclaimed and the old token refused")
  void leaseExpiryReclaims() {
    AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim first = insertPending(a, 10);

    assertThat(claimOwn(store(), T0.plusSeconds(30), Duration.ofMinutes(1))).isEmpty();

    List<DeliveryClaim> again = claimOwn(secondInstance(), T0.plus(Duration.ofMinutes(1)), Duration.ofMinutes(1));
    assertThat(again).singleElement().satisfies(c -> {
      assertThat(c.link()).isEqualTo(a.id());
      assertThat(c.attempt()).isEqualTo(2);
      assertThat(c.token()).isNotEqualTo(first.token());
    });
    assertThat(store().beginAttempt(first, Fixtures.secret().hash(), T0.plus(Duration.ofMinutes(1)))).isFalse();
    assertThat(store().completeDelivery(first, new DeliveryCompletion.Sent(T0.plus(Duration.ofMinutes(1))))).isFalse();
    assertThat(store().findById(org, a.id()).orElseThrow().delivery().status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(store().beginAttempt(again.get(0), Fixtures.secret().hash(), T0.plus(Duration.ofMinutes(1)))).isTrue();
  }

  @Test
  @DisplayName("beginAttempt refuses a claim whose lease has passed")
  void beginAttemptAfterLease() {
    AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    assertThat(store().beginAttempt(claim, Fixtures.secret().hash(), claim.leaseUntil())).isFalse();
  }

  @Test
  @DisplayName("a retry is not due before its next attempt time, and is due from then on")
  void retryLaterRespectsTime() {
    AccessLink a = link(DeliveryChannel.SMS, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    Instant next = T0.plus(Duration.ofMinutes(5));
    assertThat(store().completeDelivery(claim, new DeliveryCompletion.RetryLater(T0, next, "twilio.429"))).isTrue();

    AccessLink pending = store().findById(org, a.id()).orElseThrow();
    assertThat(pending.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(pending.delivery().lastError()).isEqualTo("twilio.429");
    assertThat(claimOwn(store(), next.minusSeconds(1), Duration.ofMinutes(1))).isEmpty();
    assertThat(claimOwn(store(), next, Duration.ofMinutes(1))).extracting(DeliveryClaim::link).containsExactly(a.id());
  }

  @Test
  @DisplayName("a sent delivery is done: SENT, never claimed again, and its claim cannot complete twice")
  void sentIsFinal() {
    AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    store().beginAttempt(claim, Fixtures.secret().hash(), T0);
    assertThat(store().completeDelivery(claim, new DeliveryCompletion.Sent(T0.plusSeconds(1)))).isTrue();

    AccessLink sent = store().findById(org, a.id()).orElseThrow();
    assertThat(sent.delivery().status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(sent.delivery().lastAttemptAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(claimOwn(store(), T0.plus(Duration.ofDays(1)), Duration.ofMinutes(1))).isEmpty();
    assertThat(store().completeDelivery(claim, new DeliveryCompletion.Failed(T0.plusSeconds(2), "x"))).isFalse();
    assertThat(store().findById(org, a.id()).orElseThrow().isRevoked()).isFalse();
  }

  @Test
  @DisplayName("concurrent dispatchers on two instances never claim the same delivery")
  void concurrentClaimsAreDisjoint() throws Exception {
    Set<AccessLinkId> ids = new HashSet<>();
    for (int i = 0; i < 24; i++) {
      AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
      store().insert(new NewAccessLink(a, Fixtures.reservation(a, 1000, T0), null,
          Fixtures.initialClaim(a, Duration.ofSeconds(1))));
      ids.add(a.id());
    }
    Instant now = T0.plus(Duration.ofMinutes(10));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<AccessLinkId> claimed = Collections.synchronizedList(new ArrayList<>());
    Set<AccessLinkId> seen = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        AccessLinkStore s = t % 2 == 0 ? store() : secondInstance();
        futures.add(pool.submit(() -> {
          start.await();
          for (int round = 0; round < 10; round++) {
            for (DeliveryClaim c : s.claimDueDeliveries(now, Duration.ofMinutes(5), 3)) {
              if (ids.contains(c.link())) {
                claimed.add(c.link());
                seen.add(c.link());
              }
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
    // Drain what other tests' leftovers may have crowded out of the small batches.
    for (DeliveryClaim c : store().claimDueDeliveries(now, Duration.ofMinutes(5), 10_000)) {
      if (ids.contains(c.link())) {
        claimed.add(c.link());
      }
    }
    assertThat(claimed).doesNotHaveDuplicates();
    assertThat(new HashSet<>(claimed)).isEqualTo(ids);
  }

  // ---- list, revoke, use -------------------------------------------------------------------

  @Test
  @DisplayName("listing is newest first, by keyset, and honours the filter")
  void listKeyset() {
    List<AccessLink> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(insertOk(link(i % 2 == 0 ? DeliveryChannel.MANUAL : DeliveryChannel.EMAIL,
          ValidityWindow.always(), T0.plusSeconds(i)), 100, T0.plusSeconds(i)));
    }
    AccessLink foreign = Fixtures.link(Fixtures.newOrganization(), DeliveryChannel.MANUAL, ValidityWindow.always(), T0.plusSeconds(9));
    store().insert(Fixtures.newLink(foreign, Fixtures.reservation(foreign, 100, T0)));
    List<AccessLinkId> newestFirst = made.stream().map(AccessLink::id).sorted(Collections.reverseOrder()).toList();

    List<AccessLink> page1 = store().list(new LinkQuery(org, LinkFilter.all(), null, 2));
    List<AccessLink> page2 = store().list(new LinkQuery(org, LinkFilter.all(), page1.get(1).id(), 2));
    List<AccessLink> page3 = store().list(new LinkQuery(org, LinkFilter.all(), page2.get(1).id(), 2));
    assertThat(page1).extracting(AccessLink::id).containsExactlyElementsOf(newestFirst.subList(0, 2));
    assertThat(page2).extracting(AccessLink::id).containsExactlyElementsOf(newestFirst.subList(2, 4));
    assertThat(page3).extracting(AccessLink::id).containsExactlyElementsOf(newestFirst.subList(4, 5));

    store().revoke(org, made.get(4).id(), Revocation.byAdministrator(Fixtures.admin(), T0.plusSeconds(9)));
    assertThat(store().list(new LinkQuery(org, new LinkFilter(DeliveryChannel.MANUAL, null, false), null, 10)))
        .extracting(AccessLink::id).containsExactly(made.get(2).id(), made.get(0).id());
    assertThat(store().list(new LinkQuery(org, new LinkFilter(null, GroupId.of("staff"), true), null, 10))).isEmpty();
    assertThat(store().list(new LinkQuery(org, new LinkFilter(null, GroupId.of("visitors"), true), null, 10))).hasSize(5);
  }

  @Test
  @DisplayName("revoking records who and when, is idempotent, and cannot reach another organization's link")
  void revoke() {
    AccessLink a = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 10, T0);
    Revocation how = Revocation.byAdministrator(Fixtures.admin(), T0.plusSeconds(5));

    assertThat(store().revoke(Fixtures.newOrganization(), a.id(), how)).isInstanceOf(RevokeOutcome.NotFound.class);
    RevokeOutcome first = store().revoke(org, a.id(), how);
    assertThat(first).isInstanceOf(RevokeOutcome.Revoked.class);
    assertThat(((RevokeOutcome.Revoked) first).link().revocation()).isEqualTo(how);
    RevokeOutcome second = store().revoke(org, a.id(), Revocation.byAdministrator(Fixtures.admin(), T0.plusSeconds(9)));
    assertThat(second).isInstanceOf(RevokeOutcome.AlreadyRevoked.class);
    assertThat(store().findById(org, a.id()).orElseThrow().revocation()).isEqualTo(how);
    assertThat(store().revoke(org, Fixtures.linkId(T0), how)).isInstanceOf(RevokeOutcome.NotFound.class);
  }

  private AccessEvent unlocked(AccessLink link, Instant at) {
    return new AccessEvent(UUID.randomUUID(), org, at, AccessEventType.DOOR_UNLOCKED,
        Actor.recipient(link.recipient()), link.id(), DoorId.of("front"), "bypassed:[GEOFENCE, READER_PROXIMITY]");
  }

  @Test
  @DisplayName("recordUses keeps the latest use and appends the unlock's event with it")
  void recordUse() {
    AccessLink a = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 10, T0);
    AccessEvent first = unlocked(a, T0.plusSeconds(42));
    store().recordUses(List.of(new LinkUse(a.id(), T0.plusSeconds(42), first)));
    assertThat(store().findById(org, a.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(42));
    assertThat(events().recent(org, 1)).containsExactly(first);

    AccessEvent late = unlocked(a, T0.plusSeconds(40));
    secondInstance().recordUses(List.of(new LinkUse(a.id(), T0.plusSeconds(40), late)));
    assertThat(store().findById(org, a.id()).orElseThrow().lastUsedAt())
        .as("a use recorded out of order does not move the last use back").isEqualTo(T0.plusSeconds(42));
    assertThat(events().recent(org, 10)).contains(first, late);
  }

  @Test
  @DisplayName("recordUses records a batch: each link keeps its latest use, every event is appended in order")
  void recordUsesBatch() {
    AccessLink a = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 10, T0);
    AccessLink b = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 10, T0);
    List<LinkUse> batch = List.of(
        new LinkUse(b.id(), T0.plusSeconds(7), unlocked(b, T0.plusSeconds(7))),
        new LinkUse(a.id(), T0.plusSeconds(9), unlocked(a, T0.plusSeconds(9))),
        new LinkUse(Fixtures.linkId(T0), T0.plusSeconds(9), unlocked(a, T0.plusSeconds(9))), // unknown link
        new LinkUse(a.id(), T0.plusSeconds(8), unlocked(a, T0.plusSeconds(8))),
        new LinkUse(b.id(), T0.plusSeconds(11), unlocked(b, T0.plusSeconds(11))));
    store().recordUses(batch);

    assertThat(store().findById(org, a.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(9));
    assertThat(store().findById(org, b.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(11));
    List<AccessEvent> newestFirst = new ArrayList<>(batch.stream().map(LinkUse::event).toList());
    Collections.reverse(newestFirst);
    assertThat(events().recent(org, 5)).containsExactlyElementsOf(newestFirst);
    assertThatThrownBy(() -> store().recordUses(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("an insert appends the link's LINK_SENT event with it; a refused insert appends nothing")
  void insertAppendsItsEvent() {
    AccessLink a = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    NewAccessLink n = Fixtures.newLink(a, Fixtures.reservation(a, 1, T0));
    assertThat(store().insert(n)).isInstanceOf(InsertOutcome.Inserted.class);
    assertThat(events().recent(org, 10)).containsExactly(n.event());

    AccessLink b = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    assertThat(store().insert(Fixtures.newLink(b, Fixtures.reservation(b, 1, T0))))
        .isInstanceOf(InsertOutcome.QuotaExhausted.class);
    assertThat(events().recent(org, 10)).containsExactly(n.event());
  }

  @Test
  @DisplayName("an unused quota counter reads zero")
  void unusedQuotaIsZero() {
    assertThat(store().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isZero();
    assertThat(store().quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 3)), T0)).isZero();
  }

  /** Builds a reservation; exposed for subclasses that add their own tests. */
  protected static QuotaReservation reservationFor(AccessLink link, long limit, Instant now) {
    return Fixtures.reservation(link, limit, now);
  }
}
