package dev.accesslink.core.port.in;

/** List an organization's links with filters and keyset pagination. */
@FunctionalInterface
public interface ListAccessLinksUseCase {

  /**
   * One page. Keyset pagination: a page costs the same at the millionth link as at the first.
   *
   * @throws dev.accesslink.core.domain.InvalidInputException with code {@code page.cursor.invalid}
   *     for a cursor this library did not produce
   * @throws dev.accesslink.core.domain.UnknownOrganizationException no such organization
   */
  AccessLinkPage list(ListAccessLinksQuery query);
}
