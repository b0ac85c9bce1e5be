package dev.accesslink.core.memory;

import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.GroupDirectory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link GroupDirectory} over a map, with {@link #put} to create or replace groups. Doors closed
 * to links are kept per organization and door, so they stay closed in every group. Thread-safe.
 */
public final class InMemoryGroupDirectory implements GroupDirectory {
  private record Key(OrganizationId organization, GroupId group) {}

  private record DoorKey(OrganizationId organization, DoorId door) {}

  private final Map<Key, Group> groups = new ConcurrentHashMap<>();
  private final Set<DoorKey> closed = ConcurrentHashMap.newKeySet();

  /** An empty directory. */
  public InMemoryGroupDirectory() {}

  /**
   * Creates or replaces {@code group}. A door given closed to links ({@link Door#linkAccess()}
   * false) closes it in every group; one given open keeps the door's setting. Returns this, for
   * chaining.
   */
  public InMemoryGroupDirectory put(Group group) {
    for (Door d : group.doors()) {
      if (!d.linkAccess()) {
        closed.add(new DoorKey(group.organization(), d.id()));
      }
    }
    groups.put(new Key(group.organization(), group.id()), group);
    return this;
  }

  /** Removes a group; links of that group stop opening doors. */
  public void remove(OrganizationId organization, GroupId group) {
    groups.remove(new Key(organization, group));
  }

  @Override
  public Optional<Group> findGroup(OrganizationId organization, GroupId group) {
    return Optional.ofNullable(groups.get(new Key(organization, group))).map(this::withAccess);
  }

  @Override
  public List<Group> groups(OrganizationId organization) {
    return groups.values().stream()
        .filter(g -> g.organization().equals(organization))
        .map(this::withAccess)
        .sorted(Comparator.comparing(Group::name).thenComparing(g -> g.id().value()))
        .toList();
  }

  @Override
  public Optional<Door> setLinkAccess(OrganizationId organization, DoorId door, boolean allowed) {
    Optional<Door> known = groups.values().stream()
        .filter(g -> g.organization().equals(organization))
        .flatMap(g -> g.door(door).stream())
        .findFirst();
    if (known.isEmpty()) {
      return Optional.empty();
    }
    DoorKey key = new DoorKey(organization, door);
    if (allowed) {
      closed.remove(key);
    } else {
      closed.add(key);
    }
    return Optional.of(known.get().withLinkAccess(allowed));
  }

  private Group withAccess(Group g) {
    if (closed.isEmpty()) {
      return g;
    }
    return new Group(g.organization(), g.id(), g.name(), g.doors().stream()
        .map(d -> d.withLinkAccess(!closed.contains(new DoorKey(g.organization(), d.id()))))
        .toList());
  }
}
