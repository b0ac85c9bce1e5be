package dev.accesslink.core.memory;

import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.GroupDirectory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link GroupDirectory} over a map, with {@link #put} to create or replace groups. Thread-safe. */
public final class InMemoryGroupDirectory implements GroupDirectory {
  private record Key(OrganizationId organization, GroupId group) {}

  private final Map<Key, Group> groups = new ConcurrentHashMap<>();

  /** An empty directory. */
  public InMemoryGroupDirectory() {}

  /** Creates or replaces {@code group}. Returns this, for chaining. */
  public InMemoryGroupDirectory put(Group group) {
    groups.put(new Key(group.organization(), group.id()), group);
    return this;
  }

  /** Removes a group; links of that group stop opening doors. */
  public void remove(OrganizationId organization, GroupId group) {
    groups.remove(new Key(organization, group));
  }

  @Override
  public Optional<Group> findGroup(OrganizationId organization, GroupId group) {
    return Optional.ofNullable(groups.get(new Key(organization, group)));
  }

  @Override
  public List<Group> groups(OrganizationId organization) {
    return groups.values().stream()
        .filter(g -> g.organization().equals(organization))
        .sorted(Comparator.comparing(Group::name).thenComparing(g -> g.id().value()))
        .toList();
  }
}
