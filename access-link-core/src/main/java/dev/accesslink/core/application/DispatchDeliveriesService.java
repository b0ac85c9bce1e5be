package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.port.in.DispatchDeliveriesUseCase;
import dev.accesslink.core.port.in.DispatchReport;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox dispatcher: claims due deliveries with a lease and attempts each, up to {@link
 * DeliveryWorkers#parallelism()} of one batch at once. Several may run at once, in several
 * processes; the outbox's claims keep them from sending the same delivery twice, and each claim of
 * a batch is attempted by exactly one thread. Thread-safe.
 */
final class DispatchDeliveriesService implements DispatchDeliveriesUseCase {
  private final DeliveryOutbox outbox;
  private final LinkRecords links;
  private final GroupDirectory groups;
  private final OrganizationLookup organizations;
  private final DeliveryAttempts deliveries;
  private final DeliveryPolicy policy;
  private final Clock clock;
  private final DeliveryWorkers workers;
  /** When the next pass purges expired idempotency keys; the first pass does. */
  private volatile Instant nextPurge = Instant.MIN;

  /** How often the passes purge expired idempotency keys. */
  static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  DispatchDeliveriesService(
      DeliveryOutbox outbox, LinkRecords links, GroupDirectory groups, OrganizationLookup organizations,
      DeliveryAttempts deliveries, DeliveryPolicy policy, Clock clock, DeliveryWorkers workers) {
    this.outbox = outbox;
    this.links = links;
    this.groups = groups;
    this.organizations = organizations;
    this.deliveries = deliveries;
    this.policy = policy;
    this.clock = clock;
    this.workers = workers;
  }

  @Override
  public DispatchReport dispatchDue() {
    Instant start = clock.instant();
    // housekeeping that needs a schedule: idempotency keys past their retention (see LinkRecords),
    // once per PURGE_EVERY, not on every pass: a draining backlog runs passes back to back
    Instant due = nextPurge;
    if (!start.isBefore(due)) {
      nextPurge = start.plus(PURGE_EVERY);
      links.purgeIdempotencyKeys(start);
    }
    List<DeliveryClaim> claims = outbox.claimDueDeliveries(start, policy.lease(), policy.batchSize());
    int sent = 0, retried = 0, failed = 0, lost = 0;
    // each claim on one thread; the pass waits for all of them, so its report counts every attempt
    for (DeliveryAttempts.Result r : workers.map(claims, this::dispatch)) {
      switch (r) {
        case SENT -> sent++;
        case RETRY -> retried++;
        case FAILED -> failed++;
        case LOST -> lost++;
      }
    }
    return new DispatchReport(claims.size(), sent, retried, failed, lost);
  }

  private DeliveryAttempts.Result dispatch(DeliveryClaim claim) {
    Optional<AccessLink> link = links.findById(claim.organization(), claim.link());
    Optional<OrganizationSettings> org = organizations.port().find(claim.organization());
    Optional<Group> group = link.flatMap(l -> groups.findGroup(l.organization(), l.group()));
    Instant now = clock.instant();
    if (link.isEmpty() || link.get().delivery().status() != DeliveryStatus.PENDING) {
      return DeliveryAttempts.Result.LOST;
    }
    if (link.get().isRevoked() || link.get().window().hasEndedAt(now) || org.isEmpty() || group.isEmpty()) {
      // Nothing worth sending any more: a revoked or ended link, or its group or organization gone.
      String reason = link.get().isRevoked() ? "link.revoked"
          : link.get().window().hasEndedAt(now) ? "link.expired"
          : org.isEmpty() ? "organization.unknown" : "group.unknown";
      return deliveries.abandon(link.get(), claim, now, reason);
    }
    return deliveries.attempt(link.get(), group.get(), org.get(), claim);
  }
}
