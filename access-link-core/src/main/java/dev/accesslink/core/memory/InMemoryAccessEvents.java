package dev.accesslink.core.memory;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.AccessEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An in-memory audit log. Thread-safe. */
public final class InMemoryAccessEvents implements AccessEvents {
  private final List<AccessEvent> events = new ArrayList<>();

  /** An empty log. */
  public InMemoryAccessEvents() {}

  @Override
  public synchronized void record(AccessEvent event) {
    events.add(event);
  }

  @Override
  public synchronized List<AccessEvent> recent(OrganizationId organization, int limit) {
    List<AccessEvent> out = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0 && out.size() < limit; i--) {
      if (events.get(i).organization().equals(organization)) {
        out.add(events.get(i));
      }
    }
    return out;
  }

  /** True if an event with this id has been recorded. */
  public synchronized boolean contains(UUID id) {
    for (AccessEvent e : events) {
      if (e.id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** Every event recorded, oldest first (a snapshot). */
  public synchronized List<AccessEvent> all() {
    return List.copyOf(events);
  }
}
