package dev.accesslink.core.memory;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.port.out.store.UnlockIntent;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.UnlockJournal;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The reference {@link UnlockJournal}, on the audit log it is given: every operation runs under
 * that log's lock, so a settlement and its event are one step. Durable only as long as the process
 * lives: for tests and demos. Thread-safe.
 */
public final class InMemoryUnlockJournal implements UnlockJournal {
  private final AccessEvents events;
  private final AccessEvents searched;
  private final Map<UUID, UnlockIntent> intents = new LinkedHashMap<>(); // guarded by events

  /**
   * A journal whose unknown outcomes are appended to {@code events}; with an {@link
   * InMemoryAccessEvents}, an intent whose outcome event is already there is settled silently
   * (another log cannot be searched, so its left-over intents always get an unknown outcome).
   */
  public InMemoryUnlockJournal(AccessEvents events) {
    this(events, events);
  }

  /** Appends to {@code events}, and looks for outcome events in {@code searched} (the log under it). */
  InMemoryUnlockJournal(AccessEvents events, AccessEvents searched) {
    this.events = Objects.requireNonNull(events, "events");
    this.searched = Objects.requireNonNull(searched, "searched");
  }

  private boolean logged(UUID id) {
    return searched instanceof InMemoryAccessEvents log && log.contains(id);
  }

  @Override
  public void record(List<UnlockIntent> batch) {
    if (batch.isEmpty()) {
      throw new IllegalArgumentException("no intents to record");
    }
    synchronized (events) {
      for (UnlockIntent intent : batch) {
        if (intents.containsKey(intent.id()) || batch.stream().filter(i -> i.id().equals(intent.id())).count() > 1) {
          throw new AccessLinkInfrastructureException("unlock intent " + intent.id() + " is already recorded");
        }
      }
      batch.forEach(i -> intents.put(i.id(), i));
    }
  }

  @Override
  public void settle(List<UUID> ids) {
    synchronized (events) {
      ids.forEach(intents::remove);
    }
  }

  @Override
  public List<UnlockIntent> unsettled(Instant expiredBy, int max) {
    synchronized (events) {
      return intents.values().stream()
          .filter(i -> !i.expiresAt().isAfter(expiredBy))
          .sorted(Comparator.comparing(UnlockIntent::expiresAt).thenComparing(UnlockIntent::id))
          .limit(Math.max(0, max))
          .toList();
    }
  }

  @Override
  public boolean settleUnknown(UnlockIntent intent, AccessEvent unknown) {
    synchronized (events) {
      if (intents.remove(intent.id()) == null || logged(intent.id()) || logged(unknown.id())) {
        return false;
      }
      events.record(unknown);
      return true;
    }
  }

  /** The intents not settled yet, in the order they were recorded (a snapshot). */
  public List<UnlockIntent> pending() {
    synchronized (events) {
      return List.copyOf(intents.values());
    }
  }
}
