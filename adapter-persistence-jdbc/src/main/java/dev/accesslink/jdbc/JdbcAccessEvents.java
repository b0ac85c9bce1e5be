package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.instant;
import static dev.accesslink.jdbc.Database.micros;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.AccessEvents;
import java.util.List;
import java.util.UUID;

/** {@link AccessEvents} in {@code al_event}, newest first by insertion order. Thread-safe. */
final class JdbcAccessEvents implements AccessEvents {
  private final Database db;

  JdbcAccessEvents(Database db) {
    this.db = db;
  }

  @Override
  public void record(AccessEvent e) {
    db.autoCommit("record event", h -> h.createUpdate(
            "INSERT INTO al_event (id, organization, occurred_at, event_type, actor_kind, actor_name, link_id,"
                + " door_id, detail) VALUES (:id, :organization, :at, :type, :kind, :name, :link, :door, :detail)")
        .bind("id", e.id().toString())
        .bind("organization", e.organization().value())
        .bind("at", micros(e.at()))
        .bind("type", e.type().name())
        .bind("kind", e.actor().kind().name())
        .bind("name", e.actor().name())
        .bind("link", e.link() == null ? null : e.link().toString())
        .bind("door", e.door() == null ? null : e.door().value())
        .bind("detail", e.detail())
        .execute());
  }

  @Override
  public List<AccessEvent> recent(OrganizationId organization, int limit) {
    if (limit < 1) {
      return List.of();
    }
    return db.autoCommit("read events", h -> h.createQuery(
            "SELECT id, occurred_at, event_type, actor_kind, actor_name, link_id, door_id, detail FROM al_event"
                + " WHERE organization = :organization ORDER BY seq DESC LIMIT :limit")
        .bind("organization", organization.value())
        .bind("limit", limit)
        .map((rs, ctx) -> {
          String link = rs.getString("link_id");
          String door = rs.getString("door_id");
          return new AccessEvent(
              UUID.fromString(rs.getString("id")),
              organization,
              instant(rs.getLong("occurred_at")),
              AccessEventType.valueOf(rs.getString("event_type")),
              new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_name")),
              link == null ? null : AccessLinkId.parse(link),
              door == null ? null : DoorId.of(door),
              rs.getString("detail"));
        })
        .list());
  }
}
