package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Actor;
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
import dev.accesslink.core.port.out.store.LinkUse;
import dev.accesslink.core.port.out.store.UnlockIntent;
import java.time.Clock;
import java.time.Instant;
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
 * Thread-safe.
 */
final class UnlockDoorService implements UnlockDoorUseCase {
  private final LinkRecords links;
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
      LinkRecords links, UseRecorder uses, GroupDirectory groups, DoorController doors, Audit audit,
      DoorPolicy policy, Clock clock, @Nullable JournalWriter journal, UseRecorder lateUses) {
    this.journal = journal;
    this.links = links;
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
    UnlockDecision decision = UnlockDecision.decide(link, group, command.door(), now);
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
    String bypassed = "bypassed:" + allowed.bypassed().stream().map(Enum::name).sorted().toList();
    LateAnswer late = new LateAnswer(commandId, link.organization(), command.door(), link.id(), holder, bypassed,
        lateUses, clock);
    boolean unreachable = false;
    boolean recorded = false;
    try {
      DoorResponse response;
      try {
        if (journal != null) {
          // durable before the command leaves: if this fails, no command is sent and nothing opens
          journal.record(new UnlockIntent(commandId, link.organization(), command.door(), link.id(),
              holder.name(), now, doorCommand.expiresAt()));
        }
        response = doors.unlock(doorCommand, late);
      } finally {
        permit.ifPresent(DoorBulkhead.Permit::close);
      }
      Instant at = clock.instant();
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

  private void settle(UUID commandId) {
    if (journal != null) {
      journal.settleQuietly(List.of(commandId));
    }
  }
}
