package dev.accesslink.core.memory;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.IdempotencyKey;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.QuotaKind;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.store.QuotaKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The state the in-memory stored ports share: links by id, secret hashes, monthly counters and
 * the audit log they append to. Every read and write of it holds {@link #lock}, which makes quota
 * reservations trivially exact and every port call atomic.
 */
final class LinkTable {

  /** One link and what is stored beside it. */
  static final class Row {
    AccessLink link;
    @Nullable SecretHash hash;
    /** The quota unit the link holds: of its creation, or (SMS) of its latest resend. */
    QuotaKey quotaKey;
    boolean quotaGivenBack;
    @Nullable Instant nextAttemptAt;
    @Nullable UUID claimToken;
    @Nullable Instant leaseUntil;
    /** The delivery attempts of the link, oldest first. */
    final java.util.List<Attempt> attempts = new java.util.ArrayList<>();

    Row(AccessLink link, @Nullable SecretHash hash, QuotaKey quotaKey) {
      this.link = link;
      this.hash = hash;
      this.quotaKey = quotaKey;
    }

    boolean isDue(Instant now) {
      return link.delivery().status() == DeliveryStatus.PENDING
          && nextAttemptAt != null && !nextAttemptAt.isAfter(now)
          && (leaseUntil == null || !leaseUntil.isAfter(now));
    }
  }

  /** An idempotency key held for a link. */
  record HeldKey(AccessLinkId link, String fingerprint, Instant keptUntil) {}

  /** Where one delivery attempt stands (the JDBC adapter's {@code al_delivery_attempt.state}). */
  enum AttemptState {
    /** Begun; no outcome recorded (yet). */
    STARTED,
    /** The provider accepted the message. */
    SENT,
    /** The provider refused it for sure; its secret is dead. */
    REFUSED,
    /** It may have reached the recipient; its secret stays accepted. */
    UNKNOWN,
    /** A resend replaced it; its secret is dead. */
    SUPERSEDED,
    /** A delivery report said it never arrived. */
    UNDELIVERED
  }

  /** One delivery attempt of a link. */
  static final class Attempt {
    final AccessLinkId link;
    final UUID claimToken;
    final int number;
    final SecretHash hash;
    AttemptState state = AttemptState.STARTED;
    @Nullable String providerMessageId;

    Attempt(AccessLinkId link, UUID claimToken, int number, SecretHash hash) {
      this.link = link;
      this.claimToken = claimToken;
      this.number = number;
      this.hash = hash;
    }
  }

  final Object lock = new Object();
  /** Every attempt by its secret's hash. */
  final Map<SecretHash, Attempt> attemptsByHash = new HashMap<>();
  final TreeMap<AccessLinkId, Row> rows = new TreeMap<>();
  final Map<SecretHash, AccessLinkId> byHash = new HashMap<>();
  final Map<QuotaKey, Long> monthlyCounts = new HashMap<>();
  /** Idempotency keys by organization and key. */
  final Map<Map.Entry<OrganizationId, IdempotencyKey>, HeldKey> keys = new HashMap<>();
  final AccessEvents events;

  LinkTable(AccessEvents events) {
    this.events = events;
  }

  /** Whether {@code hash} is taken by a link's current secret or by any attempt; the caller holds {@link #lock}. */
  boolean hashTakenLocked(SecretHash hash) {
    return byHash.containsKey(hash) || attemptsByHash.containsKey(hash);
  }

  /** Units of {@code key} in use at {@code now}; the caller holds {@link #lock}. */
  long usedLocked(QuotaKey key, Instant now) {
    if (key.kind() == QuotaKind.CREATED_PER_MONTH) {
      return monthlyCounts.getOrDefault(key, 0L);
    }
    long n = 0;
    for (Row r : rows.values()) {
      if (r.link.organization().equals(key.organization())
          && r.link.channel() == key.channel()
          && !r.quotaGivenBack
          && r.link.isLiveAt(now)) {
        n++;
      }
    }
    return n;
  }

  /** Gives the row's quota unit back, once; the caller holds {@link #lock}. */
  void giveQuotaBackLocked(Row r) {
    if (!r.quotaGivenBack) {
      r.quotaGivenBack = true;
      if (r.quotaKey.kind() == QuotaKind.CREATED_PER_MONTH) {
        monthlyCounts.merge(r.quotaKey, -1L, Long::sum);
      }
    }
  }
}
