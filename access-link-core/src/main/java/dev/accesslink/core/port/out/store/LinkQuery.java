package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.LinkFilter;
import dev.accesslink.core.domain.OrganizationId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One keyset page of an organization's links, newest first.
 *
 * @param organization whose links
 * @param filter which links
 * @param before only links whose id sorts before this one (the last id of the previous page), or
 *     {@code null} for the first page
 * @param limit at most this many, 1 or more
 */
public record LinkQuery(
    OrganizationId organization, LinkFilter filter, @Nullable AccessLinkId before, int limit) {
  public LinkQuery {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(filter, "filter");
    if (limit < 1) {
      throw new IllegalArgumentException("limit >= 1");
    }
  }
}
