package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.instant;
import static dev.accesslink.jdbc.Database.instantOrNull;
import static dev.accesslink.jdbc.Database.micros;
import static dev.accesslink.jdbc.Database.microsOrNull;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryState;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.LinkRules;
import dev.accesslink.core.domain.LinkUsage;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.RevocationReason;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.domain.WeeklySchedule;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.NewAccessLink;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * The {@code al_link} row: its columns, the binding of a new link, the mapping back to an {@link
 * AccessLink}, and the row writes that the link records and the outbox share. Stateless.
 */
final class LinkRows {
  /** The columns {@link #link} reads. */
  static final String COLUMNS =
      "id, organization, channel, recipient_name, recipient_address, group_id, valid_from, valid_until,"
          + " issued_by, created_at, delivery_status, attempts, last_attempt_at, last_error,"
          + " revoked_at, revocation_reason, revoked_by, last_used_at, max_uses, active_minutes, schedule_slots,"
          + " uses_taken, first_used_at, external_ref, issuer_name, link_language";
  /** The columns a new link writes, in {@link #INSERT_VALUES} order. */
  static final String INSERT_COLUMNS =
      "id, organization, channel, recipient_name, recipient_address, group_id, valid_from, valid_until,"
          + " issued_by, created_at, secret_hash, quota_month, quota_held, delivery_status, attempts,"
          + " last_attempt_at, last_error, next_attempt_at, claim_token, lease_until, revoked_at,"
          + " revocation_reason, revoked_by, last_used_at, max_uses, active_minutes, schedule_slots, external_ref, issuer_name,"
          + " link_language";
  /** The values of a new link, as {@link #bindInsert} binds them; it holds its quota unit. */
  static final String INSERT_VALUES =
      ":id, :organization, :channel, :recipientName, :recipientAddress, :groupId, :validFrom,"
          + " :validUntil, :issuedBy, :createdAt, :secretHash, :quotaMonth, 1, :deliveryStatus,"
          + " :attempts, :lastAttemptAt, :lastError, :nextAttemptAt, :claimToken, :leaseUntil,"
          + " :revokedAt, :revocationReason, :revokedBy, :lastUsedAt, :maxUses, :activeMinutes, :scheduleSlots, :externalRef,"
          + " :issuerName, :linkLanguage";
  private static final String INSERT = "INSERT INTO al_link (" + INSERT_COLUMNS + ") VALUES (" + INSERT_VALUES + ")";

  private LinkRows() {}

  /** Inserts the link and appends its event (LINK_SENT), two statements of the caller's transaction. */
  static void insertLinkAndEvent(Handle h, NewAccessLink n) {
    bindInsert(h.createUpdate(INSERT), n).execute();
    JdbcAccessEvents.bindEvent(h.createUpdate(JdbcAccessEvents.INSERT), n.event()).execute();
  }

  /**
   * Binds a new link to the names of {@link #INSERT_VALUES}, its quota key and limit to those of
   * {@link QuotaStripes}, and its event to those of {@link JdbcAccessEvents#VALUES}: so one statement
   * may take the unit, insert the link and append the event.
   */
  static Update bindInsert(Update u, NewAccessLink n) {
    return insertParams(n).bindTo(u);
  }

  /** The values {@link #bindInsert} binds, for a statement run through Jdbi or plain JDBC ({@link NamedSql}). */
  static NamedSql.Params insertParams(NewAccessLink n) {
    AccessLink link = n.link();
    DeliveryClaim claim = n.claim();
    DeliveryState delivery = link.delivery();
    Revocation revocation = link.revocation();
    SecretHash hash = n.secretHash();
    WeeklySchedule schedule = link.rules().schedule();
    QuotaStripes.Counter counter = QuotaStripes.Counter.of(n.quota().key());
    NamedSql.Params p = new NamedSql.Params()
        .string("organization", counter.organization())
        .string("channel", counter.channel())
        .integer("quotaMonth", counter.quotaMonth())
        .bigint("limit", n.quota().limit());
    JdbcAccessEvents.eventParams(p, n.event());
    return p.string("id", link.id().toString())
        .string("recipientName", link.recipient().name())
        .string("recipientAddress", link.recipient().address())
        .string("groupId", link.group().value())
        .bigint("validFrom", microsOrNull(link.window().validFrom()))
        .bigint("validUntil", microsOrNull(link.window().validUntil()))
        .string("issuedBy", link.issuedBy().value())
        .bigint("createdAt", micros(link.createdAt()))
        .string("secretHash", hash == null ? null : hash.toHex())
        .string("deliveryStatus", delivery.status().name())
        // The initial claim is the first attempt, as claimDueDeliveries counts it.
        .integer("attempts", claim == null ? delivery.attempts() : Math.max(delivery.attempts(), claim.attempt()))
        .bigint("lastAttemptAt", microsOrNull(delivery.lastAttemptAt()))
        .string("lastError", delivery.lastError())
        .bigint("nextAttemptAt", delivery.status() == DeliveryStatus.PENDING ? micros(link.createdAt()) : null)
        .string("claimToken", claim == null ? null : claim.token().toString())
        .bigint("leaseUntil", claim == null ? null : micros(claim.leaseUntil()))
        .bigint("revokedAt", revocation == null ? null : micros(revocation.at()))
        .string("revocationReason", revocation == null ? null : revocation.reason().name())
        .string("revokedBy", revocation == null || revocation.revokedBy() == null ? null : revocation.revokedBy().value())
        .bigint("lastUsedAt", microsOrNull(link.lastUsedAt()))
        .integer("maxUses", link.rules().maxUses())
        .integer("activeMinutes", link.rules().activeMinutesAfterFirstUse())
        .string("scheduleSlots", schedule == null ? null : schedule.toText())
        .string("externalRef", link.externalRef())
        .string("issuerName", link.issuerName())
        .string("linkLanguage", link.language().tag());
  }

