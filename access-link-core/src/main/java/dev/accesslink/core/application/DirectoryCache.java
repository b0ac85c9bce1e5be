package dev.accesslink.core.application;

import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.Organizations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Short-lived read-through caches for the two lookups every send, resolve and unlock makes:
 * organization settings and a group with its doors. Only found values are cached (a new group or
 * organization shows at once); a change made elsewhere shows after at most the time-to-live; a
 * change saved through this instance ({@link Organizations#save}, {@link GroupDirectory#setLinkAccess})
 * shows at once. Thread-safe.
 */
final class DirectoryCache {
  /** Past this many entries the cache starts afresh, so it never grows without bound. */
  private static final int MAX_ENTRIES = 10_000;

  private record Entry<V>(V value, Instant expiresAt) {}

  private record GroupKey(OrganizationId organization, GroupId group) {}

  private final Duration ttl;
  private final Clock clock;
  private final Map<OrganizationId, Entry<OrganizationSettings>> organizations = new ConcurrentHashMap<>();
  private final Map<GroupKey, Entry<Group>> groups = new ConcurrentHashMap<>();

  DirectoryCache(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  Organizations wrap(Organizations delegate) {
    return new Organizations() {
      @Override
      public Optional<OrganizationSettings> find(OrganizationId organization) {
        return cached(organizations, organization, () -> delegate.find(organization));
      }

      @Override
      public void save(OrganizationSettings settings) {
        delegate.save(settings);
        organizations.remove(settings.id());
      }
    };
  }

  GroupDirectory wrap(GroupDirectory delegate) {
    return new GroupDirectory() {
      @Override
      public Optional<Group> findGroup(OrganizationId organization, GroupId group) {
        return cached(groups, new GroupKey(organization, group), () -> delegate.findGroup(organization, group));
      }

      @Override
      public List<Group> groups(OrganizationId organization) {
        return delegate.groups(organization);
      }

      @Override
      public Optional<Door> setLinkAccess(OrganizationId organization, DoorId door, boolean allowed) {
        Optional<Door> changed = delegate.setLinkAccess(organization, door, allowed);
        // shows at once through this instance: a closed door must not stay open for a second
        groups.keySet().removeIf(k -> k.organization().equals(organization));
        return changed;
      }
    };
  }

  private <K, V> Optional<V> cached(Map<K, Entry<V>> map, K key, Supplier<Optional<V>> load) {
    Instant now = clock.instant();
    Entry<V> e = map.get(key);
    if (e != null && now.isBefore(e.expiresAt())) {
      return Optional.of(e.value());
    }
    Optional<V> loaded = load.get();
    if (loaded.isPresent()) {
      if (map.size() >= MAX_ENTRIES) {
        map.clear();
      }
      map.put(key, new Entry<>(loaded.get(), now.plus(ttl)));
    } else {
      map.remove(key);
    }
    return loaded;
  }
}
