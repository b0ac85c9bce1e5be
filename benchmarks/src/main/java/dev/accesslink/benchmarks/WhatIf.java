package dev.accesslink.benchmarks;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.AccessLinkPersistence;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.core.port.out.SecretGenerator;
import dev.accesslink.core.port.out.UnlockJournal;
import dev.accesslink.core.port.out.UseCounter;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.store.LinkUse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Prototypes of the changes recommended in {@code docs/performance.md}, built only from the public
 * ports so that the suite can measure their effect before anyone changes core or the adapter:
 * organization and group reads served from memory, and the two bookkeeping writes of an unlock
 * (last use, audit event) and the audit write of a send committed without waiting for the WAL
 * flush ({@code synchronous_commit = off} on their own pool). Not the shipped library.
 */
final class WhatIf {
  private WhatIf() {}

  static AccessLinks library(Library base, DataSource asyncPool, DoorController doors) {
    return AccessLinks.builder()
        .persistence(new AsyncAuditPersistence(base.persistence, new AsyncEvents(base.persistence.events(), asyncPool)))
        .uses(new AsyncUseLog(asyncPool))
        .groups(new CachedGroups(base.persistence.groups()))
        .organizations(new CachedOrganizations(base.persistence.organizations()))
        .doors(doors)
        .unlockBookkeeping(dev.accesslink.core.application.UnlockBookkeeping.MAY_LOSE_OPENINGS_ON_CRASH)
        .secrets(SecretGenerator.secureRandom())
        .build();
  }

  private static final class CachedGroups implements GroupDirectory {
    private final GroupDirectory delegate;
    private final Map<String, Optional<Group>> cache = new ConcurrentHashMap<>();

    CachedGroups(GroupDirectory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<Group> findGroup(OrganizationId organization, GroupId group) {
      return cache.computeIfAbsent(organization.value() + "\u0000" + group.value(),
          k -> delegate.findGroup(organization, group));
    }

    @Override
    public List<Group> groups(OrganizationId organization) {
      return delegate.groups(organization);
    }

    @Override
    public Optional<Door> setLinkAccess(OrganizationId organization, DoorId door, boolean allowed) {
      cache.clear();
      return delegate.setLinkAccess(organization, door, allowed);
    }
  }

  private static final class CachedOrganizations implements Organizations {
    private final Organizations delegate;
    private final Map<OrganizationId, Optional<OrganizationSettings>> cache = new ConcurrentHashMap<>();

    CachedOrganizations(Organizations delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<OrganizationSettings> find(OrganizationId organization) {
      return cache.computeIfAbsent(organization, delegate::find);
    }

    @Override
    public void save(OrganizationSettings settings) {
      cache.remove(settings.id());
      delegate.save(settings);
    }
  }

  private static void update(DataSource pool, String sql, Object... values) {
    try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        p.setObject(i + 1, values[i]);
      }
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("what-if write failed", e);
    }
  }

  private static long micros(Instant i) {
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  private static final class AsyncEvents implements AccessEvents {
    private final AccessEvents delegate;
    private final DataSource pool;

    AsyncEvents(AccessEvents delegate, DataSource pool) {
      this.delegate = delegate;
      this.pool = pool;
    }

    @Override
    public void record(AccessEvent e) {
      update(pool, "INSERT INTO al_event (id, organization, occurred_at, event_type, actor_kind, actor_name, link_id,"
              + " door_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          e.id().toString(), e.organization().value(), micros(e.at()), e.type().name(), e.actor().kind().name(),
          e.actor().name(), e.link() == null ? null : e.link().toString(), e.door() == null ? null : e.door().value(),
          e.detail());
    }

    @Override
    public List<AccessEvent> recent(OrganizationId organization, int limit) {
      return delegate.recent(organization, limit);
    }
  }

  /**
   * The JDBC persistence with its audit log written on the asynchronous pool. (The audit log only
   * comes from a bundle, so the prototype wraps the bundle rather than the builder's wiring.)
   */
  private record AsyncAuditPersistence(AccessLinkPersistence base, AccessEvents events)
      implements AccessLinkPersistence {
    @Override
    public LinkRecords links() {
      return base.links();
    }

    @Override
    public DeliveryOutbox outbox() {
      return base.outbox();
    }

    @Override
    public UseLog uses() {
      return base.uses();
    }

    @Override
    public GroupDirectory groups() {
      return base.groups();
    }

    @Override
    public Organizations organizations() {
      return base.organizations();
    }

    @Override
    public UnlockJournal unlockJournal() {
      return base.unlockJournal();
    }

    @Override
    public UseCounter useCounter() {
      return base.useCounter();
    }

    @Override
    public dev.accesslink.core.port.out.WebhookEndpoints webhookEndpoints() {
      return base.webhookEndpoints();
    }

    @Override
    public dev.accesslink.core.port.out.WebhookOutbox webhookOutbox() {
      return base.webhookOutbox();
    }
  }

  private static final class AsyncUseLog implements UseLog {
    private final DataSource pool;

    AsyncUseLog(DataSource pool) {
      this.pool = pool;
    }

    @Override
    public void recordUses(List<LinkUse> uses) {
      for (LinkUse use : uses) {
        recordUse(use.link(), use.at(), use.event());
      }
    }

    private void recordUse(AccessLinkId id, Instant at, AccessEvent event) {
      update(pool, "UPDATE al_link SET last_used_at = ? WHERE id = ?", micros(at), id.toString());
      // the unlock's DOOR_UNLOCKED event now comes with recordUse (store port change): same async pool
      update(pool, "INSERT INTO al_event (id, organization, occurred_at, event_type, actor_kind, actor_name, link_id,"
              + " door_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          event.id().toString(), event.organization().value(), micros(event.at()), event.type().name(),
          event.actor().kind().name(), event.actor().name(), id.toString(),
          event.door() == null ? null : event.door().value(), event.detail());
    }
  }
}