  /** A link row locked for update, with its quota unit: whether it holds one, and of which month. */
  record Locked(AccessLink link, boolean quotaHeld, int quotaMonth) {}

  /**
   * Locks the link {@code id} of {@code organization} until the transaction ends, and reads it with
   * its quota unit; empty when there is no such link (none with that id, or one of another
   * organization).
   *
   * <p>The row is found by its primary key alone and its organization compared here, not in the
   * {@code WHERE} clause: given {@code id = ? AND organization = ?}, PostgreSQL's planner may walk an
   * index that starts with the organization ({@code al_link_org_ref_ix}, {@code al_link_quota_ix})
   * through every link of the organization, as it did in figure 8 of {@code docs/performance.md}
   * (statistics taken while the table was small: 24 buffers and 0.35 ms per read instead of 3 and
   * a few microseconds). A call naming another organization's link holds that row's lock only until
   * its own transaction ends, having changed nothing.
   */
  static Optional<Locked> lockOwnedForUpdate(Handle h, OrganizationId organization, AccessLinkId id) {
    return lockForUpdate(h, "id = :id", Map.of("id", id.toString()))
        .filter(row -> row.link().organization().equals(organization));
  }

  /**
   * Locks the link row matching {@code condition} (on {@code id} and one more column) until the
   * transaction ends, and reads it with its quota unit; empty when no row matches.
   */
  static Optional<Locked> lockForUpdate(Handle h, String condition, Map<String, ?> binds) {
    return h.createQuery("SELECT " + COLUMNS + ", quota_held, quota_month FROM al_link WHERE " + condition + " FOR UPDATE")
        .bindMap(binds)
        .map((rs, ctx) -> new Locked(link(rs), rs.getInt("quota_held") == 1, rs.getInt("quota_month")))
        .findOne();
  }

  /** Marks a link revoked and, with {@code releaseUnit}, clears its quota unit (the caller lowers the counter). */
  static void setRevoked(Handle h, AccessLinkId id, Revocation revocation, boolean releaseUnit) {
    h.createUpdate(
            "UPDATE al_link SET revoked_at = :at, revocation_reason = :reason, revoked_by = :by"
                + (releaseUnit ? ", quota_held = 0" : "")
                + " WHERE id = :id")
        .bind("at", micros(revocation.at()))
        .bind("reason", revocation.reason().name())
        .bind("by", revocation.revokedBy() == null ? null : revocation.revokedBy().value())
        .bind("id", id.toString())
        .execute();
  }

  /** The link of the current row of {@code rs}, which has (at least) the {@link #COLUMNS}. */
  static AccessLink link(ResultSet rs) throws SQLException {
    DeliveryChannel channel = DeliveryChannel.valueOf(rs.getString("channel"));
    Recipient recipient = new Recipient(rs.getString("recipient_name"), channel, rs.getString("recipient_address"));
    ValidityWindow window = new ValidityWindow(
        instantOrNull(nullableLong(rs, "valid_from")), instantOrNull(nullableLong(rs, "valid_until")));
    DeliveryState delivery = new DeliveryState(
        DeliveryStatus.valueOf(rs.getString("delivery_status")),
        rs.getInt("attempts"),
        instantOrNull(nullableLong(rs, "last_attempt_at")),
        rs.getString("last_error"));
    Long revokedAt = nullableLong(rs, "revoked_at");
    Revocation revocation = null;
    if (revokedAt != null) {
      String by = rs.getString("revoked_by");
      revocation = new Revocation(instant(revokedAt), RevocationReason.valueOf(rs.getString("revocation_reason")),
          by == null ? null : AdminId.of(by));
    }
    return new AccessLink(
        AccessLinkId.parse(rs.getString("id")),
        OrganizationId.of(rs.getString("organization")),
        recipient,
        GroupId.of(rs.getString("group_id")),
        window,
        AdminId.of(rs.getString("issued_by")),
        instant(rs.getLong("created_at")),
        delivery,
        revocation,
        instantOrNull(nullableLong(rs, "last_used_at")),
        rules(rs),
        new LinkUsage(rs.getInt("uses_taken"), instantOrNull(nullableLong(rs, "first_used_at"))),
        rs.getString("external_ref"),
        rs.getString("issuer_name"),
        Language.of(rs.getString("link_language")));
  }

  private static LinkRules rules(ResultSet rs) throws SQLException {
    Integer maxUses = nullableInt(rs, "max_uses");
    Integer minutes = nullableInt(rs, "active_minutes");
    String slots = rs.getString("schedule_slots");
    if (maxUses == null && minutes == null && slots == null) {
      return LinkRules.none();
    }
    return new LinkRules(maxUses, minutes, slots == null ? null : WeeklySchedule.parse(slots));
  }

  private static @Nullable Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
