package dev.accesslink.testkit.contract;

import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.domain.WebhookDelivery;
import dev.accesslink.core.domain.WebhookEndpoint;
import dev.accesslink.core.domain.WebhookEndpointId;
import dev.accesslink.core.domain.WebhookEventType;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.WebhookEndpoints;
import dev.accesslink.core.port.out.WebhookOutbox;
import dev.accesslink.core.port.out.store.WebhookClaim;
import dev.accesslink.core.port.out.store.WebhookCompletion;
import dev.accesslink.testkit.Fixtures;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookEndpoints} and {@link WebhookOutbox} owe (see their Javadoc): endpoints
 * per organization; every audit event appended to the same store's log announced exactly once to
 * the endpoints that subscribe to its type and existed when it happened; claims with leases (one
 * valid claim per delivery, also between two instances); one link's deliveries in order;
 * retries that wait for their time; giving up disables the endpoint with an audit event; link
 * expiries recorded once. Subclass it with the ports of one store; each test works in a fresh
 * organization.
 *
 * <p>{@code claimDue} and {@code recordExpiries} are global: tests claim with a large batch and
 * look only at their own organization.
 */
public abstract class WebhookStoreContract {

  /** The endpoints under test. */
  protected abstract WebhookEndpoints endpoints();

  /** The outbox under test, over the same data. */
  protected abstract WebhookOutbox outbox();

  /** The audit log of the same store, whose events the outbox announces. */
  protected abstract AccessEvents events();

  /** The link records of the same store (link expiries). */
  protected abstract LinkRecords links();

  /** A second, independent outbox over the same data (another instance); by default the same one. */
  protected WebhookOutbox secondOutbox() {
    return outbox();
  }

  private final OrganizationId org = Fixtures.newOrganization();
  private static final Duration LEASE = Duration.ofMinutes(1);

  private WebhookEndpoint endpoint(Instant createdAt, WebhookEventType... types) {
    WebhookEndpoint e = new WebhookEndpoint(WebhookEndpointId.random(), org, URI.create("https://hooks.example.com/in"),
        EnumSet.of(types[0], types), createdAt, Fixtures.admin(), null);
    endpoints().create(e, "sealed-" + e.id());
    return e;
  }

  private AccessEvent event(Instant at, AccessEventType type, AccessLinkId link) {
    AccessEvent e = new AccessEvent(UUID.randomUUID(), org, at, type, Actor.system(), link, DoorId.of("front"), "d");
    events().record(e);
    return e;
  }

  private void announceAll() {
    for (int i = 0; i < 1000 && outbox().announce(100) > 0; i++) {
      // drain
    }
  }

  private List<WebhookClaim> claimOwn(WebhookOutbox outbox, Instant now) {
    return outbox.claimDue(now, LEASE, 1000).stream().filter(c -> c.event().organization().equals(org)).toList();
  }

  @Test
  @DisplayName("endpoints: create, list (own organization, oldest first), find, delete")
  void endpointsCrud() {
    WebhookEndpoint a = endpoint(T0, WebhookEventType.LINK_SENT);
    WebhookEndpoint b = endpoint(T0.plusSeconds(1), WebhookEventType.DOOR_UNLOCKED, WebhookEventType.LINK_EXPIRED);
    assertThat(endpoints().list(org)).containsExactly(a, b);
    assertThat(endpoints().find(org, b.id())).contains(b);
    assertThat(endpoints().find(Fixtures.newOrganization(), b.id())).isEmpty();
    assertThat(endpoints().list(Fixtures.newOrganization())).isEmpty();
    assertThat(endpoints().delete(Fixtures.newOrganization(), a.id())).isFalse();
    assertThat(endpoints().delete(org, a.id())).isTrue();
    assertThat(endpoints().delete(org, a.id())).isFalse();
    assertThat(endpoints().list(org)).containsExactly(b);
  }

