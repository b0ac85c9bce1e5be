package dev.accesslink.testkit.memory;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.DeliveryState;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.QuotaKind;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.AccessLinkStore;
import dev.accesslink.core.port.out.DeliveryClaim;
import dev.accesslink.core.port.out.DeliveryCompletion;
import dev.accesslink.core.port.out.InsertOutcome;
import dev.accesslink.core.port.out.LinkQuery;
import dev.accesslink.core.port.out.LinkUse;
import dev.accesslink.core.port.out.NewAccessLink;
import dev.accesslink.core.port.out.QuotaKey;
import dev.accesslink.core.port.out.RevokeOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The reference {@link AccessLinkStore}: every operation runs under one lock, which makes quota
 * reservations trivially exact. Thread-safe; suitable for tests, demos and single-process use.
 */
public final class InMemoryAccessLinkStore implements AccessLinkStore {

  private static final class Row {
    AccessLink link;
    @Nullable SecretHash hash;
    final QuotaKey quotaKey;
    boolean quotaGivenBack;
    @Nullable Instant nextAttemptAt;
    @Nullable UUID claimToken;
    @Nullable Instant leaseUntil;

    Row(AccessLink link, @Nullable SecretHash hash, QuotaKey quotaKey) {
      this.link = link;
      this.hash = hash;
      this.quotaKey = quotaKey;
    }
  }

  private final Object lock = new Object();
  private final TreeMap<AccessLinkId, Row> rows = new TreeMap<>();
  private final Map<SecretHash, AccessLinkId> byHash = new HashMap<>();
  private final Map<QuotaKey, Long> monthlyCounts = new HashMap<>();

  private final AccessEvents events;

  /** An empty store with an audit log of its own (see {@link #events()}). */
  public InMemoryAccessLinkStore() {
    this(new InMemoryAccessEvents());
  }

  /** An empty store that appends the events of its writes to {@code events}. */
  public InMemoryAccessLinkStore(AccessEvents events) {
    this.events = events;
  }

  /** The audit log this store appends to. */
  public AccessEvents events() {
    return events;
  }

  @Override
  public InsertOutcome insert(NewAccessLink n) {
    synchronized (lock) {
      AccessLink link = n.link();
      if (rows.containsKey(link.id())) {
        throw new AccessLinkInfrastructureException("duplicate link id " + link.id() + ": nothing stored");
      }
      if (n.secretHash() != null && byHash.containsKey(n.secretHash())) {
        throw new AccessLinkInfrastructureException("duplicate secret hash: nothing stored");
      }
      long used = usedLocked(n.quota().key(), n.quota().now());
      if (used >= n.quota().limit()) {
        return new InsertOutcome.QuotaExhausted(used, n.quota().limit());
      }
      Row row = new Row(link, n.secretHash(), n.quota().key());
      DeliveryClaim claim = n.claim();
      if (claim != null) {
        row.link = link.withDelivery(new DeliveryState(DeliveryStatus.PENDING, 1, null, null));
        row.claimToken = claim.token();
        row.leaseUntil = claim.leaseUntil();
        row.nextAttemptAt = link.createdAt();
      }
      rows.put(link.id(), row);
      if (n.secretHash() != null) {
        byHash.put(n.secretHash(), link.id());
      }
      if (n.quota().key().kind() == QuotaKind.CREATED_PER_MONTH) {
        monthlyCounts.merge(n.quota().key(), 1L, Long::sum);
      }
      events.record(n.event());
      return new InsertOutcome.Inserted();
    }
  }

  private long usedLocked(QuotaKey key, Instant now) {
    if (key.kind() == QuotaKind.CREATED_PER_MONTH) {
      return monthlyCounts.getOrDefault(key, 0L);
    }
    long n = 0;
    for (Row r : rows.values()) {
      if (r.link.organization().equals(key.organization())
          && r.link.channel() == key.channel()
          && !r.quotaGivenBack
          && r.link.isLiveAt(now)) {
        n++;
      }
    }
    return n;
  }

  @Override
  public Optional<AccessLink> findById(OrganizationId organization, AccessLinkId id) {
    synchronized (lock) {
      Row r = rows.get(id);
      return r == null || !r.link.organization().equals(organization) ? Optional.empty() : Optional.of(r.link);
    }
  }

  @Override
  public Optional<AccessLink> findBySecretHash(SecretHash hash) {
    synchronized (lock) {
      AccessLinkId id = byHash.get(hash);
      return id == null ? Optional.empty() : Optional.of(rows.get(id).link);
    }
  }

  @Override
  public List<AccessLink> list(LinkQuery q) {
    synchronized (lock) {
      List<AccessLink> out = new ArrayList<>();
      var view = q.before() == null ? rows.descendingMap() : rows.headMap(q.before(), false).descendingMap();
      for (Row r : view.values()) {
        if (r.link.organization().equals(q.organization()) && q.filter().matches(r.link)) {
          out.add(r.link);
          if (out.size() == q.limit()) {
            break;
          }
        }
      }
      return out;
    }
  }

