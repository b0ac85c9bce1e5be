package dev.accesslink.example;

import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.LinkPolicy;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.port.out.Organizations;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The seeded organization {@code demo}: two groups over three doors.
 *
 * <p>Settings that instances share are never silently overwritten at start: when the organization
 * is already stored, its stored settings stand (zone, quotas and the link base URL that every
 * instance's e-mails use); a start whose own URL differs logs a warning and changes nothing, unless
 * the operator asks for the change with {@code ACCESSLINK_LINK_BASE_UPDATE=true}.
 */
final class DemoSeed {
  private static final System.Logger LOG = System.getLogger(DemoSeed.class.getName());
  static final OrganizationId ORGANIZATION = OrganizationId.of("demo");
  static final Door FRONT_DOOR = new Door(DoorId.of("front-door"), "Front door");
  static final Door OFFICE = new Door(DoorId.of("office"), "Office");
  static final Door STORAGE_ROOM = new Door(DoorId.of("storage-room"), "Storage room");
  static final List<Door> DOORS = List.of(FRONT_DOOR, OFFICE, STORAGE_ROOM);
  static final List<Group> GROUPS = List.of(
      new Group(ORGANIZATION, GroupId.of("visitors"), "Visitors", List.of(FRONT_DOOR)),
      new Group(ORGANIZATION, GroupId.of("staff"), "Staff", List.of(FRONT_DOOR, OFFICE, STORAGE_ROOM)));

  private DemoSeed() {}

  /** The stored settings as they are, or new ones on {@code linkBase} with default quotas. */
  static OrganizationSettings organization(Optional<OrganizationSettings> stored, URI linkBase, ZoneId zone,
      Language language) {
    return stored.orElseGet(() ->
        new OrganizationSettings(ORGANIZATION, "Demo HQ", zone, QuotaLimits.defaults(), linkBase,
            LinkPolicy.none(), language));
  }

  /**
   * Creates the organization when it is not stored yet; else keeps the stored settings, and only
   * with {@code updateLinkBase} replaces their link base URL by {@code linkBase}. A different URL
   * is logged either way.
   */
  static void seed(Organizations organizations, URI linkBase, ZoneId zone, Language language, boolean updateLinkBase) {
    Optional<OrganizationSettings> stored = organizations.find(ORGANIZATION);
    if (stored.isEmpty()) {
      organizations.save(organization(stored, linkBase, zone, language));
      return;
    }
    URI storedBase = stored.get().linkBaseUrl();
    if (storedBase.equals(linkBase)) {
      return;
    }
    if (updateLinkBase) {
      LOG.log(Level.WARNING, "organization " + ORGANIZATION.value() + ": link base URL changed from " + storedBase
          + " to " + linkBase + " (ACCESSLINK_LINK_BASE_UPDATE=true); new links use it");
      OrganizationSettings s = stored.get();
      organizations.save(new OrganizationSettings(s.id(), s.displayName(), s.zone(), s.quotaLimits(), linkBase,
          s.linkPolicy(), s.defaultLanguage()));
    } else {
      LOG.log(Level.WARNING, "organization " + ORGANIZATION.value() + ": this instance runs at " + linkBase
          + " but the stored link base URL is " + storedBase + "; the stored one stands (links keep pointing there)."
          + " Set ACCESSLINK_PUBLIC_URL on every instance, or start one with ACCESSLINK_LINK_BASE_UPDATE=true"
          + " to change it.");
    }
  }
}
