package dev.accesslink.core.memory;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.DeliveryState;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.memory.LinkTable.Attempt;
import dev.accesslink.core.memory.LinkTable.AttemptState;
import dev.accesslink.core.memory.LinkTable.Row;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.DeliveryCompletion;
import dev.accesslink.core.port.out.store.OutboxBacklog;
import dev.accesslink.core.port.out.store.ReportOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link DeliveryOutbox} over a {@link LinkTable}. */
final class InMemoryDeliveryOutbox implements DeliveryOutbox {
  private final LinkTable table;

  InMemoryDeliveryOutbox(LinkTable table) {
    this.table = table;
  }

  @Override
  public List<DeliveryClaim> claimDueDeliveries(Instant now, Duration lease, int max) {
    synchronized (table.lock) {
      List<Row> due = new ArrayList<>();
      for (Row r : table.rows.values()) {
        if (r.isDue(now)) {
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
    synchronized (table.lock) {
      Row r = table.rows.get(claim.link());
      if (r == null || !claim.token().equals(r.claimToken) || r.leaseUntil == null || !r.leaseUntil.isAfter(now)) {
        return false;
      }
      if (table.hashTakenLocked(newHash)) {
        throw new AccessLinkInfrastructureException("duplicate secret hash: nothing stored");
      }
      for (Attempt a : r.attempts) {
        if (a.state == AttemptState.STARTED) {
          // never completed (a crash, a lease that passed): the message may be out there
          a.state = AttemptState.UNKNOWN;
        }
      }
      if (r.hash != null) {
        table.byHash.remove(r.hash);
      }
      r.hash = newHash;
      table.byHash.put(newHash, r.link.id());
      Attempt attempt = new Attempt(r.link.id(), claim.token(), claim.attempt(), newHash);
      r.attempts.add(attempt);
      table.attemptsByHash.put(newHash, attempt);
      return true;
    }
  }

  @Override
  public boolean completeDelivery(DeliveryClaim claim, DeliveryCompletion completion, AccessEvent event) {
    synchronized (table.lock) {
      Row r = table.rows.get(claim.link());
      if (r == null || !claim.token().equals(r.claimToken)) {
        return false;
      }
      DeliveryState d = r.link.delivery();
      Attempt attempt = r.attempts.stream()
          .filter(a -> a.claimToken.equals(claim.token()) && a.state == AttemptState.STARTED)
          .findFirst().orElse(null);
      if (attempt != null) {
        attempt.state = completion instanceof DeliveryCompletion.Sent ? AttemptState.SENT
            : completion instanceof DeliveryCompletion.RetryLater retry && retry.mayHaveArrived()
                ? AttemptState.UNKNOWN : AttemptState.REFUSED;
        if (completion instanceof DeliveryCompletion.Sent sent && !sent.providerMessageId().isEmpty()) {
          attempt.providerMessageId = sent.providerMessageId();
        }
      }
      r.claimToken = null;
      r.leaseUntil = null;
      if (completion instanceof DeliveryCompletion.Sent s) {
        r.link = r.link.withDelivery(new DeliveryState(DeliveryStatus.SENT, d.attempts(), s.at(), null));
        r.nextAttemptAt = null;
      } else if (completion instanceof DeliveryCompletion.RetryLater retry) {
        r.link = r.link.withDelivery(
            new DeliveryState(DeliveryStatus.PENDING, d.attempts(), retry.at(), retry.reason()));
        r.nextAttemptAt = retry.nextAttemptAt();
      } else {
        DeliveryCompletion.Failed f = (DeliveryCompletion.Failed) completion;
        r.link = r.link.withDelivery(new DeliveryState(DeliveryStatus.FAILED, d.attempts(), f.at(), f.reason()))
            .revoked(Revocation.deliveryFailed(f.at()));
        r.nextAttemptAt = null;
        table.giveQuotaBackLocked(r);
      }
      table.events.record(event);
      return true;
    }
  }

  @Override
  public OutboxBacklog backlog(Instant overdueAt) {
    synchronized (table.lock) {
      long pending = 0;
      long overdue = 0;
      Instant oldest = null;
      for (Row r : table.rows.values()) {
        if (r.link.delivery().status() != DeliveryStatus.PENDING || r.nextAttemptAt == null) {
          continue;
        }
        pending++;
        if (!r.nextAttemptAt.isAfter(overdueAt)) {
          overdue++;
        }
        if (oldest == null || r.nextAttemptAt.isBefore(oldest)) {
          oldest = r.nextAttemptAt;
        }
      }
      return new OutboxBacklog(pending, overdue, Optional.ofNullable(oldest));
    }
  }

  @Override
  public ReportOutcome recordUndelivered(String providerMessageId, Instant at, String reason) {
    synchronized (table.lock) {
      Attempt attempt = null;
      for (Attempt a : table.attemptsByHash.values()) {
        if (providerMessageId.equals(a.providerMessageId)) {
          attempt = a;
          break;
        }
      }
      if (attempt == null) {
        return new ReportOutcome.Unknown();
      }
      Row r = table.rows.get(attempt.link);
      if (r == null || attempt.state != AttemptState.SENT || !attempt.hash.equals(r.hash)
          || r.link.delivery().status() != DeliveryStatus.SENT) {
        return new ReportOutcome.Stale(attempt.link);
      }
      attempt.state = AttemptState.UNDELIVERED;
      DeliveryState d = r.link.delivery();
      r.link = r.link.withDelivery(new DeliveryState(DeliveryStatus.FAILED, d.attempts(), d.lastAttemptAt(), reason));
      if (!r.link.isRevoked()) {
        r.link = r.link.revoked(Revocation.deliveryFailed(at));
      }
      table.giveQuotaBackLocked(r);
      return new ReportOutcome.Applied(r.link);
    }
  }
}
