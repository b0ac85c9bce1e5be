package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.LinkFilter;
import dev.accesslink.core.domain.OrganizationId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of an organization's links, newest first.
 *
 * @param organization whose links
 * @param filter which links
 * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the first
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 */
public record ListAccessLinksQuery(
    OrganizationId organization, LinkFilter filter, @Nullable String cursor, int limit) {
  /** Largest page. */
  public static final int MAX_LIMIT = 200;

  public ListAccessLinksQuery {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(filter, "filter");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException(
          "page.limit.out_of_range", "limit", "A page holds 1 to " + MAX_LIMIT + " links.");
    }
  }

  /** The first page of every link. */
  public static ListAccessLinksQuery firstPage(OrganizationId organization, int limit) {
    return new ListAccessLinksQuery(organization, LinkFilter.all(), null, limit);
  }
}
