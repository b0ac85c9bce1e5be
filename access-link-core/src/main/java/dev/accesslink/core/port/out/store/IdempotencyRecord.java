package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.IdempotencyKey;
import dev.accesslink.core.port.out.LinkRecords;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The idempotency key a new link is stored under (see {@link LinkRecords#insert}): unique per
 * organization while it is kept, with the fingerprint of the request that stored it.
 *
 * @param key the caller's key
 * @param fingerprint the SHA-256 of the request, 64 lower-case hex digits: not the request itself,
 *     so that a store keeps no recipient data beside the link's own columns
 * @param keptUntil the key is held until this instant (exclusive); from then on it is free again and
 *     may be purged
 */
public record IdempotencyRecord(IdempotencyKey key, String fingerprint, Instant keptUntil) {
  private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

  public IdempotencyRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(keptUntil, "keptUntil");
    if (!HEX_64.matcher(fingerprint).matches()) {
      throw new IllegalArgumentException("the fingerprint is 64 lower-case hex digits");
    }
  }

  /** True while the key is held at {@code now}. */
  public boolean isKeptAt(Instant now) {
    return now.isBefore(keptUntil);
  }
}
