package dev.accesslink.core.application;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds how many unlocks wait for locks' answers at once, per door and in total ({@link
 * DoorPolicy#maxWaitsPerDoor()}, {@link DoorPolicy#maxWaitsTotal()}). Never blocks: a caller either
 * gets a permit or is refused at once. A door's counter is dropped when its last waiter leaves, so
 * the map holds only doors that are being waited for. Thread-safe.
 */
final class DoorBulkhead {
  private record Key(OrganizationId organization, DoorId door) {}

  private final int perDoor;
  private final int total;
  private final AtomicInteger inUse = new AtomicInteger();
  private final ConcurrentMap<Key, AtomicInteger> doors = new ConcurrentHashMap<>();

  DoorBulkhead(DoorPolicy policy) {
    this.perDoor = policy.maxWaitsPerDoor();
    this.total = policy.maxWaitsTotal();
  }

  /** A permit to wait for {@code door}, or empty when the door or the whole bulkhead is full. */
  Optional<Permit> tryEnter(OrganizationId organization, DoorId door) {
    if (inUse.incrementAndGet() > total) {
      inUse.decrementAndGet();
      return Optional.empty();
    }
    Key key = new Key(organization, door);
    boolean[] entered = {false};
    doors.compute(key, (k, count) -> {
      AtomicInteger c = count == null ? new AtomicInteger() : count;
      if (c.get() < perDoor) {
        c.incrementAndGet();
        entered[0] = true;
      }
      return c.get() == 0 ? null : c;
    });
    if (!entered[0]) {
      inUse.decrementAndGet();
      return Optional.empty();
    }
    return Optional.of(new Permit(key));
  }

  /** One caller's place in the bulkhead; {@link #close()} gives it back (once). */
  final class Permit implements AutoCloseable {
    private final Key key;
    private boolean closed;

    private Permit(Key key) {
      this.key = key;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      doors.computeIfPresent(key, (k, c) -> c.decrementAndGet() == 0 ? null : c);
      inUse.decrementAndGet();
    }
  }
}
