package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AccessLink;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A page of links.
 *
 * @param items the links, newest first
 * @param nextCursor an opaque cursor for the next page, or {@code null} on the last page
 */
public record AccessLinkPage(List<AccessLink> items, @Nullable String nextCursor) {
  public AccessLinkPage {
    items = List.copyOf(items);
  }

  /** The cursor of the next page, empty on the last. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
