package dev.accesslink.core.memory;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.WebhookDelivery;
import dev.accesslink.core.domain.WebhookEndpoint;
import dev.accesslink.core.domain.WebhookEndpointId;
import dev.accesslink.core.domain.WebhookEventType;
import dev.accesslink.core.port.out.WebhookEndpoints;
import dev.accesslink.core.port.out.WebhookOutbox;
import dev.accesslink.core.port.out.store.WebhookClaim;
import dev.accesslink.core.port.out.store.WebhookCompletion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory webhook endpoints and deliveries of an {@link InMemoryAccessLinkPersistence}. An
 * event is queued for the subscribed endpoints in the same locked step as its append to the audit
 * log, so {@link #announce} has nothing left to do. Thread-safe.
 */
final class InMemoryWebhookStore implements WebhookEndpoints, WebhookOutbox {

  private static final class Endpoint {
    WebhookEndpoint endpoint;
    String secret;
    @Nullable String previousSecret;
    @Nullable Instant previousUntil;

    Endpoint(WebhookEndpoint endpoint, String secret) {
      this.endpoint = endpoint;
      this.secret = secret;
    }
  }

  private static final class Message {
    final long seq;
    final Endpoint endpoint;
    final AccessEvent event;
    final String orderKey;
    WebhookDelivery.Status status = WebhookDelivery.Status.PENDING;
    int attempts;
    Instant nextAttemptAt;
    @Nullable Instant lastAttemptAt;
    @Nullable Integer lastStatus;
    @Nullable String lastError;
    @Nullable UUID token;
    @Nullable Instant leaseUntil;

    Message(long seq, Endpoint endpoint, AccessEvent event) {
      this.seq = seq;
      this.endpoint = endpoint;
      this.event = event;
      this.orderKey = event.link() != null ? event.link().toString() : event.id().toString();
      this.nextAttemptAt = event.at();
    }

    WebhookDelivery view() {
      return new WebhookDelivery(event.id(), event.type(), event.link(), status, attempts, event.at(),
          lastAttemptAt, lastStatus, lastError, status == WebhookDelivery.Status.PENDING ? nextAttemptAt : null);
    }
  }

  private final java.util.function.Supplier<LinkTable> tableRef;
  private final Map<WebhookEndpointId, Endpoint> endpoints = new LinkedHashMap<>();
  private final List<Message> messages = new ArrayList<>();
  private long nextSeq;
  private @Nullable Instant expiryCursorAt;
  private @Nullable String expiryCursorId;

  InMemoryWebhookStore(java.util.function.Supplier<LinkTable> table) {
    this.tableRef = table;
  }

  /** Queues {@code event} for its subscribers; called with the event's append, under this lock. */
  synchronized void queue(AccessEvent event) {
    Optional<WebhookEventType> type = WebhookEventType.announcing(event.type());
    if (type.isEmpty() || endpoints.isEmpty()) {
      return;
    }
    for (Endpoint e : endpoints.values()) {
      WebhookEndpoint ep = e.endpoint;
      if (ep.organization().equals(event.organization()) && ep.enabled() && ep.events().contains(type.get())
          && !ep.createdAt().isAfter(event.at())) {
        messages.add(new Message(nextSeq++, e, event));
      }
    }
  }

  // ------------------------------------------------------------------ endpoints

  @Override
  public synchronized void create(WebhookEndpoint endpoint, String sealedSecret) {
    if (endpoints.containsKey(endpoint.id())) {
      throw new IllegalStateException("endpoint exists: " + endpoint.id());
    }
    endpoints.put(endpoint.id(), new Endpoint(endpoint, sealedSecret));
  }

  @Override
  public synchronized List<WebhookEndpoint> list(OrganizationId organization) {
    List<WebhookEndpoint> out = new ArrayList<>();
    for (Endpoint e : endpoints.values()) {
      if (e.endpoint.organization().equals(organization)) {
        out.add(e.endpoint);
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<WebhookEndpoint> find(OrganizationId organization, WebhookEndpointId id) {
    return own(organization, id).map(e -> e.endpoint);
  }

  private Optional<Endpoint> own(OrganizationId organization, WebhookEndpointId id) {
    Endpoint e = endpoints.get(id);
    return e != null && e.endpoint.organization().equals(organization) ? Optional.of(e) : Optional.empty();
  }

  @Override
  public synchronized boolean delete(OrganizationId organization, WebhookEndpointId id) {
    Optional<Endpoint> e = own(organization, id);
    if (e.isEmpty()) {
      return false;
    }
    endpoints.remove(id);
    messages.removeIf(m -> m.endpoint == e.get());
    return true;
  }

  @Override
  public synchronized boolean rotateSecret(
      OrganizationId organization, WebhookEndpointId id, String newSealedSecret, Instant previousValidUntil) {
    Optional<Endpoint> found = own(organization, id);
    found.ifPresent(e -> {
      e.previousSecret = e.secret;
      e.previousUntil = previousValidUntil;
      e.secret = newSealedSecret;
    });
    return found.isPresent();
  }

  @Override
  public synchronized boolean enable(OrganizationId organization, WebhookEndpointId id) {
    Optional<Endpoint> found = own(organization, id);
    found.ifPresent(e -> {
      WebhookEndpoint ep = e.endpoint;
      e.endpoint = new WebhookEndpoint(ep.id(), ep.organization(), ep.url(), ep.events(), ep.createdAt(),
          ep.createdBy(), null);
    });
    return found.isPresent();
  }

  // ------------------------------------------------------------------ outbox

  @Override
  public int announce(int max) {
    return 0; // every event was queued with its append
  }

  @Override
  public int recordExpiries(Instant upTo, int max) {
    LinkTable table = tableRef.get();
    synchronized (table.lock) {
      synchronized (this) {
        if (expiryCursorAt == null) {
          expiryCursorAt = upTo;
          expiryCursorId = "";
          return 0;
        }
        if (!upTo.isAfter(expiryCursorAt)) {
          return 0;
        }
        Instant fromAt = expiryCursorAt;
        String fromId = expiryCursorId == null ? "" : expiryCursorId;
        List<AccessLink> ended = new ArrayList<>();
        for (LinkTable.Row r : table.rows.values()) {
          Instant until = r.link.window().validUntil();
          if (until == null || until.isAfter(upTo)) {
            continue;
          }
          int c = until.compareTo(fromAt);
          if (c < 0 || (c == 0 && r.link.id().toString().compareTo(fromId) <= 0)) {
            continue;
          }
          ended.add(r.link);
        }
        ended.sort(Comparator.comparing((AccessLink l) -> l.window().validUntil())
            .thenComparing(l -> l.id().toString()));
        int n = 0;
        for (AccessLink l : ended) {
          if (n == max) {
            break;
          }
          Instant until = l.window().validUntil();
          expiryCursorAt = until;
          expiryCursorId = l.id().toString();
          if (l.revocation() == null || !l.revocation().at().isBefore(until)) {
            table.events.record(new AccessEvent(UUID.randomUUID(), l.organization(), until,
                AccessEventType.LINK_EXPIRED, Actor.system(), l.id(), null, null));
            n++;
          }
        }
        if (ended.size() <= max) {
          expiryCursorAt = upTo;
          expiryCursorId = "";
        }
        return n;
      }
    }
  }

  @Override
  public synchronized List<WebhookClaim> claimDue(Instant now, Duration lease, int max) {
    List<WebhookClaim> out = new ArrayList<>();
    java.util.Set<String> blocked = new java.util.HashSet<>();
    for (Message m : messages) {
      if (out.size() == max) {
        break;
      }
      if (m.status != WebhookDelivery.Status.PENDING) {
        continue;
      }
      String key = m.endpoint.endpoint.id() + "/" + m.orderKey;
      if (blocked.contains(key)) {
        continue;
      }
      blocked.add(key);
      if (!m.endpoint.endpoint.enabled() || m.nextAttemptAt.isAfter(now)
          || (m.leaseUntil != null && m.leaseUntil.isAfter(now))) {
        continue;
      }
      m.token = UUID.randomUUID();
      m.leaseUntil = now.plus(lease);
      m.attempts++;
      List<String> secrets = new ArrayList<>();
      secrets.add(m.endpoint.secret);
      if (m.endpoint.previousSecret != null && m.endpoint.previousUntil != null
          && m.endpoint.previousUntil.isAfter(now)) {
        secrets.add(m.endpoint.previousSecret);
      }
      out.add(new WebhookClaim(m.token, m.leaseUntil, m.endpoint.endpoint.id(), m.endpoint.endpoint.url(), secrets,
          m.event, m.attempts, m.event.at()));
    }
    return out;
  }

  @Override
  public synchronized boolean complete(WebhookClaim claim, WebhookCompletion completion) {
    Message m = null;
    for (Message candidate : messages) {
      if (claim.token().equals(candidate.token)) {
        m = candidate;
        break;
      }
    }
    if (m == null) {
      return false;
    }
    m.token = null;
    m.leaseUntil = null;
    m.lastAttemptAt = completion.at();
    m.lastStatus = completion.statusCode();
    if (completion instanceof WebhookCompletion.Delivered) {
      m.status = WebhookDelivery.Status.DELIVERED;
      m.lastError = null;
    } else if (completion instanceof WebhookCompletion.RetryLater retry) {
      m.lastError = retry.reason();
      m.nextAttemptAt = retry.nextAttemptAt();
    } else if (completion instanceof WebhookCompletion.GaveUp gaveUp) {
      m.status = WebhookDelivery.Status.FAILED;
      m.lastError = gaveUp.reason();
      WebhookEndpoint ep = m.endpoint.endpoint;
      if (ep.enabled()) {
        m.endpoint.endpoint = new WebhookEndpoint(ep.id(), ep.organization(), ep.url(), ep.events(),
            ep.createdAt(), ep.createdBy(), gaveUp.at());
        tableRef.get().events.record(gaveUp.disabledEvent());
      }
    }
    return true;
  }

  @Override
  public synchronized List<WebhookDelivery> deliveries(
      OrganizationId organization, WebhookEndpointId endpoint, int limit) {
    List<WebhookDelivery> out = new ArrayList<>();
    if (own(organization, endpoint).isEmpty()) {
      return out;
    }
    for (int i = messages.size() - 1; i >= 0 && out.size() < limit; i--) {
      Message m = messages.get(i);
      if (m.endpoint.endpoint.id().equals(endpoint)) {
        out.add(m.view());
      }
    }
    return out;
  }
}
