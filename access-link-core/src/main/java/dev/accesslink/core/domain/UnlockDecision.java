package dev.accesslink.core.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a link holder may open a door now: the pure rule, without I/O.
 *
 * <p>Order of checks: known link, not revoked, inside its window, countdown after the first use
 * not ended ({@code EXPIRED}), a use left ({@code USE_LIMIT_REACHED}, as read: the store decides
 * when the use is taken), door in the link's group, door open to links ({@code DOOR_EXCLUDED}),
 * inside a slot of the link's weekly schedule ({@code OUTSIDE_SCHEDULE}). The first that fails is
 * the reason.
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
   * @param zone the organization's zone, in which a weekly schedule is read
   */
  static UnlockDecision decide(
      @Nullable AccessLink link, @Nullable Group group, DoorId door, Instant now, ZoneId zone) {
    java.util.Objects.requireNonNull(zone, "zone");
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
      case USED_UP:
        return new Refused(DenialReason.USE_LIMIT_REACHED);
      case ACTIVE:
        break;
    }
    Door found = group == null || !group.id().equals(link.group()) ? null : group.door(door).orElse(null);
    if (found == null) {
      return new Refused(DenialReason.DOOR_NOT_IN_GROUP);
    }
    if (!found.linkAccess()) {
      return new Refused(DenialReason.DOOR_EXCLUDED);
    }
    WeeklySchedule schedule = link.rules().schedule();
    if (schedule != null && !schedule.contains(now, zone)) {
      return new Refused(DenialReason.OUTSIDE_SCHEDULE);
    }
    return new Allowed(
        link, door, EnumSet.of(BypassedRestriction.GEOFENCE, BypassedRestriction.READER_PROXIMITY));
  }
}
