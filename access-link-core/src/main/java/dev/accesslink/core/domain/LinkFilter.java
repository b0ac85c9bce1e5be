package dev.accesslink.core.domain;

import org.jspecify.annotations.Nullable;

/**
 * Which links of an organization to list.
 *
 * @param channel only this channel, or {@code null} for all
 * @param group only this group, or {@code null} for all
 * @param includeRevoked whether revoked links are listed
 */
public record LinkFilter(
    @Nullable DeliveryChannel channel, @Nullable GroupId group, boolean includeRevoked) {
  private static final LinkFilter ALL = new LinkFilter(null, null, true);

  /** Every link. */
  public static LinkFilter all() {
    return ALL;
  }

  /** True when {@code link} passes this filter. */
  public boolean matches(AccessLink link) {
    return (channel == null || link.channel() == channel)
        && (group == null || link.group().equals(group))
        && (includeRevoked || !link.isRevoked());
  }
}
