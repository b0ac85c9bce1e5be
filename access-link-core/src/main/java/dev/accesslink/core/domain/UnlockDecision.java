package dev.accesslink.core.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a link holder may open a door now: the pure rule, without I/O.
 *
 * <p>Order of checks: known link, not revoked, inside its window, door in the link's group. The
 * first that fails is the reason.
 */
public sealed interface UnlockDecision {

  /** The holder may open the door; geofence and reader restrictions were bypassed. */
  record Allowed(AccessLink link, DoorId door, Set<BypassedRestriction> bypassed) implements UnlockDecision {
    public Allowed {
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(door, "door");
      bypassed = Set.copyOf(bypassed);
    }
  }

  /** The holder may not. */
  record Refused(DenialReason reason) implements UnlockDecision {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Decides whether the holder of {@code link} may open {@code door} at {@code now}.
   *
   * @param link the link found for the presented secret, or {@code null} if none was found
   * @param group the link's group as it is now, or {@code null} if it no longer exists
   */
  static UnlockDecision decide(
      @Nullable AccessLink link, @Nullable Group group, DoorId door, Instant now) {
    if (link == null) {
      return new Refused(DenialReason.UNKNOWN_LINK);
    }
    switch (link.statusAt(now)) {
      case REVOKED:
        return new Refused(DenialReason.REVOKED);
      case NOT_YET_VALID:
        return new Refused(DenialReason.NOT_YET_VALID);
      case EXPIRED:
        return new Refused(DenialReason.EXPIRED);
      case ACTIVE:
        break;
    }
    if (group == null || !group.id().equals(link.group()) || !group.hasDoor(door)) {
      return new Refused(DenialReason.DOOR_NOT_IN_GROUP);
    }
    return new Allowed(
        link, door, EnumSet.of(BypassedRestriction.GEOFENCE, BypassedRestriction.READER_PROXIMITY));
  }
}
