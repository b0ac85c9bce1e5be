package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.IdempotencyKey;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.KeyedSend;
import dev.accesslink.core.port.out.store.LinkQuery;
import dev.accesslink.core.port.out.store.LinkResend;
import dev.accesslink.core.port.out.store.ResendOutcome;
import dev.accesslink.core.port.out.store.WindowChange;
import dev.accesslink.core.port.out.store.WindowChangeOutcome;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.RevokeOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link LinkRecords} that hands every call to another one: extend it and override the calls to
 * change, e.g. to time the inserts or to fail one in a test, then wire it with {@code
 * AccessLinks.builder().persistence(p).links(new Timed(p.links()))}. As thread-safe as the
 * records it forwards to and the overrides. ({@link UseLog} has one method and needs no such
 * helper; {@link DeliveryOutbox} has four.)
 */
public abstract class ForwardingLinkRecords implements LinkRecords {
  private final LinkRecords delegate;

  /** Forwards to {@code delegate}. */
  protected ForwardingLinkRecords(LinkRecords delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The records every call not overridden goes to. */
  protected final LinkRecords delegate() {
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
  public ResendOutcome resend(LinkResend resend) {
    return delegate.resend(resend);
  }

  @Override
  public WindowChangeOutcome changeWindow(WindowChange change) {
    return delegate.changeWindow(change);
  }

  @Override
  public long quotaUsed(QuotaKey key, Instant now) {
    return delegate.quotaUsed(key, now);
  }

  @Override
  public Optional<KeyedSend> findByIdempotencyKey(OrganizationId organization, IdempotencyKey key, Instant now) {
    return delegate.findByIdempotencyKey(organization, key, now);
  }

  @Override
  public int purgeIdempotencyKeys(Instant now) {
    return delegate.purgeIdempotencyKeys(now);
  }
}
