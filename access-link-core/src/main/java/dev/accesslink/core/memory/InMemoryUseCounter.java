package dev.accesslink.core.memory;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.LinkUsage;
import dev.accesslink.core.memory.LinkTable.Row;
import dev.accesslink.core.port.out.UseCounter;
import dev.accesslink.core.port.out.store.UseTake;
import java.time.Instant;

/** {@link UseCounter} over a {@link LinkTable}: exact because every call holds the table's lock. */
final class InMemoryUseCounter implements UseCounter {
  private final LinkTable table;

  InMemoryUseCounter(LinkTable table) {
    this.table = table;
  }

  @Override
  public UseTake take(AccessLinkId link, Instant at) {
    synchronized (table.lock) {
      Row r = table.rows.get(link);
      if (r == null) {
        return new UseTake.UnknownLink();
      }
      LinkUsage usage = r.link.usage();
      Integer max = r.link.rules().maxUses();
      if (max != null && usage.usesTaken() >= max) {
        return new UseTake.LimitReached();
      }
      int taken = usage.usesTaken() + 1;
      r.link = r.link.withUsage(new LinkUsage(taken, usage.firstUsedAt() == null ? at : usage.firstUsedAt()));
      return new UseTake.Taken();
    }
  }

  @Override
  public void giveBack(AccessLinkId link, Instant takenAt) {
    synchronized (table.lock) {
      Row r = table.rows.get(link);
      if (r == null || r.link.usage().usesTaken() == 0) {
        return;
      }
      LinkUsage usage = r.link.usage();
      boolean onlyAndFirst = usage.usesTaken() == 1 && takenAt.equals(usage.firstUsedAt());
      r.link = r.link.withUsage(new LinkUsage(usage.usesTaken() - 1, onlyAndFirst ? null : usage.firstUsedAt()));
    }
  }
}
