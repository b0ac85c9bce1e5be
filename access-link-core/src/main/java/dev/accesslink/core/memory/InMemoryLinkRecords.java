package dev.accesslink.core.memory;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.DeliveryState;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.IdempotencyKey;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.QuotaKind;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.memory.LinkTable.Row;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.IdempotencyRecord;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.KeyedSend;
import dev.accesslink.core.port.out.store.LinkQuery;
import dev.accesslink.core.port.out.store.LinkResend;
import dev.accesslink.core.port.out.store.QuotaReservation;
import dev.accesslink.core.port.out.store.ResendOutcome;
import dev.accesslink.core.port.out.store.WindowChange;
import dev.accesslink.core.port.out.store.WindowChangeOutcome;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.RevokeOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link LinkRecords} over a {@link LinkTable}. */
final class InMemoryLinkRecords implements LinkRecords {
  private final LinkTable table;

  InMemoryLinkRecords(LinkTable table) {
    this.table = table;
  }

  @Override
  public InsertOutcome insert(NewAccessLink n) {
    synchronized (table.lock) {
      AccessLink link = n.link();
      if (table.rows.containsKey(link.id())) {
        throw new AccessLinkInfrastructureException("duplicate link id " + link.id() + ": nothing stored");
      }
      if (n.secretHash() != null && table.hashTakenLocked(n.secretHash())) {
        throw new AccessLinkInfrastructureException("duplicate secret hash: nothing stored");
      }
      IdempotencyRecord idem = n.idempotency();
      Map.Entry<OrganizationId, IdempotencyKey> keyOf = null;
      if (idem != null) {
        keyOf = Map.entry(link.organization(), idem.key());
        LinkTable.HeldKey held = table.keys.get(keyOf);
        if (held != null && link.createdAt().isBefore(held.keptUntil())) {
          return new InsertOutcome.KeyTaken(new KeyedSend(table.rows.get(held.link()).link, held.fingerprint()));
        }
      }
      long used = table.usedLocked(n.quota().key(), n.quota().now());
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
      table.rows.put(link.id(), row);
      if (n.secretHash() != null) {
        table.byHash.put(n.secretHash(), link.id());
      }
      if (n.quota().key().kind() == QuotaKind.CREATED_PER_MONTH) {
        table.monthlyCounts.merge(n.quota().key(), 1L, Long::sum);
      }
      if (idem != null) {
        table.keys.put(keyOf, new LinkTable.HeldKey(link.id(), idem.fingerprint(), idem.keptUntil()));
      }
      table.events.record(n.event());
      return new InsertOutcome.Inserted();
    }
  }

  @Override
  public Optional<AccessLink> findById(OrganizationId organization, AccessLinkId id) {
    synchronized (table.lock) {
      Row r = table.rows.get(id);
      return r == null || !r.link.organization().equals(organization) ? Optional.empty() : Optional.of(r.link);
    }
  }

  @Override
  public Optional<AccessLink> findBySecretHash(SecretHash hash) {
    synchronized (table.lock) {
      AccessLinkId id = table.byHash.get(hash);
      if (id == null) {
        LinkTable.Attempt earlier = table.attemptsByHash.get(hash);
        id = earlier != null && earlier.state == LinkTable.AttemptState.UNKNOWN ? earlier.link : null;
      }
      return id == null ? Optional.empty() : Optional.of(table.rows.get(id).link);
    }
  }

