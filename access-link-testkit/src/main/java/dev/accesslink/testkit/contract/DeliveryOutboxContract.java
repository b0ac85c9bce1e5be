package dev.accesslink.testkit.contract;

import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.RevocationReason;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.DeliveryCompletion;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.OutboxBacklog;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.LinkResend;
import dev.accesslink.core.port.out.store.ResendOutcome;
import dev.accesslink.core.port.out.store.ReportOutcome;
import dev.accesslink.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeliveryOutbox} owes (see its Javadoc): one valid claim per delivery (also
 * between two instances), leases that expire and refuse the old token, retries that wait for
 * their time, and a permanent failure that revokes the link and gives its quota unit back. Subclass
 * it with the outbox under test and the {@link LinkRecords} over the same data (the deliveries are
 * created by their inserts); each test works in a fresh organization.
 *
 * <p>Note that {@code claimDueDeliveries} is global: tests claim with a large batch and look only
 * at their own organization's deliveries.
 */
public abstract class DeliveryOutboxContract {

  /** The outbox under test. */
  protected abstract DeliveryOutbox outbox();

  /** The link records over the same data, to create deliveries and read links back. */
  protected abstract LinkRecords links();

  /** The audit log of the same data: {@code completeDelivery} appends its event there. */
  protected abstract AccessEvents events();

  /**
   * A second, independent outbox over the same data (another connection pool: another application
   * instance). The default is the same instance.
   */
  protected DeliveryOutbox secondOutbox() {
    return outbox();
  }

  private final OrganizationId org = Fixtures.newOrganization();

  private AccessLink link(DeliveryChannel channel, ValidityWindow window, Instant at) {
    return Fixtures.link(org, channel, window, at);
  }

  private AccessLink insertOk(AccessLink link, long limit, Instant now) {
    InsertOutcome out = links().insert(Fixtures.newLink(link, Fixtures.reservation(link, limit, now)));
    assertThat(out).isInstanceOf(InsertOutcome.Inserted.class);
    return link;
  }

  /** Inserts an EMAIL/SMS link at T0 under its initial one-minute claim, and returns the claim. */
  private DeliveryClaim insertPending(AccessLink link, long limit) {
    DeliveryClaim claim = Fixtures.initialClaim(link, Duration.ofMinutes(1));
    assertThat(links().insert(new NewAccessLink(link, Fixtures.reservation(link, limit, T0), null, claim)))
        .isInstanceOf(InsertOutcome.Inserted.class);
    return claim;
  }

  private List<DeliveryClaim> claimOwn(DeliveryOutbox s, Instant now, Duration lease) {
    return s.claimDueDeliveries(now, lease, 10_000).stream().filter(c -> c.organization().equals(org)).toList();
  }

