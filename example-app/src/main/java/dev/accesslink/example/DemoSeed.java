package dev.accesslink.example;

import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The seeded organization {@code demo}: two groups over three doors. */
final class DemoSeed {
  static final OrganizationId ORGANIZATION = OrganizationId.of("demo");
  static final Door FRONT_DOOR = new Door(DoorId.of("front-door"), "Front door");
  static final Door OFFICE = new Door(DoorId.of("office"), "Office");
  static final Door STORAGE_ROOM = new Door(DoorId.of("storage-room"), "Storage room");
  static final List<Door> DOORS = List.of(FRONT_DOOR, OFFICE, STORAGE_ROOM);
  static final List<Group> GROUPS = List.of(
      new Group(ORGANIZATION, GroupId.of("visitors"), "Visitors", List.of(FRONT_DOOR)),
      new Group(ORGANIZATION, GroupId.of("staff"), "Staff", List.of(FRONT_DOOR, OFFICE, STORAGE_ROOM)));

  private DemoSeed() {}

  /**
   * The organization's settings: the stored ones with today's link base URL (the port may have
   * changed since the last run), or new ones with default quotas.
   */
  static OrganizationSettings organization(Optional<OrganizationSettings> stored, URI linkBase, ZoneId zone) {
    QuotaLimits limits = stored.map(OrganizationSettings::quotaLimits).orElse(QuotaLimits.defaults());
    ZoneId z = stored.map(OrganizationSettings::zone).orElse(zone);
    return new OrganizationSettings(ORGANIZATION, "Demo HQ", z, limits, linkBase);
  }
}
