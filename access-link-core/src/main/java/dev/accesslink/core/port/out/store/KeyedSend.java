package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessLink;
import java.util.Objects;

/**
 * What a store holds under a kept idempotency key: the link the key's first insert stored, as it
 * is stored now, and that insert's request fingerprint ({@link IdempotencyRecord#fingerprint()}).
 *
 * @param link the link
 * @param fingerprint the fingerprint stored with the key
 */
public record KeyedSend(AccessLink link, String fingerprint) {
  public KeyedSend {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }
}