  @Test
  @DisplayName("an EMAIL link starts PENDING under its initial claim and has no secret until an attempt begins")
  void emailLinkStartsPending() {
    AccessLink link = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = Fixtures.initialClaim(link, Duration.ofMinutes(1));
    links().insert(new NewAccessLink(link, Fixtures.reservation(link, 10, T0), null, claim));

    AccessLink found = links().findById(org, link.id()).orElseThrow();
    assertThat(found.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(found.delivery().attempts()).isEqualTo(1);

    SecretHash first = Fixtures.secret().hash();
    assertThat(outbox().beginAttempt(claim, first, T0.plusSeconds(1))).isTrue();
    assertThat(links().findBySecretHash(first)).map(AccessLink::id).contains(link.id());

    SecretHash second = Fixtures.secret().hash();
    assertThat(outbox().beginAttempt(claim, second, T0.plusSeconds(2))).isTrue();
    assertThat(links().findBySecretHash(first)).as("an attempt that recorded no outcome may have arrived")
        .map(AccessLink::id).contains(link.id());
    assertThat(links().findBySecretHash(second)).isPresent();
  }

  @Test
  @DisplayName("a completion appends its audit event in the same step, once; a stale claim appends none")
  void completionAppendsItsEvent() {
    AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    assertThat(outbox().beginAttempt(claim, Fixtures.secret().hash(), T0)).isTrue();
    List<AccessEvent> before = events().recent(org, 100);
    DeliveryCompletion sent = new DeliveryCompletion.Sent(T0.plusSeconds(1), "m-1");
    AccessEvent event = Fixtures.deliveryEvent(claim, sent);

    assertThat(outbox().completeDelivery(claim, sent, event)).isTrue();
    assertThat(events().recent(org, 100)).hasSize(before.size() + 1).first().isEqualTo(event);

    AccessEvent again = Fixtures.deliveryEvent(claim, sent);
    assertThat(outbox().completeDelivery(claim, sent, again)).as("the claim ended").isFalse();
    assertThat(events().recent(org, 100)).hasSize(before.size() + 1).doesNotContain(again);
  }

  @Test
  @DisplayName("concurrent completions from many threads each append exactly their own event")
  void concurrentCompletionsAppendExactly() throws Exception {
    int n = 24;
    List<DeliveryClaim> claims = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AccessLink l = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
      DeliveryClaim c = insertPending(l, 1_000);
      assertThat(outbox().beginAttempt(c, Fixtures.secret().hash(), T0)).isTrue();
      claims.add(c);
    }
    List<AccessEvent> expected = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Boolean>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        DeliveryClaim c = claims.get(i);
        DeliveryOutbox s = i % 2 == 0 ? outbox() : secondOutbox();
        DeliveryCompletion completion = i % 3 == 0
            ? new DeliveryCompletion.RetryLater(T0.plusSeconds(1), T0.plusSeconds(60), "smtp.421", false)
            : new DeliveryCompletion.Sent(T0.plusSeconds(1), "m-" + i);
        AccessEvent e = Fixtures.deliveryEvent(c, completion);
        expected.add(e);
        done.add(pool.submit(() -> s.completeDelivery(c, completion, e)));
      }
      for (Future<Boolean> f : done) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(events().recent(org, 1_000)).filteredOn(e -> e.type() != AccessEventType.LINK_SENT)
        .containsExactlyInAnyOrderElementsOf(expected);
    for (DeliveryClaim c : claims) {
      assertThat(links().findById(org, c.link()).orElseThrow().delivery().status())
          .isIn(DeliveryStatus.SENT, DeliveryStatus.PENDING);
    }
  }

  /** Begins an attempt under a claim due at {@code at} (claimed by {@code s}) and returns its secret's hash. */
  private SecretHash beginNext(DeliveryOutbox s, AccessLinkId link, Instant at) {
    DeliveryClaim claim = claimOwn(s, at, Duration.ofMinutes(1)).stream()
        .filter(c -> c.link().equals(link)).findFirst().orElseThrow();
    SecretHash hash = Fixtures.secret().hash();
    assertThat(s.beginAttempt(claim, hash, at)).isTrue();
    lastClaim = claim;
    return hash;
  }

  private DeliveryClaim lastClaim;

  @Test
  @DisplayName("a message refused for sure is superseded: the next attempt's secret replaces its secret")
  void refusedAttemptIsSuperseded() {
    AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    SecretHash first = Fixtures.secret().hash();
    outbox().beginAttempt(claim, first, T0);
    Instant next = T0.plusSeconds(30);
    assertThat(Fixtures.complete(outbox(), claim, new DeliveryCompletion.RetryLater(T0, next, "smtp.421", false)))
        .isTrue();

    SecretHash second = beginNext(outbox(), a.id(), next);
    assertThat(links().findBySecretHash(first)).as("the refused message's secret").isEmpty();
    assertThat(links().findBySecretHash(second)).map(AccessLink::id).contains(a.id());
  }

  @Test
  @DisplayName("a message whose outcome is unknown (timeout after the hand-over) keeps opening after a retry is sent")
  void unknownOutcomeKeepsItsSecret() {
    AccessLink a = link(DeliveryChannel.SMS, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    SecretHash first = Fixtures.secret().hash();
    outbox().beginAttempt(claim, first, T0);
    Instant next = T0.plusSeconds(30);
    assertThat(Fixtures.complete(outbox(), claim, new DeliveryCompletion.RetryLater(T0, next, "smtp.timeout", true)))
        .isTrue();

    SecretHash second = beginNext(outbox(), a.id(), next);
    assertThat(Fixtures.complete(outbox(), lastClaim, new DeliveryCompletion.Sent(next.plusSeconds(1), "SM123")))
        .isTrue();
    assertThat(links().findBySecretHash(first)).as("the first message's secret").map(AccessLink::id).contains(a.id());
    assertThat(links().findBySecretHash(second)).as("the second message's secret").map(AccessLink::id).contains(a.id());
    assertThat(links().findById(org, a.id()).orElseThrow().delivery().status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(claimOwn(outbox(), T0.plus(Duration.ofDays(1)), Duration.ofMinutes(1)))
        .as("once the provider answered, no further message").isEmpty();
  }

  @Test
  @DisplayName("a crash between the hand-over and its record: another instance's retry leaves both secrets opening")
  void crashAfterHandOverKeepsBothSecrets() {
    AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    SecretHash first = Fixtures.secret().hash();
    assertThat(outbox().beginAttempt(claim, first, T0)).isTrue();
    // the message leaves, and the process dies before completeDelivery: nothing more is recorded

    Instant afterLease = claim.leaseUntil();
    SecretHash second = beginNext(secondOutbox(), a.id(), afterLease);
    assertThat(Fixtures.complete(outbox(), claim, new DeliveryCompletion.Sent(afterLease))).as("the dead claim").isFalse();
    assertThat(Fixtures.complete(secondOutbox(), lastClaim, new DeliveryCompletion.Sent(afterLease.plusSeconds(1), "m2")))
        .isTrue();
    assertThat(links().findBySecretHash(first)).map(AccessLink::id).contains(a.id());
    assertThat(links().findBySecretHash(second)).map(AccessLink::id).contains(a.id());
  }

  @Test
  @DisplayName("a permanent delivery failure revokes the link and gives back its SMS month unit")
  void permanentFailureGivesSmsBack() {
    AccessLink a = link(DeliveryChannel.SMS, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 1);
    outbox().beginAttempt(claim, Fixtures.secret().hash(), T0);

    assertThat(Fixtures.complete(outbox(), claim, new DeliveryCompletion.Failed(T0.plusSeconds(1), "twilio.21610")))
        .isTrue();

    AccessLink found = links().findById(org, a.id()).orElseThrow();
    assertThat(found.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(found.delivery().lastError()).isEqualTo("twilio.21610");
    assertThat(found.revocation()).isNotNull();
    assertThat(found.revocation().reason()).isEqualTo(RevocationReason.DELIVERY_FAILED);
    assertThat(links().quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 3)), T0)).isZero();
    insertOk(link(DeliveryChannel.SMS, ValidityWindow.always(), T0), 1, T0.plusSeconds(2));
  }

  @Test
  @DisplayName("a permanent delivery failure frees the EMAIL slot")
  void permanentFailureFreesEmailSlot() {
    AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 1);
    Fixtures.complete(outbox(), claim, new DeliveryCompletion.Failed(T0, "smtp.550"));
    assertThat(links().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isZero();
  }

  @Test
  @DisplayName("a held claim keeps others away; after its lease expires it is reclaimed and the old token refused")
  void leaseExpiryReclaims() {
    AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim first = insertPending(a, 10);

    assertThat(claimOwn(outbox(), T0.plusSeconds(30), Duration.ofMinutes(1))).isEmpty();

    List<DeliveryClaim> again = claimOwn(secondOutbox(), T0.plus(Duration.ofMinutes(1)), Duration.ofMinutes(1));
    assertThat(again).singleElement().satisfies(c -> {
      assertThat(c.link()).isEqualTo(a.id());
      assertThat(c.attempt()).isEqualTo(2);
      assertThat(c.token()).isNotEqualTo(first.token());
    });
    assertThat(outbox().beginAttempt(first, Fixtures.secret().hash(), T0.plus(Duration.ofMinutes(1)))).isFalse();
    assertThat(Fixtures.complete(outbox(), first, new DeliveryCompletion.Sent(T0.plus(Duration.ofMinutes(1))))).isFalse();
    assertThat(links().findById(org, a.id()).orElseThrow().delivery().status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(outbox().beginAttempt(again.get(0), Fixtures.secret().hash(), T0.plus(Duration.ofMinutes(1)))).isTrue();
  }

  @Test
  @DisplayName("beginAttempt refuses a claim whose lease has passed")
  void beginAttemptAfterLease() {
    AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    assertThat(outbox().beginAttempt(claim, Fixtures.secret().hash(), claim.leaseUntil())).isFalse();
  }

  @Test
  @DisplayName("a retry is not due before its next attempt time, and is due from then on")
  void retryLaterRespectsTime() {
    AccessLink a = link(DeliveryChannel.SMS, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    Instant next = T0.plus(Duration.ofMinutes(5));
    assertThat(Fixtures.complete(outbox(), claim, new DeliveryCompletion.RetryLater(T0, next, "twilio.429"))).isTrue();

    AccessLink pending = links().findById(org, a.id()).orElseThrow();
    assertThat(pending.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(pending.delivery().lastError()).isEqualTo("twilio.429");
    assertThat(claimOwn(outbox(), next.minusSeconds(1), Duration.ofMinutes(1))).isEmpty();
    assertThat(claimOwn(outbox(), next, Duration.ofMinutes(1))).extracting(DeliveryClaim::link).containsExactly(a.id());
  }

  @Test
  @DisplayName("a sent delivery is done: SENT, never claimed again, and its claim cannot complete twice")
  void sentIsFinal() {
    AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    outbox().beginAttempt(claim, Fixtures.secret().hash(), T0);
    assertThat(Fixtures.complete(outbox(), claim, new DeliveryCompletion.Sent(T0.plusSeconds(1)))).isTrue();

    AccessLink sent = links().findById(org, a.id()).orElseThrow();
    assertThat(sent.delivery().status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(sent.delivery().lastAttemptAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(claimOwn(outbox(), T0.plus(Duration.ofDays(1)), Duration.ofMinutes(1))).isEmpty();
    assertThat(Fixtures.complete(outbox(), claim, new DeliveryCompletion.Failed(T0.plusSeconds(2), "x"))).isFalse();
    assertThat(links().findById(org, a.id()).orElseThrow().isRevoked()).isFalse();
  }

  @Test
  @DisplayName("the backlog counts the pending deliveries, those due by the instant asked about, and not the delivered ones")
  void backlogCountsPendingAndOverdue() {
    // the outbox is global: compare with the counts before, at two fixed instants
    Instant early = T0.plus(Duration.ofMinutes(1));
    Instant late = T0.plus(Duration.ofMinutes(5));
    OutboxBacklog earlyBefore = outbox().backlog(early);
    OutboxBacklog lateBefore = outbox().backlog(late);

    insertPending(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 10);       // due at T0, claimed
    DeliveryClaim retried = insertPending(link(DeliveryChannel.SMS, ValidityWindow.always(), T0), 10);
    Fixtures.complete(outbox(), retried, new DeliveryCompletion.RetryLater(T0, late, "twilio.429"));
    DeliveryClaim sent = insertPending(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 10);
    Fixtures.complete(outbox(), sent, new DeliveryCompletion.Sent(T0));
    DeliveryClaim failed = insertPending(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 10);
    Fixtures.complete(outbox(), failed, new DeliveryCompletion.Failed(T0, "smtp.550"));

    OutboxBacklog earlyAfter = outbox().backlog(early);
    OutboxBacklog lateAfter = outbox().backlog(late);
    assertThat(earlyAfter.pending() - earlyBefore.pending()).isEqualTo(2);
    assertThat(earlyAfter.overdue() - earlyBefore.overdue()).as("the retry is not due yet").isEqualTo(1);
    assertThat(lateAfter.pending() - lateBefore.pending()).isEqualTo(2);
    assertThat(lateAfter.overdue() - lateBefore.overdue()).as("due at exactly the instant asked about").isEqualTo(2);
    assertThat(earlyAfter.oldestDueAt()).hasValueSatisfying(at -> assertThat(at).isBeforeOrEqualTo(T0));
    assertThat(earlyAfter).isEqualTo(outbox().backlog(early)).as("counting changes nothing");
  }

  @Test
  @DisplayName("concurrent dispatchers on two instances never claim the same delivery")
  void concurrentClaimsAreDisjoint() throws Exception {
    Set<AccessLinkId> ids = new HashSet<>();
    for (int i = 0; i < 24; i++) {
      AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
      links().insert(new NewAccessLink(a, Fixtures.reservation(a, 1000, T0), null,
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
        DeliveryOutbox s = t % 2 == 0 ? outbox() : secondOutbox();
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
    for (DeliveryClaim c : outbox().claimDueDeliveries(now, Duration.ofMinutes(5), 10_000)) {
      if (ids.contains(c.link())) {
        claimed.add(c.link());
      }
    }
    assertThat(claimed).doesNotHaveDuplicates();
    assertThat(new HashSet<>(claimed)).isEqualTo(ids);
  }

  @Test
  @DisplayName("an insert refused by the quota leaves no delivery to claim")
  void refusedInsertLeavesNothingToClaim() {
    insertPending(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 1);
    AccessLink refused = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    assertThat(links().insert(Fixtures.newLink(refused, Fixtures.reservation(refused, 1, T0))))
        .isInstanceOf(InsertOutcome.QuotaExhausted.class);
    assertThat(claimOwn(outbox(), T0.plus(Duration.ofHours(1)), Duration.ofMinutes(1)))
        .extracting(DeliveryClaim::link).doesNotContain(refused.id());
  }

  @Test
  @DisplayName("a resend kills every secret at once (also an unknown outcome's) and starts a new delivery under its claim")
  void resendKillsEverySecret() {
    AccessLink a = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    SecretHash first = Fixtures.secret().hash();
    outbox().beginAttempt(claim, first, T0);
    Instant next = T0.plusSeconds(30);
    Fixtures.complete(outbox(), claim, new DeliveryCompletion.RetryLater(T0, next, "smtp.timeout", true));
    SecretHash second = beginNext(outbox(), a.id(), next);
    Fixtures.complete(outbox(), lastClaim, new DeliveryCompletion.Sent(next.plusSeconds(1), "m2"));

    LinkResend resend = Fixtures.resend(a, next.plusSeconds(60), 10);
    assertThat(links().resend(resend)).isInstanceOfSatisfying(ResendOutcome.Resent.class, r -> {
      assertThat(r.link().delivery().status()).isEqualTo(DeliveryStatus.PENDING);
      assertThat(r.link().delivery().attempts()).isEqualTo(1);
    });
    assertThat(links().findBySecretHash(first)).as("the unknown outcome's secret").isEmpty();
    assertThat(links().findBySecretHash(second)).as("the sent message's secret").isEmpty();
    assertThat(claimOwn(outbox(), next.plusSeconds(61), Duration.ofMinutes(1))).as("held by the resend's claim").isEmpty();

    SecretHash third = Fixtures.secret().hash();
    assertThat(outbox().beginAttempt(resend.claim(), third, next.plusSeconds(61))).isTrue();
    assertThat(Fixtures.complete(outbox(), resend.claim(), new DeliveryCompletion.Sent(next.plusSeconds(62), "m3")))
        .isTrue();
    assertThat(links().findBySecretHash(third)).map(AccessLink::id).contains(a.id());
    assertThat(links().findById(org, a.id()).orElseThrow().delivery().status()).isEqualTo(DeliveryStatus.SENT);
  }

  @Test
  @DisplayName("a resend takes over an attempt in flight: its claim is refused from then on")
  void resendTakesOverInFlight() {
    AccessLink a = link(DeliveryChannel.SMS, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    LinkResend resend = Fixtures.resend(a, T0.plusSeconds(1), 10);
    assertThat(links().resend(resend)).isInstanceOf(ResendOutcome.Resent.class);
    assertThat(outbox().beginAttempt(claim, Fixtures.secret().hash(), T0.plusSeconds(2))).isFalse();
    assertThat(Fixtures.complete(outbox(), claim, new DeliveryCompletion.Sent(T0.plusSeconds(2)))).isFalse();
  }

  @Test
  @DisplayName("a resent SMS that fails for good gives back the resend's unit; the first one stays spent")
  void failedSmsResendGivesItsUnitBack() {
    AccessLink a = link(DeliveryChannel.SMS, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, 10);
    outbox().beginAttempt(claim, Fixtures.secret().hash(), T0);
    Fixtures.complete(outbox(), claim, new DeliveryCompletion.Sent(T0.plusSeconds(1), "SM1"));
    Instant april = Instant.parse("2026-04-02T09:00:00Z");
    LinkResend resend = Fixtures.resend(a, april, 10);
    links().resend(resend);
    QuotaKey march = QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 3));
    QuotaKey aprilKey = QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 4));
    assertThat(links().quotaUsed(aprilKey, april)).isEqualTo(1);

    outbox().beginAttempt(resend.claim(), Fixtures.secret().hash(), april);
    assertThat(Fixtures.complete(outbox(), resend.claim(), new DeliveryCompletion.Failed(april, "twilio.21610"))).isTrue();
    assertThat(links().quotaUsed(aprilKey, april)).isZero();
    assertThat(links().quotaUsed(march, april)).isEqualTo(1);
  }

  /** An SMS link inserted at T0 whose first attempt was sent with provider message id {@code messageId}. */
  private AccessLink sentSms(String messageId, long limit) {
    AccessLink a = link(DeliveryChannel.SMS, ValidityWindow.always(), T0);
    DeliveryClaim claim = insertPending(a, limit);
    outbox().beginAttempt(claim, Fixtures.secret().hash(), T0);
    assertThat(Fixtures.complete(outbox(), claim, new DeliveryCompletion.Sent(T0.plusSeconds(1), messageId))).isTrue();
    return a;
  }

  @Test
  @DisplayName("a report that the sent message was undelivered fails the delivery, revokes the link and gives the SMS unit back")
  void undeliveredReport() {
    String sid = "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
    AccessLink a = sentSms(sid, 1);
    Instant at = T0.plusSeconds(90);

    assertThat(secondOutbox().recordUndelivered(sid, at, "twilio.30003")).isInstanceOfSatisfying(
        ReportOutcome.Applied.class, r -> assertThat(r.link().id()).isEqualTo(a.id()));
    AccessLink found = links().findById(org, a.id()).orElseThrow();
    assertThat(found.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(found.delivery().lastError()).isEqualTo("twilio.30003");
    assertThat(found.revocation()).isNotNull();
    assertThat(found.revocation().reason()).isEqualTo(RevocationReason.DELIVERY_FAILED);
    assertThat(links().quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 3)), at)).isZero();

    assertThat(outbox().recordUndelivered(sid, at.plusSeconds(1), "twilio.30003"))
        .as("the same report again").isInstanceOf(ReportOutcome.Stale.class);
    assertThat(links().quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 3)), at)).isZero();
  }

  @Test
  @DisplayName("a report for an unknown message, or for a message a resend replaced, changes nothing")
  void unknownOrStaleReport() {
    assertThat(outbox().recordUndelivered("SM-none-" + java.util.UUID.randomUUID(), T0, "twilio.30003"))
        .isInstanceOf(ReportOutcome.Unknown.class);

    String sid = "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
    AccessLink a = sentSms(sid, 10);
    LinkResend resend = Fixtures.resend(a, T0.plusSeconds(60), 10);
    links().resend(resend);
    assertThat(outbox().recordUndelivered(sid, T0.plusSeconds(61), "twilio.30005"))
        .isEqualTo(new ReportOutcome.Stale(a.id()));
    AccessLink found = links().findById(org, a.id()).orElseThrow();
    assertThat(found.isRevoked()).isFalse();
    assertThat(found.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
  }
}
