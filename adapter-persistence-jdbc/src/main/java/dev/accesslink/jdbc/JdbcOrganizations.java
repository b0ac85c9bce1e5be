package dev.accesslink.jdbc;

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
    return db.autoCommit("find organization", h -> h.createQuery(
            "SELECT display_name, zone_id, email_limit, sms_limit, manual_limit, link_base_url,"
                + " default_language FROM al_organization WHERE id = :id")
        .bind("id", organization.value())
        .map((rs, ctx) -> new OrganizationSettings(
            organization,
            rs.getString("display_name"),
            ZoneId.of(rs.getString("zone_id")),
            new QuotaLimits(rs.getLong("email_limit"), rs.getLong("sms_limit"), rs.getLong("manual_limit")),
            URI.create(rs.getString("link_base_url")),
            Language.of(rs.getString("default_language"))))
        .findOne());
  }

  @Override
  public void save(OrganizationSettings s) {
    db.upsert("save organization", h -> {
      int changed = h.createUpdate(
              "UPDATE al_organization SET display_name = :name, zone_id = :zone, email_limit = :email,"
                  + " sms_limit = :sms, manual_limit = :manual, link_base_url = :url,"
                  + " default_language = :language WHERE id = :id")
          .bindMap(values(s))
          .execute();
      if (changed == 0) {
        h.createUpdate(
                "INSERT INTO al_organization (id, display_name, zone_id, email_limit, sms_limit, manual_limit,"
                    + " link_base_url, default_language) VALUES (:id, :name, :zone, :email, :sms, :manual, :url,"
                    + " :language)")
            .bindMap(values(s))
            .execute();
      }
      return null;
    });
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
        "language", s.defaultLanguage().tag());
  }
}
