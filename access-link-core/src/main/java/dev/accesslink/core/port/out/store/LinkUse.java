package dev.accesslink.core.port.out.store;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.port.out.UseLog;
import java.time.Instant;
import java.util.Objects;

/**
 * One unlock's bookkeeping, for {@link UseLog#recordUses}: the link opened a door at
 * {@code at}, and {@code event} (its {@code DOOR_UNLOCKED} event) goes to the audit log.
 *
 * @param link the link that was used
 * @param at when the lock answered
 * @param event the unlock's audit event, of type {@link AccessEventType#DOOR_UNLOCKED}
 */
public record LinkUse(AccessLinkId link, Instant at, AccessEvent event) {
  public LinkUse {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(event, "event");
  }
}
