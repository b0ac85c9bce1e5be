package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.port.in.AccessLinkPage;
import dev.accesslink.core.port.in.ListAccessLinksQuery;
import dev.accesslink.core.port.in.ListAccessLinksUseCase;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.store.LinkQuery;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Lists links by keyset: the cursor is the last id of the previous page. Thread-safe. */
final class ListAccessLinksService implements ListAccessLinksUseCase {
  private final OrganizationLookup organizations;
  private final UseRecorder uses;
  private final LinkRecords links;

  ListAccessLinksService(OrganizationLookup organizations, UseRecorder uses, LinkRecords links) {
    this.organizations = organizations;
    this.uses = uses;
    this.links = links;
  }

  @Override
  public AccessLinkPage list(ListAccessLinksQuery query) {
    AccessLinkId before = decode(query.cursor());
    organizations.require(query.organization());
    // last uses and unlock events of this instance's unlocks answered so far (read your writes)
    uses.await(UseRecorder.READ_WAIT);
    // one more than asked tells whether a next page exists, without a count
    List<AccessLink> rows =
        links.list(new LinkQuery(query.organization(), query.filter(), before, query.limit() + 1));
    if (rows.size() <= query.limit()) {
      return new AccessLinkPage(rows, null);
    }
    List<AccessLink> page = rows.subList(0, query.limit());
    return new AccessLinkPage(page, encode(page.get(page.size() - 1).id()));
  }

  static String encode(AccessLinkId id) {
    return id.value().toString().replace("-", "");
  }

  static @Nullable AccessLinkId decode(@Nullable String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    if (!cursor.matches("[0-9a-f]{32}")) {
      throw new InvalidInputException(
          "page.cursor.invalid", "cursor", "That page cursor is not one this API produced.");
    }
    String u = cursor.substring(0, 8) + "-" + cursor.substring(8, 12) + "-" + cursor.substring(12, 16)
        + "-" + cursor.substring(16, 20) + "-" + cursor.substring(20);
    return new AccessLinkId(UUID.fromString(u));
  }
}
