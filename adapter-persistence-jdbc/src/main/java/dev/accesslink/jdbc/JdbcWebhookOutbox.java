package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.instant;
import static dev.accesslink.jdbc.Database.micros;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.WebhookDelivery;
import dev.accesslink.core.domain.WebhookEndpointId;
import dev.accesslink.core.port.out.WebhookOutbox;
import dev.accesslink.core.port.out.store.WebhookClaim;
import dev.accesslink.core.port.out.store.WebhookCompletion;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The webhook deliveries in {@code al_webhook_delivery}, fed by the audit log {@code al_event}:
 * every event row is inserted with {@code announce = 1} (the column's default, so in the same
 * transaction as the event and the change it records); {@link JdbcWebhookAnnouncer} flips it to 0
 * and queues the event's deliveries in that same transaction, exactly once. Claims are
 * conditional updates of one row, as {@link JdbcDeliveryOutbox#claimOneByOne} does. Thread-safe.
 */
final class JdbcWebhookOutbox implements WebhookOutbox {
  private static final String EXPIRY_CURSOR = "link_expiry";
  private static final String EVENT_COLUMNS =
      "ev.id AS ev_id, ev.organization AS ev_org, ev.occurred_at, ev.event_type, ev.actor_kind, ev.actor_name,"
          + " ev.link_id, ev.door_id, ev.detail";

  private final Database db;
  private final JdbcWebhookAnnouncer announcer;

  JdbcWebhookOutbox(Database db) {
    this.db = db;
    this.announcer = new JdbcWebhookAnnouncer(db);
  }

  /** Marks up to {@code max} events and queues their deliveries: see {@link JdbcWebhookAnnouncer}. */
  @Override
  public int announce(int max) {
    return announcer.announce(max);
  }

  private record Ended(String id, String organization, long until, Long revokedAt) {}

  @Override
  public int recordExpiries(Instant upTo, int max) {
    long upToMicros = micros(upTo);
    return db.transaction("record link expiries", h -> {
      Optional<Object[]> cursor = h.createQuery(
              "SELECT position_at, position_id FROM al_webhook_cursor WHERE name = :name FOR UPDATE")
          .bind("name", EXPIRY_CURSOR)
          .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)})
          .findOne();
      if (cursor.isEmpty()) { // the first sweep sets the starting point
        db.dialect().insertUnlessPresent(h, "al_webhook_cursor (name, position_at, position_id) VALUES (:name, :at, '')",
            u -> u.bind("name", EXPIRY_CURSOR).bind("at", upToMicros));
        return 0;
      }
      long fromAt = (Long) cursor.get()[0];
      String fromId = (String) cursor.get()[1];
      if (upToMicros <= fromAt) {
        return 0;
      }
      List<Ended> ended = h.createQuery(
              "SELECT id, organization, valid_until, revoked_at FROM al_link WHERE valid_until <= :upTo"
                  + " AND (valid_until > :fromAt OR (valid_until = :fromAt AND id > :fromId))"
                  + " ORDER BY valid_until, id LIMIT :max")
          .bind("upTo", upToMicros)
          .bind("fromAt", fromAt)
          .bind("fromId", fromId)
          .bind("max", max)
          .map((rs, ctx) -> {
            long revoked = rs.getLong(4);
            Long revokedAt = rs.wasNull() ? null : revoked;
            return new Ended(rs.getString(1), rs.getString(2), rs.getLong(3), revokedAt);
          })
          .list();
      PreparedBatch append = h.prepareBatch(JdbcAccessEvents.INSERT);
      for (Ended e : ended) {
        if (e.revokedAt == null || e.revokedAt >= e.until) {
          JdbcAccessEvents.bindEvent(append, new AccessEvent(UUID.randomUUID(), OrganizationId.of(e.organization),
              instant(e.until), AccessEventType.LINK_EXPIRED, Actor.system(), AccessLinkId.parse(e.id), null, null)).add();
        }
      }
      int appended = append.size();
      if (appended > 0) {
        append.execute();
      }
      boolean complete = ended.size() < max;
      Ended last = ended.isEmpty() ? null : ended.get(ended.size() - 1);
      h.createUpdate("UPDATE al_webhook_cursor SET position_at = :at, position_id = :id WHERE name = :name")
          .bind("at", complete || last == null ? upToMicros : last.until)
          .bind("id", complete || last == null ? "" : last.id)
          .bind("name", EXPIRY_CURSOR)
          .execute();
      return appended;
    });
  }

  @Override
  public List<WebhookClaim> claimDue(Instant now, Duration lease, int max) {
    if (max < 1) {
      return List.of();
    }
    long nowMicros = micros(now);
    List<Long> candidates = db.read("find due webhook deliveries", h -> h.createQuery(
            "SELECT d.seq FROM al_webhook_delivery d JOIN al_webhook_endpoint e ON e.id = d.endpoint_id"
                + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now"
                + " AND (d.lease_until IS NULL OR d.lease_until <= :now) AND e.disabled_at IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM al_webhook_delivery p WHERE p.endpoint_id = d.endpoint_id"
                + " AND p.order_key = d.order_key AND p.status = 'PENDING' AND p.event_seq < d.event_seq)"
                + " ORDER BY d.next_attempt_at, d.seq LIMIT :max")
        .bind("now", nowMicros)
        .bind("max", max)
        .mapTo(Long.class)
        .list());
    Instant leaseUntil = now.plus(lease);
    List<WebhookClaim> claims = new ArrayList<>();
    for (long seq : candidates) {
      UUID token = UUID.randomUUID();
      int changed = db.autoCommit("claim webhook delivery", h -> h.createUpdate(
              "UPDATE al_webhook_delivery SET attempts = attempts + 1, claim_token = :token, lease_until = :leaseUntil"
                  + " WHERE seq = :seq AND status = 'PENDING' AND (lease_until IS NULL OR lease_until <= :now)")
          .bind("token", token.toString())
          .bind("leaseUntil", micros(leaseUntil))
          .bind("seq", seq)
          .bind("now", nowMicros)
          .execute());
      if (changed != 1) {
        continue; // another dispatcher took it
      }
      db.read("read webhook claim", h -> h.createQuery(
              "SELECT d.attempts, d.queued_at, d.endpoint_id, e.url, e.secret, e.previous_secret, e.previous_until, "
                  + EVENT_COLUMNS + " FROM al_webhook_delivery d"
                  + " JOIN al_webhook_endpoint e ON e.id = d.endpoint_id JOIN al_event ev ON ev.id = d.event_id"
                  + " WHERE d.seq = :seq AND d.claim_token = :token")
          .bind("seq", seq)
          .bind("token", token.toString())
          .map((rs, ctx) -> {
            List<String> secrets = new ArrayList<>();
            secrets.add(rs.getString("secret"));
            long until = rs.getLong("previous_until");
            boolean noUntil = rs.wasNull();
            String previous = rs.getString("previous_secret");
            if (previous != null && !noUntil && until > nowMicros) {
              secrets.add(previous);
            }
            return new WebhookClaim(token, leaseUntil, WebhookEndpointId.parse(rs.getString("endpoint_id")),
                URI.create(rs.getString("url")), secrets, event(rs), rs.getInt("attempts"),
                instant(rs.getLong("queued_at")));
          })
          .findOne())
          .ifPresent(claims::add);
    }
    return claims;
  }

  @Override
  public boolean complete(WebhookClaim claim, WebhookCompletion completion) {
    String token = claim.token().toString();
    if (completion instanceof WebhookCompletion.GaveUp gaveUp) {
      return db.transaction("give up webhook delivery", h -> {
        int n = h.createUpdate("UPDATE al_webhook_delivery SET status = 'FAILED', last_attempt_at = :at,"
                + " last_status = :status, last_error = :error, next_attempt_at = NULL, claim_token = NULL,"
                + " lease_until = NULL WHERE claim_token = :token")
            .bind("at", micros(gaveUp.at()))
            .bind("status", gaveUp.statusCode())
            .bind("error", gaveUp.reason())
            .bind("token", token)
            .execute();
        if (n != 1) {
          return false;
        }
        int disabled = h.createUpdate(
                "UPDATE al_webhook_endpoint SET disabled_at = :at WHERE id = :id AND disabled_at IS NULL")
            .bind("at", micros(gaveUp.at()))
            .bind("id", claim.endpoint().toString())
            .execute();
        if (disabled == 1) {
          JdbcAccessEvents.bindEvent(h.createUpdate(JdbcAccessEvents.INSERT), gaveUp.disabledEvent()).execute();
        }
        return true;
      });
    }
    boolean delivered = completion instanceof WebhookCompletion.Delivered;
    String error = completion instanceof WebhookCompletion.RetryLater r ? r.reason() : null;
    Long next = completion instanceof WebhookCompletion.RetryLater r ? micros(r.nextAttemptAt()) : null;
    return db.autoCommit("complete webhook delivery", h -> h.createUpdate(
            "UPDATE al_webhook_delivery SET status = :newStatus, last_attempt_at = :at, last_status = :status,"
                + " last_error = :error, next_attempt_at = :next, claim_token = NULL, lease_until = NULL"
                + " WHERE claim_token = :token")
        .bind("newStatus", delivered ? "DELIVERED" : "PENDING")
        .bind("at", micros(completion.at()))
        .bind("status", completion.statusCode())
        .bind("error", error)
        .bind("next", next)
        .bind("token", token)
        .execute()) == 1;
  }

  @Override
  public List<WebhookDelivery> deliveries(OrganizationId organization, WebhookEndpointId endpoint, int limit) {
    if (limit < 1) {
      return List.of();
    }
    return db.read("read webhook deliveries", h -> h.createQuery(
            "SELECT d.event_id, ev.event_type, ev.link_id, d.status, d.attempts, d.queued_at, d.last_attempt_at,"
                + " d.last_status, d.last_error, d.next_attempt_at FROM al_webhook_delivery d"
                + " JOIN al_event ev ON ev.id = d.event_id"
                + " WHERE d.endpoint_id = :endpoint AND d.organization = :organization ORDER BY d.seq DESC LIMIT :limit")
        .bind("endpoint", endpoint.toString())
        .bind("organization", organization.value())
        .bind("limit", limit)
        .map((rs, ctx) -> {
          String link = rs.getString("link_id");
          WebhookDelivery.Status status = WebhookDelivery.Status.valueOf(rs.getString("status"));
          return new WebhookDelivery(UUID.fromString(rs.getString("event_id")),
              AccessEventType.valueOf(rs.getString("event_type")), link == null ? null : AccessLinkId.parse(link),
              status, rs.getInt("attempts"), instant(rs.getLong("queued_at")),
              instantOrNull(rs, "last_attempt_at"), intOrNull(rs, "last_status"), rs.getString("last_error"),
              status == WebhookDelivery.Status.PENDING ? instantOrNull(rs, "next_attempt_at") : null);
        })
        .list());
  }

  private static AccessEvent event(ResultSet rs) throws SQLException {
    String link = rs.getString("link_id");
    String door = rs.getString("door_id");
    return new AccessEvent(UUID.fromString(rs.getString("ev_id")), OrganizationId.of(rs.getString("ev_org")),
        instant(rs.getLong("occurred_at")), AccessEventType.valueOf(rs.getString("event_type")),
        new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_name")),
        link == null ? null : AccessLinkId.parse(link), door == null ? null : DoorId.of(door), rs.getString("detail"));
  }

  private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : instant(v);
  }

  private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }
}
