package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.OrganizationId;
import java.util.List;

/** The audit log. Append-only; thread-safe. */
public interface AccessEvents {

  /** Appends {@code event}. */
  void record(AccessEvent event);

  /** The organization's most recent events, newest first, at most {@code limit}. */
  List<AccessEvent> recent(OrganizationId organization, int limit);
}
