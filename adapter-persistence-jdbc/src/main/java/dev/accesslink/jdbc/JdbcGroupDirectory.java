package dev.accesslink.jdbc;

import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.GroupDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A {@link GroupDirectory} stored in the database ({@code al_group}, {@code al_door}, {@code
 * al_group_door}), with a small editing API for products that have no directory of their own.
 *
 * <p>Doors belong to an organization and may be in several groups; a door has one name, so adding
 * a known door under another name renames it everywhere. Names are validated as the domain's
 * {@link Group} and {@link Door} validate them. Every method is atomic; thread-safe.
 */
public final class JdbcGroupDirectory implements GroupDirectory {
  private static final String SELECT =
      "SELECT g.organization, g.id AS group_id, g.name AS group_name, d.id AS door_id, d.name AS door_name,"
          + " d.link_access"
          + " FROM al_group g"
          + " LEFT JOIN al_group_door gd ON gd.organization = g.organization AND gd.group_id = g.id"
          + " LEFT JOIN al_door d ON d.organization = gd.organization AND d.id = gd.door_id"
          + " WHERE g.organization = :organization";

  private final Database db;

  JdbcGroupDirectory(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Group> findGroup(OrganizationId organization, GroupId group) {
    return read(organization, group).stream().findFirst();
  }

  @Override
  public List<Group> groups(OrganizationId organization) {
    List<Group> all = new ArrayList<>(read(organization, null));
    // Sorted here, not by the database, so that every database orders names the same way.
    all.sort(Comparator.comparing(Group::name).thenComparing(g -> g.id().value()));
    return List.copyOf(all);
  }

  private record Row(String groupId, String groupName, String doorId, String doorName, boolean linkAccess) {}

  private List<Group> read(OrganizationId organization, GroupId only) {
    List<Row> rows = db.read("read groups", h -> {
      var q = h.createQuery(SELECT + (only == null ? "" : " AND g.id = :groupId") + " ORDER BY g.id, gd.door_order")
          .bind("organization", organization.value());
      if (only != null) {
        q.bind("groupId", only.value());
      }
      return q.map((rs, ctx) -> new Row(rs.getString("group_id"), rs.getString("group_name"),
              rs.getString("door_id"), rs.getString("door_name"), rs.getInt("link_access") != 0))
          .list();
    });
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, List<Door>> doors = new LinkedHashMap<>();
    for (Row r : rows) {
      names.put(r.groupId, r.groupName);
      List<Door> list = doors.computeIfAbsent(r.groupId, k -> new ArrayList<>());
      if (r.doorId != null) {
        list.add(new Door(DoorId.of(r.doorId), r.doorName, r.linkAccess));
      }
    }
    List<Group> groups = new ArrayList<>();
    names.forEach((id, name) -> groups.add(new Group(organization, GroupId.of(id), name, doors.get(id))));
    return groups;
  }

  /**
   * Opens the organization's door to access links or closes it to them, in every group it belongs
   * to (a property of the door, kept in {@code al_door.link_access}).
   */
  @Override
  public Optional<Door> setLinkAccess(OrganizationId organization, DoorId door, boolean allowed) {
    return db.transaction("set door link access", h -> {
      int changed = h.createUpdate(
              "UPDATE al_door SET link_access = :access WHERE organization = :organization AND id = :id")
          .bind("access", allowed ? 1 : 0)
          .bind("organization", organization.value())
          .bind("id", door.value())
          .execute();
      if (changed == 0) {
        return Optional.<Door>empty();
      }
      return h.createQuery("SELECT name FROM al_door WHERE organization = :organization AND id = :id")
          .bind("organization", organization.value())
          .bind("id", door.value())
          .mapTo(String.class)
          .findOne()
          .map(name -> new Door(door, name, allowed));
    });
  }

  /**
   * Creates {@code group} with exactly its doors, in its order, or replaces the group of that id
   * (its name and its doors). Door names are created or updated; a door given closed to links is
   * closed, one given open keeps its link access (see {@link #setLinkAccess}).
   */
  public void save(Group group) {
    db.upsert("save group", h -> {
      String org = group.organization().value();
      upsertGroup(h, org, group.id().value(), group.name());
      h.createUpdate("DELETE FROM al_group_door WHERE organization = :organization AND group_id = :groupId")
          .bind("organization", org)
          .bind("groupId", group.id().value())
          .execute();
      int order = 0;
      for (Door door : group.doors()) {
        upsertDoor(h, org, door);
        insertMembership(h, org, group.id().value(), door.id().value(), order++);
      }
      return null;
    });
  }

  /**
   * Creates an empty group.
   *
   * @return false (and nothing changed) if the organization already has a group with that id
   */
  public boolean createGroup(OrganizationId organization, GroupId id, String name) {
    Group valid = new Group(organization, id, name, List.of());
    return db.upsert("create group", h -> {
      if (groupExists(h, organization.value(), id.value())) {
        return false;
      }
      upsertGroup(h, organization.value(), id.value(), valid.name());
      return true;
    });
  }

  /**
   * Renames a group.
   *
   * @return false if there is no such group
   */
  public boolean renameGroup(OrganizationId organization, GroupId id, String name) {
    Group valid = new Group(organization, id, name, List.of());
    return db.autoCommit("rename group", h -> h.createUpdate(
                "UPDATE al_group SET name = :name WHERE organization = :organization AND id = :id")
            .bind("name", valid.name())
            .bind("organization", organization.value())
            .bind("id", id.value())
            .execute()) == 1;
  }

  /**
   * Adds {@code door} at the end of the group's doors (or, if it is already one of them, only
   * updates its name).
   *
   * @return false if there is no such group
   */
  public boolean addDoor(OrganizationId organization, GroupId group, Door door) {
    return db.upsert("add door", h -> {
      String org = organization.value();
      if (!groupExists(h, org, group.value())) {
        return false;
      }
      upsertDoor(h, org, door);
      boolean member = h.createQuery(
              "SELECT COUNT(*) FROM al_group_door WHERE organization = :organization AND group_id = :groupId"
                  + " AND door_id = :doorId")
          .bind("organization", org)
          .bind("groupId", group.value())
          .bind("doorId", door.id().value())
          .mapTo(Integer.class)
          .one() > 0;
      if (!member) {
        int next = h.createQuery(
                "SELECT COALESCE(MAX(door_order), -1) + 1 FROM al_group_door"
                    + " WHERE organization = :organization AND group_id = :groupId")
            .bind("organization", org)
            .bind("groupId", group.value())
            .mapTo(Integer.class)
            .one();
        insertMembership(h, org, group.value(), door.id().value(), next);
      }
      return true;
    });
  }

  /**
   * Removes a door from a group (the door stays known to the organization).
   *
   * @return false if the door was not in the group
   */
  public boolean removeDoor(OrganizationId organization, GroupId group, DoorId door) {
    return db.autoCommit("remove door", h -> h.createUpdate(
                "DELETE FROM al_group_door WHERE organization = :organization AND group_id = :groupId"
                    + " AND door_id = :doorId")
            .bind("organization", organization.value())
            .bind("groupId", group.value())
            .bind("doorId", door.value())
            .execute()) == 1;
  }

  /**
   * Deletes a group. Links to it stay stored, but open no doors any more.
   *
   * @return false if there was no such group
   */
  public boolean deleteGroup(OrganizationId organization, GroupId group) {
    return db.transaction("delete group", h -> {
      h.createUpdate("DELETE FROM al_group_door WHERE organization = :organization AND group_id = :groupId")
          .bind("organization", organization.value())
          .bind("groupId", group.value())
          .execute();
      return h.createUpdate("DELETE FROM al_group WHERE organization = :organization AND id = :groupId")
          .bind("organization", organization.value())
          .bind("groupId", group.value())
          .execute() == 1;
    });
  }

  private static boolean groupExists(Handle h, String org, String id) {
    return h.createQuery("SELECT id FROM al_group WHERE organization = :organization AND id = :id FOR UPDATE")
        .bind("organization", org)
        .bind("id", id)
        .mapTo(String.class)
        .findOne()
        .isPresent();
  }

  private static void upsertGroup(Handle h, String org, String id, String name) {
    int changed = h.createUpdate("UPDATE al_group SET name = :name WHERE organization = :organization AND id = :id")
        .bind("name", name)
        .bind("organization", org)
        .bind("id", id)
        .execute();
    if (changed == 0) {
      h.createUpdate("INSERT INTO al_group (organization, id, name) VALUES (:organization, :id, :name)")
          .bind("name", name)
          .bind("organization", org)
          .bind("id", id)
          .execute();
    }
  }

  private static void upsertDoor(Handle h, String org, Door door) {
    int changed = h.createUpdate("UPDATE al_door SET name = :name" + (door.linkAccess() ? "" : ", link_access = 0")
            + " WHERE organization = :organization AND id = :id")
        .bind("name", door.name())
        .bind("organization", org)
        .bind("id", door.id().value())
        .execute();
    if (changed == 0) {
      h.createUpdate("INSERT INTO al_door (organization, id, name, link_access) VALUES (:organization, :id, :name, :access)")
          .bind("name", door.name())
          .bind("access", door.linkAccess() ? 1 : 0)
          .bind("organization", org)
          .bind("id", door.id().value())
          .execute();
    }
  }

  private static void insertMembership(Handle h, String org, String group, String door, int order) {
    h.createUpdate("INSERT INTO al_group_door (organization, group_id, door_id, door_order)"
            + " VALUES (:organization, :groupId, :doorId, :order)")
        .bind("organization", org)
        .bind("groupId", group)
        .bind("doorId", door)
        .bind("order", order)
        .execute();
  }
}
