package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.OrganizationId;
import java.util.List;

/** The audit log, newest first: what the admin's door event log shows. */
@FunctionalInterface
public interface RecentEventsUseCase {

  /** Largest {@code limit}. */
  int MAX_LIMIT = 500;

  /**
   * The organization's most recent events, newest first.
   *
   * @param limit 1 to {@link #MAX_LIMIT}
   * @throws dev.accesslink.core.domain.InvalidInputException {@code page.limit.out_of_range}
   * @throws dev.accesslink.core.domain.UnknownOrganizationException no such organization
   */
  List<AccessEvent> recentEvents(OrganizationId organization, int limit);
}
