package dev.accesslink.jdbc;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.DeliveryCompletion;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.LinkQuery;
import dev.accesslink.core.port.out.store.LinkUse;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.RevokeOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The three stored ports of one {@link JdbcAccessLinkPersistence} as one object, for the adapter's
 * own tests that drive links, outbox and use log together (a race between two instances, say).
 */
record StoreUnderTest(LinkRecords links, DeliveryOutbox outbox, UseLog uses)
    implements LinkRecords, DeliveryOutbox, UseLog {

  static StoreUnderTest of(JdbcAccessLinkPersistence persistence) {
    return new StoreUnderTest(persistence.links(), persistence.outbox(), persistence.uses());
  }

  @Override
  public InsertOutcome insert(NewAccessLink newLink) {
    return links.insert(newLink);
  }

  @Override
  public Optional<AccessLink> findById(OrganizationId organization, AccessLinkId id) {
    return links.findById(organization, id);
  }

  @Override
  public Optional<AccessLink> findBySecretHash(SecretHash hash) {
    return links.findBySecretHash(hash);
  }

  @Override
  public List<AccessLink> list(LinkQuery query) {
    return links.list(query);
  }

  @Override
  public RevokeOutcome revoke(OrganizationId organization, AccessLinkId id, Revocation revocation) {
    return links.revoke(organization, id, revocation);
  }

  @Override
  public long quotaUsed(QuotaKey key, Instant now) {
    return links.quotaUsed(key, now);
  }

  @Override
  public void recordUses(List<LinkUse> list) {
    uses.recordUses(list);
  }

  @Override
  public List<DeliveryClaim> claimDueDeliveries(Instant now, Duration lease, int max) {
    return outbox.claimDueDeliveries(now, lease, max);
  }

  @Override
  public boolean beginAttempt(DeliveryClaim claim, SecretHash newHash, Instant now) {
    return outbox.beginAttempt(claim, newHash, now);
  }

  @Override
  public boolean completeDelivery(DeliveryClaim claim, DeliveryCompletion completion) {
    return outbox.completeDelivery(claim, completion);
  }
}
