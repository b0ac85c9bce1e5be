package dev.accesslink.testkit.contract;

import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.IdempotencyKey;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.LinkFilter;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.store.IdempotencyRecord;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.KeyedSend;
import dev.accesslink.core.port.out.store.LinkQuery;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.QuotaReservation;
import dev.accesslink.core.port.out.store.RevokeOutcome;
import dev.accesslink.core.port.out.store.LinkResend;
import dev.accesslink.core.port.out.store.ResendOutcome;
import dev.accesslink.core.port.out.store.WindowChange;
import dev.accesslink.core.port.out.store.WindowChangeOutcome;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
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
 * What every {@link LinkRecords} owes (see its Javadoc): links round-trip, secret hashes are
 * unique, quotas are exact (also under a race between two instances), revocation, listing, and
 * the {@code LINK_SENT} event appended with each insert, idempotency keys (exactly one link per
 * kept key, also under a race between two instances) and external references. Subclass it with the records under test;
 * each test works in a fresh organization, so one instance per test class is enough.
 */
public abstract class LinkRecordsContract {

  /** The records under test. */
  protected abstract LinkRecords links();

  /**
   * A second, independent instance over the same data (another connection pool: another
   * application instance). The default is the same instance.
   */
  protected LinkRecords secondInstance() {
    return links();
  }

  /** The audit log the records append their events to (the same persistence's). */
  protected abstract AccessEvents events();

  /** Threads in the race tests. */
  protected int raceThreads() {
    return 16;
  }

  private final OrganizationId org = Fixtures.newOrganization();

  private AccessLink link(DeliveryChannel channel, ValidityWindow window, Instant at) {
    return Fixtures.link(org, channel, window, at);
  }

  /** A MANUAL link of {@link #org}, valid always, stored with {@code hash} as its secret's. */
  private AccessLink insertManual(SecretHash hash) {
    AccessLink link = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    links().insert(new NewAccessLink(link, Fixtures.reservation(link, 10, T0), hash, null));
    return link;
  }

  private AccessLink insertOk(AccessLink link, long limit, Instant now) {
    InsertOutcome out = links().insert(Fixtures.newLink(link, Fixtures.reservation(link, limit, now)));
    assertThat(out).isInstanceOf(InsertOutcome.Inserted.class);
    return link;
  }

  @Test
  @DisplayName("an inserted link is found by id, with every field as given")
  void insertThenFindById() {
    AccessLink link = link(DeliveryChannel.MANUAL,
        ValidityWindow.between(T0.plusSeconds(60), T0.plus(Duration.ofDays(2))), T0);
    insertOk(link, 10, T0);

    AccessLink found = links().findById(org, link.id()).orElseThrow();
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
  @DisplayName("the sender's display name and the language round-trip; a link without a name has none")
  void issuerNameAndLanguageRoundTrip() {
    AccessLink plain = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    AccessLink named = AccessLink.issue(Fixtures.linkId(T0), org, plain.recipient(), plain.group(), plain.window(),
        plain.issuedBy(), T0, dev.accesslink.core.domain.LinkRules.none(), "Zoë O’Brien-Müller 李", Language.of("pt-BR"));
    insertOk(plain, 100, T0);
    insertOk(named, 100, T0);

    AccessLink found = links().findById(org, named.id()).orElseThrow();
    assertThat(found.issuerName()).isEqualTo("Zoë O’Brien-Müller 李");
    assertThat(found.language()).isEqualTo(Language.of("pt-BR"));
    AccessLink foundPlain = links().findById(org, plain.id()).orElseThrow();
    assertThat(foundPlain.issuerNameIfAny()).isEmpty();
    assertThat(foundPlain.language()).isEqualTo(Language.ENGLISH);
  }

  @Test
  @DisplayName("every channel's recipient and an open window round-trip")
  void recipientsRoundTrip() {
    for (DeliveryChannel c : DeliveryChannel.values()) {
      AccessLink link = insertOk(link(c, ValidityWindow.always(), T0), 100, T0);
      AccessLink found = links().findById(org, link.id()).orElseThrow();
      assertThat(found.recipient()).isEqualTo(link.recipient());
      assertThat(found.window()).isEqualTo(ValidityWindow.always());
    }
  }

  @Test
  @DisplayName("a link is not found through another organization")
  void notFoundInOtherOrganization() {
    AccessLink link = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 10, T0);
    assertThat(links().findById(Fixtures.newOrganization(), link.id())).isEmpty();
    assertThat(links().findById(org, Fixtures.linkId(T0))).isEmpty();
  }

