package dev.accesslink.core.application;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.port.in.ChannelQuotaUsage;
import dev.accesslink.core.port.in.QuotaUsageReport;
import dev.accesslink.core.port.in.QuotaUsageUseCase;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.store.QuotaReservation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reports quota usage per channel. Thread-safe. */
final class QuotaUsageService implements QuotaUsageUseCase {
  private final OrganizationLookup organizations;
  private final LinkRecords links;
  private final Clock clock;

  QuotaUsageService(OrganizationLookup organizations, LinkRecords links, Clock clock) {
    this.organizations = organizations;
    this.links = links;
    this.clock = clock;
  }

  @Override
  public QuotaUsageReport quotaUsage(OrganizationId organization) {
    OrganizationSettings org = organizations.require(organization);
    Instant now = clock.instant();
    List<ChannelQuotaUsage> usage = new ArrayList<>();
    for (DeliveryChannel channel : DeliveryChannel.values()) {
      QuotaReservation r = SendAccessLinkService.reservation(org, channel, now);
      usage.add(new ChannelQuotaUsage(channel, channel.quotaKind(), links.quotaUsed(r.key(), now),
          r.limit(), SendAccessLinkService.resetsAt(org, r)));
    }
    return new QuotaUsageReport(organization, usage);
  }
}