  @Override
  public List<AccessLink> list(LinkQuery q) {
    synchronized (table.lock) {
      List<AccessLink> out = new ArrayList<>();
      var view = q.before() == null
          ? table.rows.descendingMap()
          : table.rows.headMap(q.before(), false).descendingMap();
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
    synchronized (table.lock) {
      Row r = table.rows.get(id);
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
  public ResendOutcome resend(LinkResend resend) {
    synchronized (table.lock) {
      Row r = table.rows.get(resend.link());
      if (r == null || !r.link.organization().equals(resend.organization())) {
        return new ResendOutcome.NotFound();
      }
      boolean manual = r.link.channel() == DeliveryChannel.MANUAL;
      if (manual != (resend.newHash() != null)
          || (r.link.channel().quotaKind() == QuotaKind.CREATED_PER_MONTH) != (resend.quota() != null)) {
        throw new IllegalArgumentException("the resend does not fit the link's channel " + r.link.channel());
      }
      if (r.link.isRevoked() || r.link.window().hasEndedAt(resend.at())) {
        return new ResendOutcome.NotResendable(r.link);
      }
      if (resend.newHash() != null && table.hashTakenLocked(resend.newHash())) {
        throw new AccessLinkInfrastructureException("duplicate secret hash: nothing stored");
      }
      QuotaReservation quota = resend.quota();
      if (quota != null) {
        long used = table.usedLocked(quota.key(), quota.now());
        if (used >= quota.limit()) {
          return new ResendOutcome.QuotaExhausted(used, quota.limit());
        }
        // the earlier unit stays spent; the new delivery holds one of this month
        table.monthlyCounts.merge(quota.key(), 1L, Long::sum);
        r.quotaKey = quota.key();
        r.quotaGivenBack = false;
      }
      for (LinkTable.Attempt a : r.attempts) {
        if (a.state != LinkTable.AttemptState.REFUSED && a.state != LinkTable.AttemptState.UNDELIVERED) {
          a.state = LinkTable.AttemptState.SUPERSEDED;
        }
      }
      if (r.hash != null) {
        table.byHash.remove(r.hash);
        r.hash = null;
      }
      if (manual) {
        r.hash = resend.newHash();
        table.byHash.put(r.hash, r.link.id());
      } else {
        DeliveryClaim claim = resend.claim();
        DeliveryState d = r.link.delivery();
        r.link = r.link.withDelivery(new DeliveryState(DeliveryStatus.PENDING, claim.attempt(), d.lastAttemptAt(), null));
        r.claimToken = claim.token();
        r.leaseUntil = claim.leaseUntil();
        r.nextAttemptAt = resend.at();
      }
      table.events.record(resend.event());
      return new ResendOutcome.Resent(r.link);
    }
  }

  @Override
  public WindowChangeOutcome changeWindow(WindowChange change) {
    synchronized (table.lock) {
      Row r = table.rows.get(change.link());
      if (r == null || !r.link.organization().equals(change.organization())) {
        return new WindowChangeOutcome.NotFound();
      }
      AccessLink before = r.link;
      if (before.isRevoked()) {
        return new WindowChangeOutcome.Revoked(before);
      }
      Instant now = change.quota().now();
      // live-links units are counted from the windows themselves (see LinkTable#usedLocked)
      if (r.quotaKey.kind() == QuotaKind.LIVE_LINKS && before.window().hasEndedAt(now)
          && !change.window().hasEndedAt(now)) {
        long used = table.usedLocked(r.quotaKey, now);
        if (used >= change.quota().limit()) {
          return new WindowChangeOutcome.QuotaExhausted(used, change.quota().limit());
        }
      }
      r.link = new AccessLink(before.id(), before.organization(), before.recipient(), before.group(),
          change.window(), before.issuedBy(), before.createdAt(), before.delivery(), before.revocation(),
          before.lastUsedAt());
      return new WindowChangeOutcome.Changed(before, r.link);
    }
  }

  @Override
  public long quotaUsed(QuotaKey key, Instant now) {
    synchronized (table.lock) {
      return table.usedLocked(key, now);
    }
  }

  @Override
  public Optional<KeyedSend> findByIdempotencyKey(OrganizationId organization, IdempotencyKey key, Instant now) {
    synchronized (table.lock) {
      LinkTable.HeldKey held = table.keys.get(Map.entry(organization, key));
      if (held == null || !now.isBefore(held.keptUntil())) {
        return Optional.empty();
      }
      return Optional.of(new KeyedSend(table.rows.get(held.link()).link, held.fingerprint()));
    }
  }

  @Override
  public int purgeIdempotencyKeys(Instant now) {
    synchronized (table.lock) {
      int before = table.keys.size();
      table.keys.values().removeIf(held -> !now.isBefore(held.keptUntil()));
      return before - table.keys.size();
    }
  }
}
