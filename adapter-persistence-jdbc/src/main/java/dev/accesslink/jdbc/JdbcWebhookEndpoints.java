package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.instant;
import static dev.accesslink.jdbc.Database.micros;

import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.WebhookEndpoint;
import dev.accesslink.core.domain.WebhookEndpointId;
import dev.accesslink.core.domain.WebhookEventType;
import dev.accesslink.core.port.out.WebhookEndpoints;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link WebhookEndpoints} in {@code al_webhook_endpoint}, with one {@code al_webhook_subscription}
 * row per audit event type an endpoint announces. Thread-safe.
 */
final class JdbcWebhookEndpoints implements WebhookEndpoints {
  private static final String COLUMNS = "id, organization, url, events, created_at, created_by, disabled_at";

  private final Database db;

  JdbcWebhookEndpoints(Database db) {
    this.db = db;
  }

  @Override
  public void create(WebhookEndpoint e, String sealedSecret) {
    List<String> names = new ArrayList<>();
    e.events().forEach(t -> names.add(t.wireName()));
    db.transaction("create webhook endpoint", h -> {
      h.createUpdate("INSERT INTO al_webhook_endpoint (id, organization, url, events, secret, created_at, created_by)"
              + " VALUES (:id, :organization, :url, :events, :secret, :createdAt, :createdBy)")
          .bind("id", e.id().toString())
          .bind("organization", e.organization().value())
          .bind("url", e.url().toString())
          .bind("events", String.join(",", names))
          .bind("secret", sealedSecret)
          .bind("createdAt", micros(e.createdAt()))
          .bind("createdBy", e.createdBy().value())
          .execute();
      PreparedBatch subs = h.prepareBatch("INSERT INTO al_webhook_subscription (organization, event_type, endpoint_id)"
          + " VALUES (:organization, :type, :id)");
      for (WebhookEventType t : e.events()) {
        subs.bind("organization", e.organization().value()).bind("type", t.auditType().name())
            .bind("id", e.id().toString()).add();
      }
      subs.execute();
      return null;
    });
  }

  @Override
  public List<WebhookEndpoint> list(OrganizationId organization) {
    return db.read("list webhook endpoints", h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM al_webhook_endpoint WHERE organization = :organization"
                + " ORDER BY created_at, id")
        .bind("organization", organization.value())
        .map((rs, ctx) -> endpoint(rs))
        .list());
  }

  @Override
  public Optional<WebhookEndpoint> find(OrganizationId organization, WebhookEndpointId id) {
    return db.read("find webhook endpoint", h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM al_webhook_endpoint WHERE organization = :organization AND id = :id")
        .bind("organization", organization.value())
        .bind("id", id.toString())
        .map((rs, ctx) -> endpoint(rs))
        .findOne());
  }

  @Override
  public boolean delete(OrganizationId organization, WebhookEndpointId id) {
    return db.transaction("delete webhook endpoint", h -> {
      int n = h.createUpdate("DELETE FROM al_webhook_endpoint WHERE organization = :organization AND id = :id")
          .bind("organization", organization.value())
          .bind("id", id.toString())
          .execute();
      if (n == 0) {
        return false;
      }
      h.createUpdate("DELETE FROM al_webhook_subscription WHERE endpoint_id = :id").bind("id", id.toString()).execute();
      h.createUpdate("DELETE FROM al_webhook_delivery WHERE endpoint_id = :id").bind("id", id.toString()).execute();
      return true;
    });
  }

  @Override
  public boolean rotateSecret(
      OrganizationId organization, WebhookEndpointId id, String newSealedSecret, Instant previousValidUntil) {
    // the assignments read the old secret on every database (MariaDB assigns left to right)
    return db.autoCommit("rotate webhook secret", h -> h.createUpdate(
            "UPDATE al_webhook_endpoint SET previous_secret = secret, previous_until = :until, secret = :secret"
                + " WHERE organization = :organization AND id = :id")
        .bind("until", micros(previousValidUntil))
        .bind("secret", newSealedSecret)
        .bind("organization", organization.value())
        .bind("id", id.toString())
        .execute()) == 1;
  }

  @Override
  public boolean enable(OrganizationId organization, WebhookEndpointId id) {
    return db.autoCommit("enable webhook endpoint", h -> h.createUpdate(
            "UPDATE al_webhook_endpoint SET disabled_at = NULL WHERE organization = :organization AND id = :id")
        .bind("organization", organization.value())
        .bind("id", id.toString())
        .execute()) == 1;
  }

  private static WebhookEndpoint endpoint(ResultSet rs) throws SQLException {
    Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
    for (String name : rs.getString("events").split(",")) {
      events.add(WebhookEventType.parse(name));
    }
    long disabled = rs.getLong("disabled_at");
    boolean enabled = rs.wasNull();
    return new WebhookEndpoint(WebhookEndpointId.parse(rs.getString("id")), OrganizationId.of(rs.getString("organization")),
        URI.create(rs.getString("url")), events, instant(rs.getLong("created_at")), AdminId.of(rs.getString("created_by")),
        enabled ? null : instant(disabled));
  }
}