  @Test
  @DisplayName("a MANUAL link is found by its secret's hash, and by no other")
  void findBySecretHash() {
    SecretHash hash = Fixtures.secret().hash();
    AccessLink link = insertManual(hash);

    assertThat(links().findBySecretHash(hash)).map(AccessLink::id).contains(link.id());
    assertThat(links().findBySecretHash(Fixtures.secret().hash())).isEmpty();
  }

  @Test
  @DisplayName("secret hashes are unique: a second link with the same hash is refused and not stored")
  void secretHashUnique() {
    SecretHash hash = Fixtures.secret().hash();
    AccessLink first = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    links().insert(new NewAccessLink(first, Fixtures.reservation(first, 10, T0), hash, null));
    AccessLink second = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);

    assertThatThrownBy(() ->
        links().insert(new NewAccessLink(second, Fixtures.reservation(second, 10, T0), hash, null)))
        .isInstanceOf(AccessLinkInfrastructureException.class);
    assertThat(links().findById(org, second.id())).isEmpty();
    assertThat(links().quotaUsed(QuotaKey.live(org, DeliveryChannel.MANUAL), T0)).isEqualTo(1);
  }

  @Test
  @DisplayName("an insert appends the link's LINK_SENT event with it; a refused insert appends nothing")
  void insertAppendsItsEvent() {
    AccessLink a = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    NewAccessLink n = Fixtures.newLink(a, Fixtures.reservation(a, 1, T0));
    assertThat(links().insert(n)).isInstanceOf(InsertOutcome.Inserted.class);
    assertThat(events().recent(org, 10)).containsExactly(n.event());

    AccessLink b = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    assertThat(links().insert(Fixtures.newLink(b, Fixtures.reservation(b, 1, T0))))
        .isInstanceOf(InsertOutcome.QuotaExhausted.class);
    assertThat(events().recent(org, 10)).containsExactly(n.event());
  }

  @Test
  @DisplayName("an insert over the quota stores nothing and reports used/limit")
  void quotaExhaustedStoresNothing() {
    insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 2, T0);
    insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 2, T0);
    AccessLink third = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);

    InsertOutcome out = links().insert(Fixtures.newLink(third, Fixtures.reservation(third, 2, T0)));

    assertThat(out).isEqualTo(new InsertOutcome.QuotaExhausted(2, 2));
    assertThat(links().findById(org, third.id())).isEmpty();
    assertThat(links().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isEqualTo(2);
  }

  @Test
  @DisplayName("a limit of zero refuses every link")
  void zeroLimit() {
    AccessLink l = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    assertThat(links().insert(Fixtures.newLink(l, Fixtures.reservation(l, 0, T0))))
        .isEqualTo(new InsertOutcome.QuotaExhausted(0, 0));
  }

  @Test
  @DisplayName("quotas are per organization and per channel")
  void quotaScopes() {
    insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 1, T0);
    insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 1, T0);
    AccessLink otherOrg = Fixtures.link(Fixtures.newOrganization(), DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    assertThat(links().insert(Fixtures.newLink(otherOrg, Fixtures.reservation(otherOrg, 1, T0))))
        .isInstanceOf(InsertOutcome.Inserted.class);
    assertThat(links().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isEqualTo(1);
    assertThat(links().quotaUsed(QuotaKey.live(org, DeliveryChannel.MANUAL), T0)).isEqualTo(1);
    assertThat(links().quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 3)), T0)).isZero();
  }

  @Test
  @DisplayName("revoking frees a live-links slot at once")
  void revokeFreesLiveSlot() {
    AccessLink a = insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 1, T0);
    AccessLink b = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    assertThat(links().insert(Fixtures.newLink(b, Fixtures.reservation(b, 1, T0))))
        .isInstanceOf(InsertOutcome.QuotaExhausted.class);

    links().revoke(org, a.id(), Revocation.byAdministrator(Fixtures.admin(), T0.plusSeconds(1)));

    assertThat(links().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0.plusSeconds(1))).isZero();
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
    assertThat(links().insert(Fixtures.newLink(early, Fixtures.reservation(early, 1, justBefore))))
        .isInstanceOf(InsertOutcome.QuotaExhausted.class);
    assertThat(links().quotaUsed(key, justBefore)).isEqualTo(1);

    assertThat(links().quotaUsed(key, until)).isZero();
    insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), until), 1, until);
    assertThat(links().quotaUsed(key, until)).isEqualTo(1);
  }

  @Test
  @DisplayName("a link whose window has not started yet exists, so it counts")
  void notYetValidCounts() {
    insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.startingAt(T0.plus(Duration.ofDays(3))), T0), 5, T0);
    assertThat(links().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isEqualTo(1);
  }

  @Test
  @DisplayName("the SMS quota counts per month: revoking does not give one back, a new month starts at zero")
  void monthlyQuota() {
    AccessLink a = insertOk(link(DeliveryChannel.SMS, ValidityWindow.always(), T0), 1, T0);
    links().revoke(org, a.id(), Revocation.byAdministrator(Fixtures.admin(), T0));
    QuotaKey march = QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 3));
    assertThat(links().quotaUsed(march, T0)).isEqualTo(1);

    AccessLink b = link(DeliveryChannel.SMS, ValidityWindow.always(), T0);
    assertThat(links().insert(Fixtures.newLink(b, Fixtures.reservation(b, 1, T0))))
        .isEqualTo(new InsertOutcome.QuotaExhausted(1, 1));

    Instant april = Instant.parse("2026-04-01T00:00:00Z");
    insertOk(link(DeliveryChannel.SMS, ValidityWindow.always(), april), 1, april);
    assertThat(links().quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 4)), april)).isEqualTo(1);
    assertThat(links().quotaUsed(march, april)).isEqualTo(1);
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

  @Test
  @DisplayName("an unused quota counter reads zero")
  void unusedQuotaIsZero() {
    assertThat(links().quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isZero();
    assertThat(links().quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 3)), T0)).isZero();
  }

  @Test
  @DisplayName("listing is newest first, by keyset, and honours the filter")
  void listKeyset() {
    List<AccessLink> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(insertOk(link(i % 2 == 0 ? DeliveryChannel.MANUAL : DeliveryChannel.EMAIL,
          ValidityWindow.always(), T0.plusSeconds(i)), 100, T0.plusSeconds(i)));
    }
    AccessLink foreign = Fixtures.link(Fixtures.newOrganization(), DeliveryChannel.MANUAL, ValidityWindow.always(), T0.plusSeconds(9));
    links().insert(Fixtures.newLink(foreign, Fixtures.reservation(foreign, 100, T0)));
    List<AccessLinkId> newestFirst = made.stream().map(AccessLink::id).sorted(Collections.reverseOrder()).toList();

    List<AccessLink> page1 = links().list(new LinkQuery(org, LinkFilter.all(), null, 2));
    List<AccessLink> page2 = links().list(new LinkQuery(org, LinkFilter.all(), page1.get(1).id(), 2));
    List<AccessLink> page3 = links().list(new LinkQuery(org, LinkFilter.all(), page2.get(1).id(), 2));
    assertThat(page1).extracting(AccessLink::id).containsExactlyElementsOf(newestFirst.subList(0, 2));
    assertThat(page2).extracting(AccessLink::id).containsExactlyElementsOf(newestFirst.subList(2, 4));
    assertThat(page3).extracting(AccessLink::id).containsExactlyElementsOf(newestFirst.subList(4, 5));

    links().revoke(org, made.get(4).id(), Revocation.byAdministrator(Fixtures.admin(), T0.plusSeconds(9)));
    assertThat(links().list(new LinkQuery(org, new LinkFilter(DeliveryChannel.MANUAL, null, false), null, 10)))
        .extracting(AccessLink::id).containsExactly(made.get(2).id(), made.get(0).id());
    assertThat(links().list(new LinkQuery(org, new LinkFilter(null, GroupId.of("staff"), true), null, 10))).isEmpty();
    assertThat(links().list(new LinkQuery(org, new LinkFilter(null, GroupId.of("visitors"), true), null, 10))).hasSize(5);
  }

  @Test
  @DisplayName("revoking records who and when, is idempotent, and cannot reach another organization's link")
  void revoke() {
    AccessLink a = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 10, T0);
    Revocation how = Revocation.byAdministrator(Fixtures.admin(), T0.plusSeconds(5));

    assertThat(links().revoke(Fixtures.newOrganization(), a.id(), how)).isInstanceOf(RevokeOutcome.NotFound.class);
    RevokeOutcome first = links().revoke(org, a.id(), how);
    assertThat(first).isInstanceOf(RevokeOutcome.Revoked.class);
    assertThat(((RevokeOutcome.Revoked) first).link().revocation()).isEqualTo(how);
    RevokeOutcome second = links().revoke(org, a.id(), Revocation.byAdministrator(Fixtures.admin(), T0.plusSeconds(9)));
    assertThat(second).isInstanceOf(RevokeOutcome.AlreadyRevoked.class);
    assertThat(links().findById(org, a.id()).orElseThrow().revocation()).isEqualTo(how);
    assertThat(links().revoke(org, Fixtures.linkId(T0), how)).isInstanceOf(RevokeOutcome.NotFound.class);
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
        LinkRecords s = t % 2 == 0 ? links() : secondInstance();
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
    assertThat(links().quotaUsed(key, T0)).isEqualTo(limit);
    assertThat(links().list(new LinkQuery(org, LinkFilter.all(), null, 100))).hasSize((int) limit);
  }

  // ---------------------------------------------------------------- idempotency keys

  private static final String FINGERPRINT_A = "a".repeat(64);
  private static final String FINGERPRINT_B = "b".repeat(64);

  private NewAccessLink keyed(AccessLink link, long limit, String key, String fingerprint, Instant keptUntil) {
    return Fixtures.newLink(link, Fixtures.reservation(link, limit, link.createdAt()))
        .withIdempotency(new IdempotencyRecord(IdempotencyKey.of(key), fingerprint, keptUntil));
  }

  private static Instant dayAfter(Instant at) {
    return at.plus(IdempotencyKey.RETENTION);
  }

  @Test
  @DisplayName("an insert with an idempotency key stores the key with its link and the request's fingerprint")
  void keyedInsertIsFoundByKey() {
    AccessLink link = link(DeliveryChannel.SMS, ValidityWindow.always(), T0);
    assertThat(links().insert(keyed(link, 10, "booking-42", FINGERPRINT_A, dayAfter(T0))))
        .isInstanceOf(InsertOutcome.Inserted.class);

    KeyedSend found = links().findByIdempotencyKey(org, IdempotencyKey.of("booking-42"), T0.plusSeconds(1)).orElseThrow();
    assertThat(found.link().id()).isEqualTo(link.id());
    assertThat(found.fingerprint()).isEqualTo(FINGERPRINT_A);
    assertThat(links().findByIdempotencyKey(org, IdempotencyKey.of("Booking-42"), T0)).as("case-sensitive").isEmpty();
    assertThat(links().findByIdempotencyKey(Fixtures.newOrganization(), IdempotencyKey.of("booking-42"), T0)).isEmpty();
  }

  @Test
  @DisplayName("a second insert under a kept key stores nothing (no link, unit or event) and names the first link, whatever the quota")
  void heldKeyStoresNothing() {
    AccessLink first = link(DeliveryChannel.SMS, ValidityWindow.always(), T0);
    NewAccessLink n = keyed(first, 1, "k 1", FINGERPRINT_A, dayAfter(T0));
    assertThat(links().insert(n)).isInstanceOf(InsertOutcome.Inserted.class);
    QuotaKey quota = n.quota().key();

    for (String fingerprint : List.of(FINGERPRINT_A, FINGERPRINT_B)) {
      AccessLink second = link(DeliveryChannel.SMS, ValidityWindow.always(), T0.plusSeconds(5));
      InsertOutcome out = links().insert(keyed(second, 1, "k 1", fingerprint, dayAfter(second.createdAt())));

      assertThat(out).isInstanceOfSatisfying(InsertOutcome.KeyTaken.class, t -> {
        assertThat(t.earlier().link().id()).isEqualTo(first.id());
        assertThat(t.earlier().fingerprint()).isEqualTo(FINGERPRINT_A);
      });
      assertThat(links().findById(org, second.id())).isEmpty();
    }
    assertThat(links().quotaUsed(quota, T0.plusSeconds(5))).isEqualTo(1);
    assertThat(events().recent(org, 10)).containsExactly(n.event());
  }

  @Test
  @DisplayName("keys are per organization; an insert refused by the quota holds no key")
  void keyScopes() {
    AccessLink a = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    assertThat(links().insert(keyed(a, 10, "k", FINGERPRINT_A, dayAfter(T0)))).isInstanceOf(InsertOutcome.Inserted.class);
    AccessLink foreign = Fixtures.link(Fixtures.newOrganization(), DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    assertThat(links().insert(keyed(foreign, 10, "k", FINGERPRINT_A, dayAfter(T0)))).isInstanceOf(InsertOutcome.Inserted.class);

    AccessLink refused = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    assertThat(links().insert(keyed(refused, 0, "other", FINGERPRINT_A, dayAfter(T0))))
        .isEqualTo(new InsertOutcome.QuotaExhausted(0, 0));
    assertThat(links().findByIdempotencyKey(org, IdempotencyKey.of("other"), T0)).isEmpty();
    AccessLink admitted = link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    assertThat(links().insert(keyed(admitted, 1, "other", FINGERPRINT_B, dayAfter(T0))))
        .isInstanceOf(InsertOutcome.Inserted.class);
  }

  @Test
  @DisplayName("a key is free from the instant it is no longer kept: a new insert takes it over")
  void expiredKeyIsTakenOver() {
    AccessLink first = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    Instant until = dayAfter(T0);
    links().insert(keyed(first, 10, "k", FINGERPRINT_A, until));
    assertThat(links().findByIdempotencyKey(org, IdempotencyKey.of("k"), until.minusMillis(1))).isPresent();
    assertThat(links().findByIdempotencyKey(org, IdempotencyKey.of("k"), until)).isEmpty();

    AccessLink early = link(DeliveryChannel.MANUAL, ValidityWindow.always(), until.minusMillis(1));
    assertThat(links().insert(keyed(early, 10, "k", FINGERPRINT_B, dayAfter(early.createdAt()))))
        .isInstanceOf(InsertOutcome.KeyTaken.class);
    AccessLink second = link(DeliveryChannel.MANUAL, ValidityWindow.always(), until);
    assertThat(links().insert(keyed(second, 10, "k", FINGERPRINT_B, dayAfter(until))))
        .isInstanceOf(InsertOutcome.Inserted.class);

    KeyedSend now = links().findByIdempotencyKey(org, IdempotencyKey.of("k"), until).orElseThrow();
    assertThat(now.link().id()).isEqualTo(second.id());
    assertThat(now.fingerprint()).isEqualTo(FINGERPRINT_B);
    assertThat(links().findById(org, first.id())).isPresent();
  }

  @Test
  @DisplayName("purging deletes the keys no longer kept, and only those; their links stay")
  void purge() {
    Instant far = T0.plus(Duration.ofDays(3650));
    AccessLink old = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    links().insert(keyed(old, 10, "old", FINGERPRINT_A, far.minusSeconds(1)));
    AccessLink kept = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    links().insert(keyed(kept, 10, "kept", FINGERPRINT_A, far.plusSeconds(1)));

    assertThat(links().purgeIdempotencyKeys(far)).isGreaterThanOrEqualTo(1);
    assertThat(links().purgeIdempotencyKeys(far)).isZero();
    assertThat(links().findByIdempotencyKey(org, IdempotencyKey.of("kept"), far)).isPresent();
    assertThat(links().findById(org, old.id())).isPresent();
    // purged or merely expired, the old key is free
    AccessLink again = link(DeliveryChannel.MANUAL, ValidityWindow.always(), far);
    assertThat(links().insert(keyed(again, 10, "old", FINGERPRINT_B, dayAfter(far)))).isInstanceOf(InsertOutcome.Inserted.class);
  }

  @Test
  @DisplayName("identical inserts racing under one key from two instances store exactly one link; the others name it")
  void keyRace() throws Exception {
    for (DeliveryChannel channel : List.of(DeliveryChannel.SMS, DeliveryChannel.MANUAL)) {
      String key = "race-" + channel;
      int threads = raceThreads();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<InsertOutcome>> futures = new ArrayList<>();
      List<AccessLinkId> attempted = Collections.synchronizedList(new ArrayList<>());
      try {
        for (int t = 0; t < threads; t++) {
          LinkRecords s = t % 2 == 0 ? links() : secondInstance();
          futures.add(pool.submit(() -> {
            AccessLink l = link(channel, ValidityWindow.always(), T0);
            attempted.add(l.id());
            start.await();
            return s.insert(keyed(l, 1000, key, FINGERPRINT_A, dayAfter(T0)));
          }));
        }
        start.countDown();
        List<InsertOutcome> outcomes = new ArrayList<>();
        for (Future<InsertOutcome> f : futures) {
          outcomes.add(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(outcomes).filteredOn(o -> o instanceof InsertOutcome.Inserted).as(channel.name()).hasSize(1);
        AccessLinkId winner = links().findByIdempotencyKey(org, IdempotencyKey.of(key), T0).orElseThrow().link().id();
        assertThat(outcomes).filteredOn(o -> o instanceof InsertOutcome.KeyTaken).hasSize(threads - 1)
            .allSatisfy(o -> assertThat(((InsertOutcome.KeyTaken) o).earlier().link().id()).isEqualTo(winner));
        assertThat(attempted).contains(winner);
      } finally {
        pool.shutdownNow();
      }
      QuotaKey quota = Fixtures.reservation(link(channel, ValidityWindow.always(), T0), 1000, T0).key();
      assertThat(links().quotaUsed(quota, T0)).isEqualTo(1);
      assertThat(links().list(new LinkQuery(org, new LinkFilter(channel, null, true), null, 100))).hasSize(1);
    }
    assertThat(events().recent(org, 100)).hasSize(2);
  }

  // ---------------------------------------------------------------- external references

  @Test
  @DisplayName("an external reference round-trips and filters the list by exact match, with the other filters and the keyset")
  void externalRef() {
    AccessLink a = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0).withExternalRef("BK-1"), 100, T0);
    AccessLink b = insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0.plusSeconds(1)).withExternalRef("BK-1"),
        100, T0.plusSeconds(1));
    insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0).withExternalRef("BK-10"), 100, T0);
    insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0).withExternalRef("bk-1"), 100, T0);
    insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 100, T0);
    // 100 characters, one of them outside the Basic Multilingual Plane
    String unicode = "R\u00e9servation \uD83D\uDE00 " + "x".repeat(86);
    AccessLink u = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0).withExternalRef(unicode), 100, T0);
    AccessLink foreign = Fixtures.link(Fixtures.newOrganization(), DeliveryChannel.MANUAL, ValidityWindow.always(), T0)
        .withExternalRef("BK-1");
    links().insert(Fixtures.newLink(foreign, Fixtures.reservation(foreign, 100, T0)));

    assertThat(links().findById(org, a.id()).orElseThrow().externalRef()).isEqualTo("BK-1");
    assertThat(links().findById(org, u.id()).orElseThrow().externalRef()).isEqualTo(unicode);
    assertThat(links().list(new LinkQuery(org, LinkFilter.byExternalRef("BK-1"), null, 10)))
        .extracting(AccessLink::id).containsExactly(b.id(), a.id());
    assertThat(links().list(new LinkQuery(org, LinkFilter.byExternalRef("BK-1"), b.id(), 10)))
        .extracting(AccessLink::id).containsExactly(a.id());
    assertThat(links().list(new LinkQuery(org, new LinkFilter(DeliveryChannel.EMAIL, null, true, "BK-1"), null, 10)))
        .extracting(AccessLink::id).containsExactly(b.id());
    assertThat(links().list(new LinkQuery(org, LinkFilter.byExternalRef(unicode), null, 10)))
        .extracting(AccessLink::id).containsExactly(u.id());
    links().revoke(org, b.id(), Revocation.byAdministrator(Fixtures.admin(), T0.plusSeconds(2)));
    assertThat(links().findById(org, b.id()).orElseThrow().externalRef()).as("kept by revocation").isEqualTo("BK-1");
    assertThat(links().list(new LinkQuery(org, new LinkFilter(null, null, false, "BK-1"), null, 10)))
        .extracting(AccessLink::id).containsExactly(a.id());
  }

  /** Builds a reservation; exposed for subclasses that add their own tests. */
  protected static QuotaReservation reservationFor(AccessLink link, long limit, Instant now) {
    return Fixtures.reservation(link, limit, now);
  }

  // ---------------------------------------------------------------- resend and rotate

  @Test
  @DisplayName("a stored link named with another organization is not found, rotated or re-windowed; nothing changes")
  void anotherOrganizationCannotReachAStoredLink() {
    SecretHash secret = Fixtures.secret().hash();
    AccessLink link = insertManual(secret);
    OrganizationId other = Fixtures.newOrganization();
    int eventsBefore = events().recent(org, 100).size();

    assertThat(links().findById(other, link.id())).isEmpty();
    AccessEvent rotated = new AccessEvent(UUID.randomUUID(), other, T0.plusSeconds(1),
        AccessEventType.LINK_ROTATED, Actor.administrator(Fixtures.admin()), link.id(),
        null, null);
    assertThat(links().resend(new LinkResend(other, link.id(), T0.plusSeconds(1), Fixtures.secret().hash(), null,
        null, rotated))).isInstanceOf(ResendOutcome.NotFound.class);
    assertThat(links().changeWindow(new WindowChange(other, link.id(), ValidityWindow.endingAt(T0.plusSeconds(5)),
        new QuotaReservation(QuotaKey.live(other, DeliveryChannel.MANUAL), 10, T0.plusSeconds(1)))))
        .isInstanceOf(WindowChangeOutcome.NotFound.class);
    assertThat(links().revoke(other, link.id(), Revocation.byAdministrator(Fixtures.admin(), T0.plusSeconds(1))))
        .isInstanceOf(RevokeOutcome.NotFound.class);

    AccessLink stored = links().findById(org, link.id()).orElseThrow();
    assertThat(stored.window()).isEqualTo(ValidityWindow.always());
    assertThat(stored.isRevoked()).isFalse();
    assertThat(links().findBySecretHash(secret)).map(AccessLink::id).contains(link.id());
    assertThat(events().recent(org, 100)).hasSize(eventsBefore);
    assertThat(events().recent(other, 100)).isEmpty();
  }

  @Test
  @DisplayName("rotating a MANUAL link: the new secret opens it, the old one is dead, the event is appended")
  void rotateManual() {
    SecretHash old = Fixtures.secret().hash();
    AccessLink link = insertManual(old);

    LinkResend rotate = Fixtures.resend(link, T0.plusSeconds(10), 10);
    assertThat(links().resend(rotate)).isInstanceOf(ResendOutcome.Resent.class);
    assertThat(links().findBySecretHash(old)).isEmpty();
    assertThat(links().findBySecretHash(rotate.newHash())).map(AccessLink::id).contains(link.id());
    assertThat(events().recent(org, 10)).extracting(AccessEvent::type).contains(AccessEventType.LINK_ROTATED);
    assertThat(links().quotaUsed(QuotaKey.live(org, DeliveryChannel.MANUAL), T0.plusSeconds(10))).isEqualTo(1);
  }

  @Test
  @DisplayName("a revoked or ended link is not resendable, an unknown one not found; nothing changes")
  void notResendable() {
    AccessLink revoked = insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 10, T0);
    links().revoke(org, revoked.id(), Revocation.byAdministrator(Fixtures.admin(), T0.plusSeconds(1)));
    AccessLink ended = insertOk(link(DeliveryChannel.SMS, ValidityWindow.endingAt(T0.plusSeconds(60)), T0), 10, T0);
    int eventsBefore = events().recent(org, 100).size();

    assertThat(links().resend(Fixtures.resend(revoked, T0.plusSeconds(2), 10)))
        .isInstanceOf(ResendOutcome.NotResendable.class);
    assertThat(links().resend(Fixtures.resend(ended, T0.plusSeconds(60), 10)))
        .isInstanceOf(ResendOutcome.NotResendable.class);
    AccessLink elsewhere = Fixtures.link(Fixtures.newOrganization(), DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    assertThat(links().resend(Fixtures.resend(elsewhere, T0, 10))).isInstanceOf(ResendOutcome.NotFound.class);
    assertThat(events().recent(org, 100)).hasSize(eventsBefore);
    assertThat(links().quotaUsed(Fixtures.reservation(ended, 10, T0).key(), T0)).isEqualTo(1);
  }

  @Test
  @DisplayName("an SMS resend takes a unit of the month like a send, and is refused with nothing changed when none is left")
  void smsResendSpendsAUnit() {
    AccessLink a = insertOk(link(DeliveryChannel.SMS, ValidityWindow.always(), T0), 2, T0);
    QuotaKey march = Fixtures.reservation(a, 2, T0).key();
    assertThat(links().resend(Fixtures.resend(a, T0.plusSeconds(5), 2))).isInstanceOf(ResendOutcome.Resent.class);
    assertThat(links().quotaUsed(march, T0.plusSeconds(5))).isEqualTo(2);

    AccessLink before = links().findById(org, a.id()).orElseThrow();
    int eventsBefore = events().recent(org, 100).size();
    assertThat(links().resend(Fixtures.resend(a, T0.plusSeconds(6), 2)))
        .isEqualTo(new ResendOutcome.QuotaExhausted(2, 2));
    assertThat(links().findById(org, a.id())).contains(before);
    assertThat(events().recent(org, 100)).hasSize(eventsBefore);
    assertThat(links().quotaUsed(march, T0.plusSeconds(6))).isEqualTo(2);

    // next month: a unit of April; March keeps both of its units
    Instant april = Instant.parse("2026-04-02T09:00:00Z");
    assertThat(links().resend(Fixtures.resend(a, april, 2))).isInstanceOf(ResendOutcome.Resent.class);
    assertThat(links().quotaUsed(march, april)).isEqualTo(2);
    assertThat(links().quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 4)), april))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("SMS resends racing from two instances take exactly the free units")
  void smsResendRace() throws Exception {
    long limit = 6;
    List<AccessLink> sms = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sms.add(insertOk(link(DeliveryChannel.SMS, ValidityWindow.always(), T0), limit, T0));
    }
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger resent = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        LinkRecords s = t % 2 == 0 ? links() : secondInstance();
        AccessLink target = sms.get(t % sms.size());
        futures.add(pool.submit(() -> {
          start.await();
          ResendOutcome out = s.resend(Fixtures.resend(target, T0.plusSeconds(30), limit));
          (out instanceof ResendOutcome.Resent ? resent : refused).incrementAndGet();
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
    assertThat(resent.get()).isEqualTo(2);
    assertThat(refused.get()).isEqualTo(threads - 2);
    assertThat(links().quotaUsed(Fixtures.reservation(sms.get(0), limit, T0).key(), T0.plusSeconds(30)))
        .isEqualTo(limit);
    assertThat(events().recent(org, 100)).filteredOn(e -> e.type() == AccessEventType.LINK_RESENT).hasSize(2);
  }

  // ---------------------------------------------------------------- window changes

  private WindowChange windowChange(AccessLink link, ValidityWindow window, long limit, Instant now) {
    return new WindowChange(org, link.id(), window, Fixtures.reservation(link, limit, now));
  }

  @Test
  @DisplayName("a window change is stored, and reported with the link before and after")
  void changeWindow() {
    AccessLink link = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.endingAt(T0.plus(Duration.ofDays(1))), T0),
        10, T0);
    ValidityWindow longer = ValidityWindow.between(T0.plusSeconds(3600), T0.plus(Duration.ofDays(3)));
    assertThat(links().changeWindow(windowChange(link, longer, 10, T0.plusSeconds(5))))
        .isInstanceOfSatisfying(WindowChangeOutcome.Changed.class, c -> {
          assertThat(c.before().window()).isEqualTo(link.window());
          assertThat(c.after().window()).isEqualTo(longer);
        });
    assertThat(links().findById(org, link.id()).orElseThrow().window()).isEqualTo(longer);
  }

  @Test
  @DisplayName("an e-mail link whose end moves into the past frees its unit; bringing it back needs a free unit")
  void windowChangeKeepsLiveQuotaExact() {
    AccessLink a = insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 1, T0);
    QuotaKey key = QuotaKey.live(org, DeliveryChannel.EMAIL);
    Instant now = T0.plusSeconds(60);
    ValidityWindow ended = ValidityWindow.endingAt(T0.plusSeconds(30));
    assertThat(links().changeWindow(windowChange(a, ended, 1, now))).isInstanceOf(WindowChangeOutcome.Changed.class);
    assertThat(links().quotaUsed(key, now)).isZero();

    AccessLink b = insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), now), 1, now);
    assertThat(links().changeWindow(windowChange(a, ValidityWindow.always(), 1, now.plusSeconds(1))))
        .isEqualTo(new WindowChangeOutcome.QuotaExhausted(1, 1));
    assertThat(links().findById(org, a.id()).orElseThrow().window()).isEqualTo(ended);

    links().revoke(org, b.id(), Revocation.byAdministrator(Fixtures.admin(), now.plusSeconds(2)));
    assertThat(secondInstance().changeWindow(windowChange(a, ValidityWindow.always(), 1, now.plusSeconds(3))))
        .isInstanceOf(WindowChangeOutcome.Changed.class);
    assertThat(links().quotaUsed(key, now.plusSeconds(3))).isEqualTo(1);
    insertRefused(DeliveryChannel.EMAIL, 1, now.plusSeconds(4));
  }

  private void insertRefused(DeliveryChannel channel, long limit, Instant now) {
    AccessLink l = link(channel, ValidityWindow.always(), now);
    assertThat(links().insert(Fixtures.newLink(l, Fixtures.reservation(l, limit, now))))
        .isInstanceOf(InsertOutcome.QuotaExhausted.class);
  }

  @Test
  @DisplayName("a revoked link's window is not changed; an SMS link's monthly unit is not affected")
  void windowChangeRevokedAndSms() {
    AccessLink revoked = insertOk(link(DeliveryChannel.EMAIL, ValidityWindow.always(), T0), 10, T0);
    links().revoke(org, revoked.id(), Revocation.byAdministrator(Fixtures.admin(), T0));
    assertThat(links().changeWindow(windowChange(revoked, ValidityWindow.endingAt(T0.plusSeconds(99)), 10, T0)))
        .isInstanceOf(WindowChangeOutcome.Revoked.class);
    assertThat(links().findById(org, revoked.id()).orElseThrow().window()).isEqualTo(ValidityWindow.always());

    AccessLink sms = insertOk(link(DeliveryChannel.SMS, ValidityWindow.always(), T0), 10, T0);
    assertThat(links().changeWindow(windowChange(sms, ValidityWindow.endingAt(T0.plusSeconds(1)), 10, T0.plusSeconds(5))))
        .isInstanceOf(WindowChangeOutcome.Changed.class);
    assertThat(links().quotaUsed(Fixtures.reservation(sms, 10, T0).key(), T0.plusSeconds(5))).isEqualTo(1);
    AccessLink elsewhere = Fixtures.link(Fixtures.newOrganization(), DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    assertThat(links().changeWindow(new WindowChange(elsewhere.organization(), elsewhere.id(), ValidityWindow.always(),
        Fixtures.reservation(elsewhere, 10, T0)))).isInstanceOf(WindowChangeOutcome.NotFound.class);
  }
}
