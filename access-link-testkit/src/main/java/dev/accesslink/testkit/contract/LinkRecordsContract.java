package dev.accesslink.testkit.contract;

import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.LinkFilter;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.LinkQuery;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.QuotaReservation;
import dev.accesslink.core.port.out.store.RevokeOutcome;
import dev.accesslink.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * the {@code LINK_SENT} event appended with each insert. Subclass it with the records under test;
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
        plain.issuedBy(), T0, "Zoë O’Brien-Müller 李", Language.of("pt-BR"));
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
    AccessLink link = link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    SecretHash hash = Fixtures.secret().hash();
    links().insert(new NewAccessLink(link, Fixtures.reservation(link, 10, T0), hash, null));

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

  /** Builds a reservation; exposed for subclasses that add their own tests. */
  protected static QuotaReservation reservationFor(AccessLink link, long limit, Instant now) {
    return Fixtures.reservation(link, limit, now);
  }
}
