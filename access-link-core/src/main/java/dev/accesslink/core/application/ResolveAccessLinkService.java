package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.port.in.LinkResolution;
import dev.accesslink.core.port.in.ResolveAccessLinkUseCase;
import dev.accesslink.core.port.in.VisitorLinkView;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.GroupDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Resolves a presented secret for the visitor page; read-only. Thread-safe. */
final class ResolveAccessLinkService implements ResolveAccessLinkUseCase {
  private final LinkRecords links;
  private final GroupDirectory groups;
  private final OrganizationLookup organizations;
  private final Clock clock;

  ResolveAccessLinkService(
      LinkRecords links, GroupDirectory groups, OrganizationLookup organizations, Clock clock) {
    this.links = links;
    this.groups = groups;
    this.organizations = organizations;
    this.clock = clock;
  }

  @Override
  public LinkResolution resolve(String presentedSecret) {
    Optional<AccessLink> found =
        LinkSecret.parsePresented(presentedSecret).flatMap(s -> links.findBySecretHash(s.hash()));
    if (found.isEmpty()) {
      return new LinkResolution.Unknown();
    }
    AccessLink link = found.get();
    Optional<OrganizationSettings> org = organizations.port().find(link.organization());
    if (org.isEmpty()) {
      return new LinkResolution.Unknown();
    }
    Optional<Group> group = groups.findGroup(link.organization(), link.group());
    java.time.Instant now = clock.instant();
    return new LinkResolution.Found(new VisitorLinkView(
        link.recipient().name(),
        org.get().displayName(),
        group.map(Group::name).orElse(link.group().value()),
        group.map(Group::doors).orElse(List.of()),
        link.window(),
        org.get().zone(),
        link.statusAt(now),
        link.ruleStateAt(now, org.get().zone()),
        link.issuerName(),
        link.language()));
  }
}
