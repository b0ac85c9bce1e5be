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
import org.jdbi.v3.core.statement.SqlStatement;

/** {@link AccessEvents} in {@code al_event}, newest first by insertion order. Thread-safe. */
final class JdbcAccessEvents implements AccessEvents {
  private final Database db;

  JdbcAccessEvents(Database db) {
    this.db = db;
  }

  /** The columns of {@code al_event} that an append writes. */
  static final String COLUMNS =
      "id, organization, occurred_at, event_type, actor_kind, actor_name, link_id, door_id, detail";

  /**
   * The bound values of one event, in {@link #COLUMNS} order. The names start with {@code e} so
   * that the store can bind an event next to a link's values in one statement.
   */
  static final String VALUES = ":eId, :eOrganization, :eAt, :eType, :eKind, :eName, :eLink, :eDoor, :eDetail";

  /** The statement that appends one event. */
  static final String INSERT = "INSERT INTO al_event (" + COLUMNS + ") VALUES (" + VALUES + ")";

  /** Binds {@code e} to the names of {@link #VALUES}. */
  static <S extends SqlStatement<S>> S bindEvent(S statement, AccessEvent e) {
    return eventParams(new NamedSql.Params(), e).bindTo(statement);
  }

  /** Adds {@code e}'s values under the names of {@link #VALUES} to {@code p}. */
  /**
   * {@code e}'s values in {@link #COLUMNS} order, for the statements that take many events at once
   * (PostgreSQL's arrays, MariaDB's JSON): strings, nulls, and {@code occurred_at} (index 2) as
   * microseconds.
   */
  static Object[] columnValues(AccessEvent e) {
    return new Object[] {e.id().toString(), e.organization().value(), micros(e.at()), e.type().name(),
        e.actor().kind().name(), e.actor().name(), e.link() == null ? null : e.link().toString(),
        e.door() == null ? null : e.door().value(), e.detail()};
  }

  static NamedSql.Params eventParams(NamedSql.Params p, AccessEvent e) {
    return p.string("eId", e.id().toString())
        .string("eOrganization", e.organization().value())
        .bigint("eAt", micros(e.at()))
        .string("eType", e.type().name())
        .string("eKind", e.actor().kind().name())
        .string("eName", e.actor().name())
        .string("eLink", e.link() == null ? null : e.link().toString())
        .string("eDoor", e.door() == null ? null : e.door().value())
        .string("eDetail", e.detail());
  }

  @Override
  public void record(AccessEvent e) {
    db.autoCommit("record event", h -> bindEvent(h.createUpdate(INSERT), e).execute());
  }

  @Override
  public List<AccessEvent> recent(OrganizationId organization, int limit) {
    if (limit < 1) {
      return List.of();
    }
    return db.read("read events", h -> h.createQuery(
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