  @Override
  public RevokeOutcome revoke(OrganizationId organization, AccessLinkId id, Revocation revocation) {
    synchronized (lock) {
      Row r = rows.get(id);
      if (r == null || !r.link.organization().equals(organization)) {
        return new RevokeOutcome.NotFound();
      }
      if (r.link.isRevoked()) {
        return new RevokeOutcome.AlreadyRevoked(r.link);
      }
      r.link = r.link.revoked(revocation);
      return new RevokeOutcome.Revoked(r.link);
    }
  }

  @Override
  public void recordUses(List<LinkUse> uses) {
    if (uses.isEmpty()) {
      throw new IllegalArgumentException("no uses to record");
    }
    synchronized (lock) {
      for (LinkUse use : uses) {
        Row r = rows.get(use.link());
        if (r != null && (r.link.lastUsedAt() == null || r.link.lastUsedAt().isBefore(use.at()))) {
          r.link = r.link.usedAt(use.at());
        }
        events.record(use.event());
      }
    }
  }

  @Override
  public long quotaUsed(QuotaKey key, Instant now) {
    synchronized (lock) {
      return usedLocked(key, now);
    }
  }

  @Override
  public List<DeliveryClaim> claimDueDeliveries(Instant now, Duration lease, int max) {
    synchronized (lock) {
      List<Row> due = new ArrayList<>();
      for (Row r : rows.values()) {
        if (r.link.delivery().status() == DeliveryStatus.PENDING
            && r.nextAttemptAt != null && !r.nextAttemptAt.isAfter(now)
            && (r.leaseUntil == null || !r.leaseUntil.isAfter(now))) {
          due.add(r);
        }
      }
      due.sort(Comparator.comparing((Row r) -> r.nextAttemptAt).thenComparing(r -> r.link.id()));
      List<DeliveryClaim> claims = new ArrayList<>();
      for (Row r : due.subList(0, Math.min(max, due.size()))) {
        DeliveryState d = r.link.delivery();
        int attempt = d.attempts() + 1;
        r.link = r.link.withDelivery(new DeliveryState(d.status(), attempt, d.lastAttemptAt(), d.lastError()));
        r.claimToken = UUID.randomUUID();
        r.leaseUntil = now.plus(lease);
        claims.add(new DeliveryClaim(r.link.id(), r.link.organization(), r.claimToken, attempt, r.leaseUntil));
      }
      return claims;
    }
  }

  @Override
  public boolean beginAttempt(DeliveryClaim claim, SecretHash newHash, Instant now) {
    synchronized (lock) {
      Row r = rows.get(claim.link());
      if (r == null || !claim.token().equals(r.claimToken) || r.leaseUntil == null || !r.leaseUntil.isAfter(now)) {
        return false;
      }
      if (byHash.containsKey(newHash)) {
        throw new AccessLinkInfrastructureException("duplicate secret hash: nothing stored");
      }
      if (r.hash != null) {
        byHash.remove(r.hash);
      }
      r.hash = newHash;
      byHash.put(newHash, r.link.id());
      return true;
    }
  }

  @Override
  public boolean completeDelivery(DeliveryClaim claim, DeliveryCompletion completion) {
    synchronized (lock) {
      Row r = rows.get(claim.link());
      if (r == null || !claim.token().equals(r.claimToken)) {
        return false;
      }
      DeliveryState d = r.link.delivery();
      r.claimToken = null;
      r.leaseUntil = null;
      if (completion instanceof DeliveryCompletion.Sent s) {
        r.link = r.link.withDelivery(new DeliveryState(DeliveryStatus.SENT, d.attempts(), s.at(), null));
        r.nextAttemptAt = null;
      } else if (completion instanceof DeliveryCompletion.RetryLater retry) {
        r.link = r.link.withDelivery(new DeliveryState(DeliveryStatus.PENDING, d.attempts(), retry.at(), retry.reason()));
        r.nextAttemptAt = retry.nextAttemptAt();
      } else {
        DeliveryCompletion.Failed f = (DeliveryCompletion.Failed) completion;
        r.link = r.link.withDelivery(new DeliveryState(DeliveryStatus.FAILED, d.attempts(), f.at(), f.reason()))
            .revoked(Revocation.deliveryFailed(f.at()));
        r.nextAttemptAt = null;
        if (!r.quotaGivenBack) {
          r.quotaGivenBack = true;
          if (r.quotaKey.kind() == QuotaKind.CREATED_PER_MONTH) {
            monthlyCounts.merge(r.quotaKey, -1L, Long::sum);
          }
        }
      }
      return true;
    }
  }
}
