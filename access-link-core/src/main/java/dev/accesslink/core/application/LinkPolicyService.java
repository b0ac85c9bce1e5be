package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.LinkPolicy;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.port.in.LinkPolicyUseCase;
import dev.accesslink.core.port.in.SetLinkPolicyCommand;
import java.time.Clock;

/** Reads and changes an organization's link policy. Thread-safe. */
final class LinkPolicyService implements LinkPolicyUseCase {
  private final OrganizationLookup organizations;
  private final Audit audit;
  private final Clock clock;

  LinkPolicyService(OrganizationLookup organizations, Audit audit, Clock clock) {
    this.organizations = organizations;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public LinkPolicy linkPolicy(OrganizationId organization) {
    return organizations.require(organization).linkPolicy();
  }

  @Override
  public LinkPolicy setLinkPolicy(SetLinkPolicyCommand command) {
    OrganizationSettings org = organizations.require(command.organization());
    LinkPolicy p = command.policy();
    organizations.port().save(org.withLinkPolicy(p));
    audit.record(org.id(), clock.instant(), AccessEventType.LINK_POLICY_CHANGED,
        Actor.administrator(command.changedBy()), null, null,
        "maxValidityDays=" + (p.maxValidityDays() == null ? "none" : p.maxValidityDays())
            + ",requireExpiry=" + p.requireExpiry());
    return p;
  }
}
