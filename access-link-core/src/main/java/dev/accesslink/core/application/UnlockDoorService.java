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
import dev.accesslink.core.port.out.AccessLinkStore;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkUse;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Unlock: secret → hash → lookup → decision → door command → outcome → audit event credited to
 * the recipient. An opened door's bookkeeping (last use + event) goes through the {@link
 * UseRecorder}, which writes it before or after the answer as {@link UnlockBookkeeping} says.
 * Thread-safe.
 */
final class UnlockDoorService implements UnlockDoorUseCase {
  private final AccessLinkStore store;
  private final UseRecorder uses;
  private final GroupDirectory groups;
  private final DoorController doors;
  private final Audit audit;
  private final DoorPolicy policy;
  private final @Nullable DoorBulkhead bulkhead;
  private final Clock clock;

  UnlockDoorService(
      AccessLinkStore store, UseRecorder uses, GroupDirectory groups, DoorController doors, Audit audit,
      DoorPolicy policy, Clock clock) {
    this.store = store;
    this.uses = uses;
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
        LinkSecret.parse(command.presentedSecret()).flatMap(s -> store.findBySecretHash(s.hash()));
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
    DoorCommand doorCommand = new DoorCommand(UUID.randomUUID(), link.organization(), command.door(),
        link.id(), now, now.plus(policy.commandLifetime()), policy.timeout());
    Optional<DoorBulkhead.Permit> permit =
        bulkhead == null ? Optional.empty() : bulkhead.tryEnter(link.organization(), command.door());
    if (bulkhead != null && permit.isEmpty()) {
      audit.record(link.organization(), now, AccessEventType.DOOR_UNREACHABLE, holder, link.id(),
          command.door(), "busy: too many unlocks waiting for this door");
      return new UnlockOutcome.DoorBusy(command.door());
    }
    DoorResponse response;
    try {
      response = doors.unlock(doorCommand);
    } finally {
      permit.ifPresent(DoorBulkhead.Permit::close);
    }
    Instant at = clock.instant();
    if (response instanceof DoorResponse.Unlocked) {
      // one write for the bookkeeping, last use and the DOOR_UNLOCKED event together; by default
      // queued for the background writer, so the visitor does not wait for it
      uses.record(new LinkUse(link.id(), at, audit.event(link.organization(), at, AccessEventType.DOOR_UNLOCKED,
          holder, link.id(), command.door(),
          "bypassed:" + allowed.bypassed().stream().map(Enum::name).sorted().toList())));
      return new UnlockOutcome.Unlocked(link.id(), command.door(), at, allowed.bypassed());
    }
    if (response instanceof DoorResponse.Refused r) {
      audit.record(link.organization(), at, AccessEventType.UNLOCK_REFUSED, holder, link.id(),
          command.door(), DenialReason.LOCK_REFUSED.name() + ":" + r.reason());
      return new UnlockOutcome.Denied(DenialReason.LOCK_REFUSED);
    }
    audit.record(link.organization(), at, AccessEventType.DOOR_UNREACHABLE, holder, link.id(),
        command.door(), ((DoorResponse.Unreachable) response).reason());
    return new UnlockOutcome.DoorUnreachable(command.door());
  }
}
