package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.RecentEventsUseCase;
import dev.accesslink.core.port.out.AccessEvents;
import java.util.List;

/** Reads the audit log. Thread-safe. */
final class RecentEventsService implements RecentEventsUseCase {
  private final OrganizationLookup organizations;
  private final UseRecorder uses;
  private final AccessEvents events;

  RecentEventsService(OrganizationLookup organizations, UseRecorder uses, AccessEvents events) {
    this.organizations = organizations;
    this.uses = uses;
    this.events = events;
  }

  @Override
  public List<AccessEvent> recentEvents(OrganizationId organization, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException(
          "page.limit.out_of_range", "limit", "The limit is a whole number from 1 to " + MAX_LIMIT + ".");
    }
    organizations.require(organization);
    // last uses and unlock events of this instance's unlocks answered so far (read your writes)
    uses.await(UseRecorder.READ_WAIT);
    return events.recent(organization, limit);
  }
}
