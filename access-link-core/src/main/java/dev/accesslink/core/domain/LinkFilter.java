package dev.accesslink.core.domain;

import org.jspecify.annotations.Nullable;

/**
 * Which links of an organization to list.
 *
 * @param channel only this channel, or {@code null} for all
 * @param group only this group, or {@code null} for all
 * @param includeRevoked whether revoked links are listed
 * @param externalRef only links with exactly this external reference (trimmed, checked as by
 *     {@link ExternalRef#check}), or {@code null} for all
 */
public record LinkFilter(
    @Nullable DeliveryChannel channel, @Nullable GroupId group, boolean includeRevoked,
    @Nullable String externalRef) {
  private static final LinkFilter ALL = new LinkFilter(null, null, true);

  public LinkFilter {
    externalRef = ExternalRef.check(externalRef);
  }

  /** A filter on channel, group and revocation, any external reference. */
  public LinkFilter(@Nullable DeliveryChannel channel, @Nullable GroupId group, boolean includeRevoked) {
    this(channel, group, includeRevoked, null);
  }

  /** Only the links with exactly {@code externalRef}, revoked or not. */
  public static LinkFilter byExternalRef(String externalRef) {
    return new LinkFilter(null, null, true, externalRef);
  }

  /** Every link. */
  public static LinkFilter all() {
    return ALL;
  }

  /** True when {@code link} passes this filter. */
  public boolean matches(AccessLink link) {
    return (channel == null || link.channel() == channel)
        && (group == null || link.group().equals(group))
        && (includeRevoked || !link.isRevoked())
        && (externalRef == null || externalRef.equals(link.externalRef()));
  }
}
