package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.LinkNotChangeableException;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaExhaustedException;
import dev.accesslink.core.domain.UnknownLinkException;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.ChangeValidityWindowCommand;
import dev.accesslink.core.port.in.ChangeValidityWindowUseCase;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.store.QuotaReservation;
import dev.accesslink.core.port.out.store.WindowChange;
import dev.accesslink.core.port.out.store.WindowChangeOutcome;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Changes links' validity windows, keeping the live-links quota exact. Thread-safe. */
final class ChangeValidityWindowService implements ChangeValidityWindowUseCase {
  private final OrganizationLookup organizations;
  private final LinkRecords links;
  private final Audit audit;
  private final Clock clock;

  ChangeValidityWindowService(OrganizationLookup organizations, LinkRecords links, Audit audit, Clock clock) {
    this.organizations = organizations;
    this.links = links;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public AccessLink changeWindow(ChangeValidityWindowCommand command) {
    Instant now = clock.instant();
    OrganizationSettings org = organizations.require(command.organization());
    AccessLink link = links.findById(org.id(), command.link())
        .orElseThrow(() -> new UnknownLinkException(command.link()));
    // the organization's policy holds for a changed window as for a send; a link without a start
    // started when it was created, so extending it step by step cannot outrun maxValidityDays
    org.linkPolicy().check(command.window(), link.createdAt());
    QuotaReservation quota = SendAccessLinkService.reservation(org, link.channel(), now);
    WindowChangeOutcome outcome = links.changeWindow(new WindowChange(org.id(), link.id(), command.window(), quota));
    if (outcome instanceof WindowChangeOutcome.Changed changed) {
      audit.record(org.id(), now, AccessEventType.LINK_WINDOW_CHANGED, Actor.administrator(command.changedBy()),
          link.id(), null, describe(changed.before().window(), changed.after().window()));
      return changed.after();
    }
    if (outcome instanceof WindowChangeOutcome.Revoked) {
      throw new LinkNotChangeableException(link.id());
    }
    if (outcome instanceof WindowChangeOutcome.QuotaExhausted q) {
      throw new QuotaExhaustedException(link.channel(), q.used(), q.limit(), null);
    }
    throw new UnknownLinkException(link.id());
  }

  /** "validFrom - -> 2026-03-16T08:00:00Z; validUntil 2026-03-20T18:00:00Z -> 2026-03-21T18:00:00Z". */
  static String describe(ValidityWindow before, ValidityWindow after) {
    return "validFrom " + text(before.validFrom()) + " -> " + text(after.validFrom())
        + "; validUntil " + text(before.validUntil()) + " -> " + text(after.validUntil());
  }

  private static String text(@Nullable Instant instant) {
    return instant == null ? "-" : instant.toString();
  }
}
