package dev.accesslink.testkit;

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
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link AccessLinkStore} that hands every call to another one: extend it and override the
 * calls to change, e.g. to hold back or fail a write in a test, or to time one. As thread-safe as
 * the store it forwards to and the overrides.
 */
public abstract class ForwardingAccessLinkStore implements AccessLinkStore {
  private final AccessLinkStore delegate;

  /** Forwards to {@code delegate}. */
  protected ForwardingAccessLinkStore(AccessLinkStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store every call not overridden goes to. */
  protected final AccessLinkStore delegate() {
    return delegate;
  }

  @Override
  public InsertOutcome insert(NewAccessLink newLink) {
    return delegate.insert(newLink);
  }

  @Override
  public Optional<AccessLink> findById(OrganizationId organization, AccessLinkId id) {
    return delegate.findById(organization, id);
  }

  @Override
  public Optional<AccessLink> findBySecretHash(SecretHash hash) {
    return delegate.findBySecretHash(hash);
  }

  @Override
  public List<AccessLink> list(LinkQuery query) {
    return delegate.list(query);
  }

  @Override
  public RevokeOutcome revoke(OrganizationId organization, AccessLinkId id, Revocation revocation) {
    return delegate.revoke(organization, id, revocation);
  }

  @Override
  public void recordUses(List<LinkUse> uses) {
    delegate.recordUses(uses);
  }

  @Override
  public long quotaUsed(QuotaKey key, Instant now) {
    return delegate.quotaUsed(key, now);
  }

  @Override
  public List<DeliveryClaim> claimDueDeliveries(Instant now, Duration lease, int max) {
    return delegate.claimDueDeliveries(now, lease, max);
  }

  @Override
  public boolean beginAttempt(DeliveryClaim claim, SecretHash newHash, Instant now) {
    return delegate.beginAttempt(claim, newHash, now);
  }

  @Override
  public boolean completeDelivery(DeliveryClaim claim, DeliveryCompletion completion) {
    return delegate.completeDelivery(claim, completion);
  }
}
