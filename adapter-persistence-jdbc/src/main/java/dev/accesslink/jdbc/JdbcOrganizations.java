package dev.accesslink.jdbc;

import dev.accesslink.core.domain.LinkPolicy;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.port.out.Organizations;
import java.net.URI;
import java.time.ZoneId;
import java.util.Optional;

/** {@link Organizations} in {@code al_organization}. Thread-safe. */
final class JdbcOrganizations implements Organizations {
  private final Database db;

  JdbcOrganizations(Database db) {
    this.db = db;
  }

  @Override
  public Optional<OrganizationSettings> find(OrganizationId organization) {
    return db.read("find organization", h -> h.createQuery(
            "SELECT display_name, zone_id, email_limit, sms_limit, manual_limit, link_base_url, max_validity_days,"
                + " require_expiry, default_language FROM al_organization WHERE id = :id")
        .bind("id", organization.value())
        .map((rs, ctx) -> new OrganizationSettings(
            organization,
            rs.getString("display_name"),
            ZoneId.of(rs.getString("zone_id")),
            new QuotaLimits(rs.getLong("email_limit"), rs.getLong("sms_limit"), rs.getLong("manual_limit")),
            URI.create(rs.getString("link_base_url")),
            policy(rs),
            Language.of(rs.getString("default_language"))))
        .findOne());
  }

  @Override
  public void save(OrganizationSettings s) {
    db.upsert("save organization", h -> {
      int changed = h.createUpdate(
              "UPDATE al_organization SET display_name = :name, zone_id = :zone, email_limit = :email,"
                  + " sms_limit = :sms, manual_limit = :manual, link_base_url = :url, max_validity_days = :maxDays,"
                  + " require_expiry = :requireExpiry, default_language = :language WHERE id = :id")
          .bindMap(values(s))
          .bind("maxDays", s.linkPolicy().maxValidityDays())
          .execute();
      if (changed == 0) {
        h.createUpdate(
                "INSERT INTO al_organization (id, display_name, zone_id, email_limit, sms_limit, manual_limit,"
                    + " link_base_url, max_validity_days, require_expiry, default_language)"
                    + " VALUES (:id, :name, :zone, :email, :sms, :manual, :url, :maxDays, :requireExpiry, :language)")
            .bindMap(values(s))
            .bind("maxDays", s.linkPolicy().maxValidityDays())
            .execute();
      }
      return null;
    });
  }

  private static LinkPolicy policy(java.sql.ResultSet rs) throws java.sql.SQLException {
    int days = rs.getInt("max_validity_days");
    Integer maxDays = rs.wasNull() ? null : days;
    return new LinkPolicy(maxDays, rs.getInt("require_expiry") != 0);
  }

  private static java.util.Map<String, Object> values(OrganizationSettings s) {
    return java.util.Map.of(
        "id", s.id().value(),
        "name", s.displayName(),
        "zone", s.zone().getId(),
        "email", s.quotaLimits().email(),
        "sms", s.quotaLimits().sms(),
        "manual", s.quotaLimits().manual(),
        "url", s.linkBaseUrl().toString(),
        "requireExpiry", s.linkPolicy().requireExpiry() ? 1 : 0,
        "language", s.defaultLanguage().tag());
  }
}
