package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.BypassedRestriction;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.domain.DoorId;
import java.time.Instant;
import java.util.Set;

/** What happened when a link holder pressed a door's button. */
public sealed interface UnlockOutcome {

  /**
   * The door confirmed it unlocked.
   *
   * @param bypassed restrictions that did not apply to the link holder (geofence, reader)
   */
  record Unlocked(AccessLinkId link, DoorId door, Instant at, Set<BypassedRestriction> bypassed)
      implements UnlockOutcome {
    public Unlocked {
      bypassed = Set.copyOf(bypassed);
    }
  }

  /** Refused: by the rules (window, revoked, wrong door, unknown link) or by the lock itself. */
  record Denied(DenialReason reason) implements UnlockOutcome {}

  /** The door did not answer in time or is offline. */
  record DoorUnreachable(DoorId door) implements UnlockOutcome {}

  /**
   * Nothing was sent: too many unlocks are already waiting for this door's (or all doors')
   * answers, as bounded by the {@link dev.accesslink.core.application.DoorPolicy} bulkhead. The
   * visitor may try again in a moment.
   */
  record DoorBusy(DoorId door) implements UnlockOutcome {}
}
