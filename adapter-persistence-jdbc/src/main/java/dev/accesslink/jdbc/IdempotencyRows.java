package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.micros;

import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.IdempotencyKey;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.store.IdempotencyRecord;
import dev.accesslink.core.port.out.store.KeyedSend;
import dev.accesslink.core.port.out.store.NewAccessLink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code al_idempotency_key} rows: a key claimed in the transaction that inserts its link,
 * looked up with its link, and purged once no longer kept. The key is stored as its SHA-256 (no
 * caller text at rest, and no collation that could make two keys equal). Stateless.
 */
final class IdempotencyRows {
  private static final String HELD_WITH_LINK =
      "SELECT k.fingerprint, " + prefixed("l.", LinkRows.COLUMNS)
          + " FROM al_idempotency_key k JOIN al_link l ON l.id = k.link_id"
          + " WHERE k.organization = :organization AND k.key_hash = :keyHash";
  /** Claims after which the holder could not be read (it vanished each time): a failure, not a loop. */
  private static final int MAX_CLAIMS = 3;

  private IdempotencyRows() {}

  /**
   * Claims {@code n}'s key for its link in the caller's transaction, or reads the insert that holds
   * it. A row no longer kept at the link's creation is deleted first (the key is free). Against a
   * racing claim of the same key the database's primary key decides: the loser's insert waits for
   * the winner's transaction and then inserts nothing, and reads the winner's link.
   *
   * @return empty when the key is now claimed for {@code n}'s link (the caller inserts the link in
   *     the same transaction); otherwise the holder
   */
  static Optional<KeyedSend> claim(Handle h, Dialect dialect, NewAccessLink n) {
    IdempotencyRecord r = n.idempotency();
    if (r == null) {
      throw new IllegalArgumentException("no idempotency key");
    }
    String organization = n.link().organization().value();
    String keyHash = hash(r.key());
    long now = micros(n.link().createdAt());
    for (int attempt = 0; attempt < MAX_CLAIMS; attempt++) {
      h.createUpdate("DELETE FROM al_idempotency_key"
              + " WHERE organization = :organization AND key_hash = :keyHash AND kept_until <= :now")
          .bind("organization", organization).bind("keyHash", keyHash).bind("now", now)
          .execute();
      int inserted = dialect.insertUnlessPresent(h,
          "al_idempotency_key (organization, key_hash, fingerprint, link_id, kept_until)"
              + " VALUES (:organization, :keyHash, :fingerprint, :linkId, :keptUntil)",
          u -> u.bind("organization", organization).bind("keyHash", keyHash)
              .bind("fingerprint", r.fingerprint()).bind("linkId", n.link().id().toString())
              .bind("keptUntil", micros(r.keptUntil())));
      if (inserted == 1) {
        return Optional.empty();
      }
      Optional<KeyedSend> holder = h.createQuery(HELD_WITH_LINK)
          .bind("organization", organization).bind("keyHash", keyHash)
          .map((rs, ctx) -> new KeyedSend(LinkRows.link(rs), rs.getString("fingerprint")))
          .findOne();
      if (holder.isPresent()) {
        return holder;
      }
      // the holder was purged between the insert and the read: claim again
    }
    throw new AccessLinkInfrastructureException("database: idempotency key held, but its link could not be read");
  }

  /** The insert holding {@code key} of {@code organization} at {@code now}, if any. */
  static Optional<KeyedSend> find(Handle h, OrganizationId organization, IdempotencyKey key, Instant now) {
    return h.createQuery(HELD_WITH_LINK + " AND k.kept_until > :now")
        .bind("organization", organization.value()).bind("keyHash", hash(key)).bind("now", micros(now))
        .map((rs, ctx) -> new KeyedSend(LinkRows.link(rs), rs.getString("fingerprint")))
        .findOne();
  }

  /** Deletes every key no longer kept at {@code now}. */
  static int purge(Handle h, Instant now) {
    return h.createUpdate("DELETE FROM al_idempotency_key WHERE kept_until <= :now").bind("now", micros(now)).execute();
  }

  /** The SHA-256 of the key's characters (UTF-8; ASCII by its rules), lower-case hex. */
  static String hash(IdempotencyKey key) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(key.value().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static String prefixed(String prefix, String columns) {
    StringBuilder out = new StringBuilder();
    for (String c : columns.split(",")) {
      out.append(out.length() == 0 ? "" : ", ").append(prefix).append(c.strip());
    }
    return out.toString();
  }
}
