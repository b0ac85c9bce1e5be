package dev.accesslink.core.memory;

import dev.accesslink.core.memory.LinkTable.Row;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.store.LinkUse;
import java.util.List;

/** {@link UseLog} over a {@link LinkTable}. */
final class InMemoryUseLog implements UseLog {
  private final LinkTable table;

  InMemoryUseLog(LinkTable table) {
    this.table = table;
  }

  @Override
  public void recordUses(List<LinkUse> uses) {
    if (uses.isEmpty()) {
      throw new IllegalArgumentException("no uses to record");
    }
    synchronized (table.lock) {
      for (LinkUse use : uses) {
        Row r = table.rows.get(use.link());
        if (r != null && (r.link.lastUsedAt() == null || r.link.lastUsedAt().isBefore(use.at()))) {
          r.link = r.link.usedAt(use.at());
        }
        table.events.record(use.event());
      }
    }
  }
}
