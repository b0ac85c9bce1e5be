package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.core.port.out.store.LinkUse;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One door command's late answer: what the {@link dev.accesslink.core.port.out.DoorController}
 * hands over when the lock answers after the visitor was told the door did not answer. A late
 * {@link DoorResponse.Unlocked} means the door did open, so it is recorded as a {@code
 * DOOR_UNLOCKED} event (and the link's last use) at the moment the answer arrived, with the delay
 * after the visitor's answer in its detail ({@code late:<ms>ms}). Any other late answer changes
 * nothing at the door and is only logged.
 *
 * <p>Exactly one record per opening: the unlock's outcome event ({@code DOOR_UNREACHABLE}) has the
 * command's id, so the late event gets an id derived from it ({@link #eventId}); if that outcome
 * event could not be written (the store failed), the late event is the outcome and takes the
 * command's id, which keeps the reconciler from adding an {@code UNLOCK_OUTCOME_UNKNOWN} for the
 * same command. The answer may arrive before the service has finished recording the visitor's
 * outcome: it is then held and written once that is done. Thread-safe.
 */
final class LateAnswer implements Consumer<DoorResponse> {
  private static final System.Logger LOG = System.getLogger(AccessLinks.class.getName());

  private final UUID commandId;
  private final OrganizationId organization;
  private final DoorId door;
  private final AccessLinkId link;
  private final Actor holder;
  private final String bypassed;
  private final UseRecorder uses;
  private final Clock clock;
  // guarded by this
  private boolean taken;
  private @Nullable Instant visitorAnsweredAt;
  private boolean outcomeRecorded;
  private boolean unreachable;
  private @Nullable DoorResponse held;
  private @Nullable Instant heldAt;

  /**
   * @param bypassed the DOOR_UNLOCKED detail's {@code bypassed:[...]} part
   * @param uses where the late opening's bookkeeping goes (never blocks the controller's thread)
   */
  LateAnswer(UUID commandId, OrganizationId organization, DoorId door, AccessLinkId link, Actor holder,
      String bypassed, UseRecorder uses, Clock clock) {
    this.commandId = commandId;
    this.organization = organization;
    this.door = door;
    this.link = link;
    this.holder = holder;
    this.bypassed = bypassed;
    this.uses = uses;
    this.clock = clock;
  }

  /** The id of the late {@code DOOR_UNLOCKED} event of command {@code commandId} (when its outcome event exists). */
  static UUID eventId(UUID commandId) {
    return UUID.nameUUIDFromBytes(("LATE_DOOR_UNLOCKED:" + commandId).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The visitor has been answered at {@code at}; {@code unreachable} says whether the answer was that
   * the door did not answer (only then does a late answer count), {@code outcomeRecorded} whether the
   * unlock's outcome event is stored. Writes an answer that came meanwhile.
   */
  void visitorAnswered(Instant at, boolean unreachable, boolean outcomeRecorded) {
    DoorResponse response;
    Instant arrived;
    synchronized (this) {
      if (visitorAnsweredAt != null) {
        return;
      }
      this.visitorAnsweredAt = at;
      this.unreachable = unreachable;
      this.outcomeRecorded = outcomeRecorded;
      response = held;
      arrived = heldAt;
      held = null;
    }
    if (response != null && arrived != null) {
      write(response, arrived);
    }
  }

  /** The controller's late answer; the first one counts. Never throws. */
  @Override
  public void accept(DoorResponse response) {
    Instant arrived = clock.instant();
    synchronized (this) {
      if (taken) {
        return;
      }
      taken = true;
      if (visitorAnsweredAt == null) {
        held = response;
        heldAt = arrived;
        return;
      }
    }
    write(response, arrived);
  }

  private void write(DoorResponse response, Instant arrived) {
    Instant answered;
    boolean recorded;
    synchronized (this) {
      if (!unreachable || visitorAnsweredAt == null) {
        return; // the visitor had the lock's own answer: nothing arrived late
      }
      answered = visitorAnsweredAt;
      recorded = outcomeRecorded;
    }
    Duration delay = arrived.isAfter(answered) ? Duration.between(answered, arrived) : Duration.ZERO;
    if (!(response instanceof DoorResponse.Unlocked)) {
      LOG.log(Level.DEBUG, "Access Links: door {0} of {1} answered {2} ms after the visitor was told it did not"
          + " answer; it did not open ({3})", door, organization, Long.toString(delay.toMillis()), response);
      return;
    }
    try {
      AccessEvent event = new AccessEvent(recorded ? eventId(commandId) : commandId, organization, arrived,
          AccessEventType.DOOR_UNLOCKED, holder, link, door, bypassed + " late:" + delay.toMillis() + "ms");
      uses.record(new LinkUse(link, arrived, event));
      LOG.log(Level.WARNING, "Access Links: door {0} of {1} opened, but its answer came {2} ms after the visitor"
          + " was told it did not answer; recorded as a late DOOR_UNLOCKED", door, organization,
          Long.toString(delay.toMillis()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Access Links: door {0} of {1} opened late and its DOOR_UNLOCKED could not be"
          + " recorded: {2}", door, organization, e.toString());
    }
  }
}
