package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.BypassedRestriction;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.UnlockDecision;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockDoorUseCase;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.UseCounter;
import dev.accesslink.core.port.out.store.LinkUse;
import dev.accesslink.core.port.out.store.UseTake;
import dev.accesslink.core.port.out.store.UnlockIntent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Unlock: secret → hash → lookup → decision → door command → outcome → audit event credited to
 * the recipient. In the guaranteed modes the command's intent is written to the journal first
 * (group-committed by the {@link JournalWriter}) and settled once the outcome event is stored. An
 * opened door's bookkeeping (last use + event) goes through the {@link UseRecorder}, which writes
 * it before or after the answer as {@link UnlockBookkeeping} says.
 *
 * <p>A link with a use limit or a countdown after its first use ({@link
 * dev.accesslink.core.domain.LinkRules#takesUseFirst()}) takes a use in the store before the intent
 * and the command (refused as {@code USE_LIMIT_REACHED} when none is left), and gives it back when
 * the lock refuses, does not answer, or the unlock fails before the command is answered. Other
 * links keep the path above unchanged. A link with a weekly schedule reads the organization's zone
 * (cached with the directory).
 * Thread-safe.
 */
final class UnlockDoorService implements UnlockDoorUseCase {
  private static final System.Logger LOG = System.getLogger(AccessLinks.class.getName());

  private final LinkRecords links;
  private final UseCounter counter;
  private final OrganizationLookup organizations;
  private final UseRecorder uses;
  private final GroupDirectory groups;
  private final DoorController doors;
  private final Audit audit;
  private final DoorPolicy policy;
  private final @Nullable DoorBulkhead bulkhead;
  private final Clock clock;
  private final @Nullable JournalWriter journal;
  private final UseRecorder lateUses;

  /**
   * @param journal where intents go before the command; null for {@link
   *     UnlockBookkeeping#MAY_LOSE_OPENINGS_ON_CRASH}
   * @param lateUses where late openings' bookkeeping goes: never blocking, as it is written on the
   *     door controller's thread
   */
  UnlockDoorService(
      LinkRecords links, UseCounter counter, OrganizationLookup organizations, UseRecorder uses,
      GroupDirectory groups, DoorController doors, Audit audit,
      DoorPolicy policy, Clock clock, @Nullable JournalWriter journal, UseRecorder lateUses) {
    this.journal = journal;
    this.links = links;
    this.counter = counter;
    this.organizations = organizations;
    this.uses = uses;
    this.lateUses = lateUses;
    this.groups = groups;
    this.doors = doors;
    this.audit = audit;
    this.policy = policy;
    this.bulkhead = policy.bounded() ? new DoorBulkhead(policy) : null;
    this.clock = clock;
  }

  @Override
  public UnlockOutcome unlock(UnlockDoorCommand command) {
    Optional<AccessLink> found =
        LinkSecret.parsePresented(command.presentedSecret()).flatMap(s -> links.findBySecretHash(s.hash()));
    if (found.isEmpty()) {
      // No organization to credit an event to: an unknown secret is refused without a trace.
      return new UnlockOutcome.Denied(DenialReason.UNKNOWN_LINK);
    }
    AccessLink link = found.get();
    Instant now = clock.instant();
    Group group = groups.findGroup(link.organization(), link.group()).orElse(null);
    ZoneId zone = link.rules().schedule() == null ? ZoneOffset.UTC : organizations.require(link.organization()).zone();
    UnlockDecision decision = UnlockDecision.decide(link, group, command.door(), now, zone);
    Actor holder = Actor.recipient(link.recipient());
    if (decision instanceof UnlockDecision.Refused refused) {
      audit.record(link.organization(), now, AccessEventType.UNLOCK_REFUSED, holder, link.id(),
          command.door(), refused.reason().name());
      return new UnlockOutcome.Denied(refused.reason());
    }
    UnlockDecision.Allowed allowed = (UnlockDecision.Allowed) decision;
    // valid only until the visitor is answered, less the clock-skew allowance (see DoorPolicy)
    DoorCommand doorCommand = new DoorCommand(UUID.randomUUID(), link.organization(), command.door(),
        link.id(), now, policy.commandExpiry(now), policy.timeout());
    UUID commandId = doorCommand.commandId();
    Optional<DoorBulkhead.Permit> permit =
        bulkhead == null ? Optional.empty() : bulkhead.tryEnter(link.organization(), command.door());
    if (bulkhead != null && permit.isEmpty()) {
      audit.record(link.organization(), now, AccessEventType.DOOR_UNREACHABLE, holder, link.id(),
          command.door(), "busy: too many unlocks waiting for this door");
      return new UnlockOutcome.DoorBusy(command.door());
    }
    String bypassed = bypassedDetail(allowed.bypassed());
    LateAnswer late = new LateAnswer(commandId, link.organization(), command.door(), link.id(), holder, bypassed,
        lateUses, clock);
    boolean unreachable = false;
    boolean recorded = false;
    boolean useTaken = false;
    try {
      DoorResponse response;
      try {
        if (link.rules().takesUseFirst()) {
          // the store decides, atomically across instances: of N presses on the last use, one goes on
          UseTake take = counter.take(link.id(), now);
          if (!(take instanceof UseTake.Taken)) {
            DenialReason reason = take instanceof UseTake.LimitReached
                ? DenialReason.USE_LIMIT_REACHED : DenialReason.UNKNOWN_LINK;
            audit.record(link.organization(), now, AccessEventType.UNLOCK_REFUSED, holder, link.id(),
                command.door(), reason.name());
            recorded = true;
            return new UnlockOutcome.Denied(reason);
          }
          useTaken = true;
        }
        if (journal != null) {
          // durable before the command leaves: if this fails, no command is sent and nothing opens
          journal.record(new UnlockIntent(commandId, link.organization(), command.door(), link.id(),
              holder.name(), now, doorCommand.expiresAt()));
        }
        response = doors.unlock(doorCommand, late);
      } catch (RuntimeException e) {
        if (useTaken) {
          giveBack(link, now);
        }
        throw e;
      } finally {
        permit.ifPresent(DoorBulkhead.Permit::close);
      }
      Instant at = clock.instant();
      if (useTaken && !(response instanceof DoorResponse.Unlocked)) {
        // a refusal or no answer gives the use back (a late opening is recorded, not charged)
        giveBack(link, now);
      }
      if (response instanceof DoorResponse.Unlocked) {
        // one write for the bookkeeping, last use and the DOOR_UNLOCKED event together (then the
        // intent is settled); by default queued for the background writer, so the visitor does not
        // wait for it. The event carries the command's id: that is how an intent finds its outcome.
        uses.record(new LinkUse(link.id(), at, audit.event(commandId, link.organization(), at,
            AccessEventType.DOOR_UNLOCKED, holder, link.id(), command.door(), bypassed)));
        recorded = true;
        return new UnlockOutcome.Unlocked(link.id(), command.door(), at, allowed.bypassed());
      }
      if (response instanceof DoorResponse.Refused r) {
        audit.record(commandId, link.organization(), at, AccessEventType.UNLOCK_REFUSED, holder, link.id(),
            command.door(), DenialReason.LOCK_REFUSED.name() + ":" + r.reason());
        recorded = true;
        settle(commandId);
        return new UnlockOutcome.Denied(DenialReason.LOCK_REFUSED);
      }
      unreachable = true;
      audit.record(commandId, link.organization(), at, AccessEventType.DOOR_UNREACHABLE, holder, link.id(),
          command.door(), ((DoorResponse.Unreachable) response).reason());
      recorded = true;
      settle(commandId);
      return new UnlockOutcome.DoorUnreachable(command.door());
    } finally {
      // a late answer counts only after "unreachable" (or a failure the visitor saw instead of the
      // lock's answer); it is written after this, with an id that never doubles the outcome event
      late.visitorAnswered(clock.instant(), unreachable || !recorded, recorded);
    }
  }

  private static final BypassedRestriction[] RESTRICTIONS = BypassedRestriction.values();

  /** {@link #bypassedDetail} of every set of restrictions, indexed by its bit mask (ordinal bits). */
  private static final String[] BYPASSED_DETAILS = new String[1 << RESTRICTIONS.length];

  static {
    for (int mask = 0; mask < BYPASSED_DETAILS.length; mask++) {
      java.util.List<String> names = new java.util.ArrayList<>();
      for (BypassedRestriction r : RESTRICTIONS) {
        if ((mask & (1 << r.ordinal())) != 0) {
          names.add(r.name());
        }
      }
      java.util.Collections.sort(names);
      BYPASSED_DETAILS[mask] = "bypassed:" + names;
    }
  }

  /**
   * The outcome event's detail: {@code bypassed:[NAME, ...]}, names sorted. Built once per set at
   * class initialization, not per unlock.
   */
  static String bypassedDetail(java.util.Set<BypassedRestriction> bypassed) {
    int mask = 0;
    for (BypassedRestriction r : RESTRICTIONS) {
      if (bypassed.contains(r)) {
        mask |= 1 << r.ordinal();
      }
    }
    return BYPASSED_DETAILS[mask];
  }

  /** Gives a use back; a failure costs the visitor that use, and is logged, never thrown. */
  private void giveBack(AccessLink link, Instant takenAt) {
    try {
      counter.giveBack(link.id(), takenAt);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Access Links: could not give back a use of link {0} whose door did"
          + " not open: {1}", link.id(), e.toString());
    }
  }

  private void settle(UUID commandId) {
    if (journal != null) {
      journal.settleQuietly(List.of(commandId));
    }
  }
}