  @Test
  @DisplayName("each event is announced once, to the subscribed endpoints that existed when it happened")
  void announcesOnce() {
    WebhookEndpoint sent = endpoint(T0, WebhookEventType.LINK_SENT);
    WebhookEndpoint both = endpoint(T0, WebhookEventType.LINK_SENT, WebhookEventType.DOOR_UNLOCKED);
    AccessLinkId link = Fixtures.linkId(T0);
    AccessEvent before = event(T0.minusSeconds(1), AccessEventType.LINK_SENT, link);
    AccessEvent s = event(T0.plusSeconds(1), AccessEventType.LINK_SENT, link);
    AccessEvent u = event(T0.plusSeconds(2), AccessEventType.DOOR_UNLOCKED, link);
    event(T0.plusSeconds(3), AccessEventType.QUOTA_LIMITS_CHANGED, link);
    announceAll();
    announceAll();

    assertThat(outbox().deliveries(org, sent.id(), 10)).extracting(WebhookDelivery::eventId).containsExactly(s.id());
    assertThat(outbox().deliveries(org, both.id(), 10)).extracting(WebhookDelivery::eventId)
        .containsExactly(u.id(), s.id());
    WebhookDelivery d = outbox().deliveries(org, both.id(), 10).get(0);
    assertThat(d.status()).isEqualTo(WebhookDelivery.Status.PENDING);
    assertThat(d.type()).isEqualTo(AccessEventType.DOOR_UNLOCKED);
    assertThat(d.link()).isEqualTo(link);
    assertThat(d.attempts()).isZero();
    assertThat(outbox().deliveries(org, sent.id(), 10)).extracting(WebhookDelivery::eventId).doesNotContain(before.id());
    assertThat(outbox().deliveries(Fixtures.newOrganization(), sent.id(), 10)).isEmpty();
  }

  @Test
  @DisplayName("two instances announcing at once while events are appended queue each event once per endpoint, a link's in its order")
  void concurrentAnnouncers() throws Exception {
    WebhookEndpoint both = endpoint(T0, WebhookEventType.LINK_SENT, WebhookEventType.DOOR_UNLOCKED);
    WebhookEndpoint unlocks = endpoint(T0, WebhookEventType.DOOR_UNLOCKED);
    List<AccessLinkId> links = List.of(Fixtures.linkId(T0), Fixtures.linkId(T0), Fixtures.linkId(T0));
    AccessEventType[] types = {AccessEventType.LINK_SENT, AccessEventType.DOOR_UNLOCKED,
        AccessEventType.QUOTA_LIMITS_CHANGED}; // the last one announces to nobody
    List<AccessEvent> appended = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      CountDownLatch start = new CountDownLatch(1);
      Future<?> appender = pool.submit(() -> {
        start.await();
        for (int i = 0; i < 150; i++) {
          appended.add(event(T0.plusSeconds(1 + i), types[i % types.length], links.get(i % links.size())));
        }
        return null;
      });
      List<Future<Integer>> announcers = new ArrayList<>();
      for (WebhookOutbox o : List.of(outbox(), secondOutbox())) {
        announcers.add(pool.submit(() -> {
          start.await();
          int announced = 0;
          while (!appender.isDone()) {
            announced += o.announce(7);
          }
          return announced;
        }));
      }
      start.countDown();
      appender.get(60, TimeUnit.SECONDS);
      for (Future<Integer> f : announcers) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    announceAll();

    List<UUID> order = appended.stream().map(AccessEvent::id).toList();
    List<UUID> toBoth = appended.stream().filter(e -> e.type() != AccessEventType.QUOTA_LIMITS_CHANGED)
        .map(AccessEvent::id).toList();
    List<UUID> toUnlocks = appended.stream().filter(e -> e.type() == AccessEventType.DOOR_UNLOCKED)
        .map(AccessEvent::id).toList();
    for (var expected : List.of(java.util.Map.entry(both, toBoth), java.util.Map.entry(unlocks, toUnlocks))) {
      List<WebhookDelivery> newestFirst = outbox().deliveries(org, expected.getKey().id(), 1000);
      assertThat(newestFirst).extracting(WebhookDelivery::eventId).as("each event once")
          .containsExactlyInAnyOrderElementsOf(expected.getValue());
      for (AccessLinkId link : links) {
        List<Integer> positions = newestFirst.stream().filter(d -> link.equals(d.link()))
            .map(d -> order.indexOf(d.eventId())).toList();
        assertThat(positions).as("one link's deliveries, newest first, in its events' order").isSortedAccordingTo(
            java.util.Comparator.reverseOrder());
      }
    }
  }

