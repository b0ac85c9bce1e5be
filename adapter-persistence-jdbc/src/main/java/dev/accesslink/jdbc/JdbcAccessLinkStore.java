package dev.accesslink.jdbc;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
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
import java.util.List;
import java.util.Optional;

/**
 * {@link AccessLinkStore} as the three parts that do the work: {@link JdbcLinkRecords} (links and
 * their quota units, see {@link QuotaStripes}), {@link JdbcDeliveryOutbox} and {@link JdbcUseLog}.
 * It only delegates. Thread-safe.
 */
final class JdbcAccessLinkStore implements AccessLinkStore {
  private final JdbcLinkRecords links;
  private final JdbcDeliveryOutbox outbox;
  private final JdbcUseLog uses;

  JdbcAccessLinkStore(Database db, int stripes) {
    QuotaStripes quota = new QuotaStripes(db, stripes);
    this.links = new JdbcLinkRecords(db, quota);
    this.outbox = new JdbcDeliveryOutbox(db, quota);
    this.uses = new JdbcUseLog(db);
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
  public void recordUses(List<LinkUse> uses) {
    this.uses.recordUses(uses);
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
