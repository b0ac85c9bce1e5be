package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.micros;

import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.store.LinkUse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The unlocks' use log: each link's last use in {@code al_link}, the events in {@code al_event}. Thread-safe. */
final class JdbcUseLog implements UseLog {
  private static final String SET_LAST_USE =
      "UPDATE al_link SET last_used_at = :at WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)";

  private static final NamedSql SET_LAST_USE_PLAIN = NamedSql.of(SET_LAST_USE);
  private static final NamedSql APPEND_PLAIN = NamedSql.of(JdbcAccessEvents.INSERT);

  private final Database db;

  JdbcUseLog(Database db) {
    this.db = db;
  }

  /**
   * Moves each link's last use forward (never back: uses may be recorded out of order) and appends
   * the unlocks' events, also for unknown ids. One use: one statement on PostgreSQL, one
   * transaction elsewhere. Several: one transaction of two batched statements, so one commit (one
   * WAL flush) for all of them; the links' rows are written in id order, so that two writers never
   * wait for each other in a cycle.
   *
   * @throws IllegalArgumentException if {@code uses} is empty
   */
  @Override
  public void recordUses(List<LinkUse> uses) {
    if (uses.isEmpty()) {
      throw new IllegalArgumentException("no uses to record");
    }
    if (uses.size() == 1) {
      LinkUse use = uses.get(0);
      // every opening's bookkeeping: plain JDBC (see NamedSql)
      db.dialect().updateAndAppend(db, "record link use", SET_LAST_USE,
          new NamedSql.Params().bigint("at", micros(use.at())).string("id", use.link().toString()), use.event());
      return;
    }
    if (!writeInOneStatement("record link uses", uses, List.of())) {
      db.plainTransaction("record link uses", c -> write(c, uses));
    }
  }

  /**
   * {@code uses} and the deletion of the intents {@code settled} as one statement where the
   * database can ({@link Dialect#recordUsesInOneStatement}); false if it cannot, nothing written.
   */
  boolean writeInOneStatement(String what, List<LinkUse> uses, List<String> settled) {
    java.util.SortedMap<String, Long> latest = new TreeMap<>();
    List<dev.accesslink.core.domain.AccessEvent> events = new ArrayList<>(uses.size());
    for (LinkUse use : uses) {
      latest.merge(use.link().toString(), micros(use.at()), Math::max);
      events.add(use.event());
    }
    return db.dialect().recordUsesInOneStatement(db, what, latest, events, settled);
  }

  /** The store these uses go to (a journal on the same one can settle in the same transaction). */
  Database database() {
    return db;
  }

  /**
   * Writes {@code uses} in {@code c}'s current transaction: two batched statements, the links' rows
   * in id order.
   */
  int[] write(java.sql.Connection c, List<LinkUse> uses) throws java.sql.SQLException {
    Map<String, Instant> latest = new TreeMap<>();
    for (LinkUse use : uses) {
      latest.merge(use.link().toString(), use.at(), (a, b) -> a.isAfter(b) ? a : b);
    }
    List<NamedSql.Params> setUses = new ArrayList<>(latest.size());
    latest.forEach((id, at) -> setUses.add(new NamedSql.Params().bigint("at", micros(at)).string("id", id)));
    List<NamedSql.Params> events = new ArrayList<>(uses.size());
    for (LinkUse use : uses) {
      events.add(JdbcAccessEvents.eventParams(new NamedSql.Params(), use.event()));
    }
    SET_LAST_USE_PLAIN.executeBatch(c, setUses);
    return APPEND_PLAIN.executeBatch(c, events);
  }
}