  @Test
  @DisplayName("a claim holds for its lease; after it, another claim takes over and the old one can no longer complete")
  void leases() {
    WebhookEndpoint ep = endpoint(T0, WebhookEventType.LINK_SENT);
    AccessEvent s = event(T0.plusSeconds(1), AccessEventType.LINK_SENT, Fixtures.linkId(T0));
    announceAll();
    Instant now = T0.plusSeconds(10);

    List<WebhookClaim> first = claimOwn(outbox(), now);
    assertThat(first).hasSize(1);
    WebhookClaim c = first.get(0);
    assertThat(c.event()).isEqualTo(s);
    assertThat(c.endpoint()).isEqualTo(ep.id());
    assertThat(c.url()).isEqualTo(ep.url());
    assertThat(c.sealedSecrets()).containsExactly("sealed-" + ep.id());
    assertThat(c.attempt()).isEqualTo(1);
    assertThat(c.queuedAt()).isEqualTo(s.at());
    assertThat(claimOwn(secondOutbox(), now.plusSeconds(30))).as("leased").isEmpty();

    List<WebhookClaim> again = claimOwn(secondOutbox(), now.plus(LEASE).plusSeconds(1));
    assertThat(again).hasSize(1);
    assertThat(again.get(0).event().id()).as("the same event id").isEqualTo(s.id());
    assertThat(again.get(0).attempt()).isEqualTo(2);
    assertThat(outbox().complete(c, new WebhookCompletion.Delivered(now, 200))).as("stale claim").isFalse();
    assertThat(secondOutbox().complete(again.get(0), new WebhookCompletion.Delivered(now.plus(LEASE), 204))).isTrue();

    WebhookDelivery d = outbox().deliveries(org, ep.id(), 1).get(0);
    assertThat(d.status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
    assertThat(d.lastStatusCode()).isEqualTo(204);
    assertThat(d.nextAttemptAt()).isNull();
    assertThat(claimOwn(outbox(), now.plus(Duration.ofDays(1)))).isEmpty();
  }

  @Test
  @DisplayName("one link's deliveries go in order: the next waits until the earlier one is done")
  void inOrderPerLink() {
    endpoint(T0, WebhookEventType.LINK_SENT, WebhookEventType.LINK_REVOKED);
    AccessLinkId link = Fixtures.linkId(T0);
    AccessEvent s = event(T0.plusSeconds(1), AccessEventType.LINK_SENT, link);
    AccessEvent r = event(T0.plusSeconds(2), AccessEventType.LINK_REVOKED, link);
    AccessEvent other = event(T0.plusSeconds(3), AccessEventType.LINK_SENT, Fixtures.linkId(T0));
    announceAll();
    Instant now = T0.plusSeconds(10);

    List<WebhookClaim> claims = claimOwn(outbox(), now);
    assertThat(claims).extracting(c -> c.event().id()).containsExactlyInAnyOrder(s.id(), other.id());
    WebhookClaim sc = claims.stream().filter(c -> c.event().id().equals(s.id())).findFirst().orElseThrow();
    assertThat(outbox().complete(sc, new WebhookCompletion.RetryLater(now, 503, "HTTP 503", now.plusSeconds(30))))
        .isTrue();
    assertThat(claimOwn(outbox(), now.plusSeconds(10))).as("retry not due, revoke waits").isEmpty();

    List<WebhookClaim> retry = claimOwn(outbox(), now.plusSeconds(30));
    assertThat(retry).extracting(c -> c.event().id()).containsExactly(s.id());
    assertThat(retry.get(0).attempt()).isEqualTo(2);
    outbox().complete(retry.get(0), new WebhookCompletion.Delivered(now.plusSeconds(31), 200));
    assertThat(claimOwn(outbox(), now.plusSeconds(32))).extracting(c -> c.event().id()).containsExactly(r.id());
  }

  @Test
  @DisplayName("giving up fails the delivery, disables the endpoint with an audit event; enabling resumes it")
  void giveUpDisables() {
    WebhookEndpoint ep = endpoint(T0, WebhookEventType.LINK_SENT);
    event(T0.plusSeconds(1), AccessEventType.LINK_SENT, Fixtures.linkId(T0));
    event(T0.plusSeconds(2), AccessEventType.LINK_SENT, Fixtures.linkId(T0));
    announceAll();
    Instant now = T0.plus(Duration.ofHours(25));
    List<WebhookClaim> claims = claimOwn(outbox(), now);
    assertThat(claims).hasSize(2);
    AccessEvent disabled = new AccessEvent(UUID.randomUUID(), org, now, AccessEventType.WEBHOOK_ENDPOINT_DISABLED,
        Actor.system(), null, null, "endpoint " + ep.id() + ": HTTP 500");
    assertThat(outbox().complete(claims.get(0), new WebhookCompletion.GaveUp(now, 500, "HTTP 500", disabled))).isTrue();
    outbox().complete(claims.get(1), new WebhookCompletion.RetryLater(now, 500, "HTTP 500", now.plusSeconds(5)));

    assertThat(endpoints().find(org, ep.id()).orElseThrow().disabledAt()).isEqualTo(now);
    assertThat(events().recent(org, 10)).contains(disabled);
    assertThat(outbox().deliveries(org, ep.id(), 10)).extracting(WebhookDelivery::status)
        .containsExactlyInAnyOrder(WebhookDelivery.Status.FAILED, WebhookDelivery.Status.PENDING);
    assertThat(claimOwn(outbox(), now.plusSeconds(60))).as("disabled").isEmpty();

    assertThat(endpoints().enable(org, ep.id())).isTrue();
    assertThat(endpoints().find(org, ep.id()).orElseThrow().enabled()).isTrue();
    assertThat(claimOwn(outbox(), now.plusSeconds(60))).hasSize(1);
  }

  @Test
  @DisplayName("after a rotation a claim carries the new and the previous sealed secret, until the overlap ends")
  void rotation() {
    WebhookEndpoint ep = endpoint(T0, WebhookEventType.LINK_SENT);
    assertThat(endpoints().rotateSecret(org, ep.id(), "sealed-new", T0.plus(Duration.ofHours(1)))).isTrue();
    assertThat(endpoints().rotateSecret(Fixtures.newOrganization(), ep.id(), "x", T0)).isFalse();
    event(T0.plusSeconds(1), AccessEventType.LINK_SENT, Fixtures.linkId(T0));
    event(T0.plusSeconds(2), AccessEventType.LINK_SENT, Fixtures.linkId(T0));
    announceAll();
    List<WebhookClaim> during = claimOwn(outbox(), T0.plusSeconds(10));
    assertThat(during.get(0).sealedSecrets()).containsExactly("sealed-new", "sealed-" + ep.id());
    for (WebhookClaim c : during) {
      outbox().complete(c, new WebhookCompletion.RetryLater(T0.plusSeconds(10), null, "timeout", T0.plusSeconds(11)));
    }
    List<WebhookClaim> after = claimOwn(outbox(), T0.plus(Duration.ofHours(2)));
    assertThat(after).isNotEmpty().allSatisfy(c -> assertThat(c.sealedSecrets()).containsExactly("sealed-new"));
  }

  @Test
  @DisplayName("deleting an endpoint drops its queued deliveries")
  void deleteDrops() {
    WebhookEndpoint ep = endpoint(T0, WebhookEventType.LINK_SENT);
    event(T0.plusSeconds(1), AccessEventType.LINK_SENT, Fixtures.linkId(T0));
    announceAll();
    assertThat(endpoints().delete(org, ep.id())).isTrue();
    assertThat(claimOwn(outbox(), T0.plusSeconds(10))).isEmpty();
    assertThat(outbox().deliveries(org, ep.id(), 10)).isEmpty();
  }

  @Test
  @DisplayName("two instances claiming at once never hold the same delivery")
  void concurrentClaims() throws Exception {
    endpoint(T0, WebhookEventType.LINK_SENT);
    for (int i = 0; i < 40; i++) {
      event(T0.plusSeconds(1), AccessEventType.LINK_SENT, Fixtures.linkId(T0));
    }
    announceAll();
    Instant now = T0.plusSeconds(10);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<WebhookClaim>>> futures = new ArrayList<>();
      for (WebhookOutbox o : List.of(outbox(), secondOutbox())) {
        futures.add(pool.submit(() -> {
          start.await();
          List<WebhookClaim> mine = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            mine.addAll(o.claimDue(now, LEASE, 5).stream().filter(c -> c.event().organization().equals(org)).toList());
          }
          return mine;
        }));
      }
      start.countDown();
      List<UUID> claimed = Collections.synchronizedList(new ArrayList<>());
      for (Future<List<WebhookClaim>> f : futures) {
        f.get(60, TimeUnit.SECONDS).forEach(c -> claimed.add(c.event().id()));
      }
      Set<UUID> distinct = new HashSet<>(claimed);
      assertThat(distinct).as("no delivery claimed twice").hasSameSizeAs(claimed);
      assertThat(distinct).hasSize(40);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("a link's expiry is recorded once, after its window ends, unless it was revoked before")
  void expiries() {
    Instant base = T0.plus(Duration.ofDays(3650)); // far from other tests' links: the sweep is global
    outbox().recordExpiries(base, 1000);
    AccessLink ends = insert(base.minusSeconds(60), base.plus(Duration.ofHours(1)));
    AccessLink revoked = insert(base.minusSeconds(60), base.plus(Duration.ofHours(1)));
    AccessLink later = insert(base.minusSeconds(60), base.plus(Duration.ofHours(3)));
    links().revoke(org, revoked.id(), Revocation.byAdministrator(Fixtures.admin(), base.plusSeconds(1)));

    outbox().recordExpiries(base.plus(Duration.ofMinutes(59)), 1000);
    assertThat(expired()).isEmpty();
    for (int i = 0; i < 100; i++) {
      int k = outbox().recordExpiries(base.plus(Duration.ofHours(2)), 1);

      if (k == 0) {
        break;
      }
    }
    outbox().recordExpiries(base.plus(Duration.ofHours(2)), 1000);
    assertThat(expired()).extracting(AccessEvent::link).containsExactly(ends.id());
    AccessEvent e = expired().get(0);
    assertThat(e.at()).isEqualTo(ends.window().validUntil());
    assertThat(e.actor()).isEqualTo(Actor.system());
    outbox().recordExpiries(base.plus(Duration.ofHours(4)), 1000);
    assertThat(expired()).extracting(AccessEvent::link).containsExactlyInAnyOrder(ends.id(), later.id());
  }

  private AccessLink insert(Instant at, Instant until) {
    AccessLink link = Fixtures.link(org, DeliveryChannel.MANUAL, new ValidityWindow(null, until), at);
    links().insert(Fixtures.newLink(link, Fixtures.reservation(link, 1_000_000, at)));
    return link;
  }

  private List<AccessEvent> expired() {
    return events().recent(org, 100).stream().filter(x -> x.type() == AccessEventType.LINK_EXPIRED).toList();
  }
}
