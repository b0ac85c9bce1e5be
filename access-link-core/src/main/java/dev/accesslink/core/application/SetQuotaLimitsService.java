package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.port.in.SetQuotaLimitsCommand;
import dev.accesslink.core.port.in.SetQuotaLimitsUseCase;
import java.time.Clock;

/** Changes quota limits. Thread-safe. */
final class SetQuotaLimitsService implements SetQuotaLimitsUseCase {
  private final OrganizationLookup organizations;
  private final Audit audit;
  private final Clock clock;

  SetQuotaLimitsService(OrganizationLookup organizations, Audit audit, Clock clock) {
    this.organizations = organizations;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void setQuotaLimits(SetQuotaLimitsCommand command) {
    OrganizationSettings org = organizations.require(command.organization());
    QuotaLimits l = command.limits();
    organizations.port().save(org.withQuotaLimits(l));
    audit.record(org.id(), clock.instant(), AccessEventType.QUOTA_LIMITS_CHANGED,
        Actor.administrator(command.changedBy()), null, null,
        "email=" + show(l.email()) + ",sms=" + show(l.sms()) + ",manual=" + show(l.manual()));
  }

  private static String show(long limit) {
    return limit == QuotaLimits.UNLIMITED ? "unlimited" : Long.toString(limit);
  }
}
