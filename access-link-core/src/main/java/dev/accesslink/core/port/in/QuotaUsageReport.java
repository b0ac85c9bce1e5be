package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.OrganizationId;
import java.util.List;

/**
 * Quota usage of an organization, one entry per channel in EMAIL, SMS, MANUAL order.
 *
 * @param organization the organization
 * @param channels the usage per channel
 */
public record QuotaUsageReport(OrganizationId organization, List<ChannelQuotaUsage> channels) {
  public QuotaUsageReport {
    channels = List.copyOf(channels);
  }

  /** The usage of {@code channel}. */
  public ChannelQuotaUsage of(DeliveryChannel channel) {
    return channels.stream().filter(c -> c.channel() == channel).findFirst().orElseThrow();
  }
}
