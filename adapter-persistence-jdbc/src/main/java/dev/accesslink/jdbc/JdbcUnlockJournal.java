package dev.accesslink.jdbc;

import static dev.accesslink.jdbc.Database.instant;
import static dev.accesslink.jdbc.Database.micros;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.store.UnlockIntent;
import dev.accesslink.core.port.out.UnlockJournal;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.store.LinkUse;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@link UnlockJournal} in {@code al_unlock_intent}, next to the audit log {@code al_event} that
 * holds the outcome events. Settling deletes the row. Thread-safe.
 *
 * <p>Per call: {@link #record} of one intent is one {@code INSERT} in auto-commit (on a plain JDBC
 * connection, like the lookup by secret hash: it is on the unlock's hot path), of several one
 * batched {@code INSERT} in one transaction, also on plain JDBC: one commit, so one durable flush,
 * either way (on H2 only with the write delay the adapter sets, see {@code docs/persistence.md}). {@link
 * #settleUnknown} is one transaction: {@code DELETE} the row (only the caller whose delete removed
 * it goes on: concurrent callers wait for its row lock and then delete nothing), look for the
 * outcome event by id, and append the unknown one if there is none.
 */
final class JdbcUnlockJournal implements UnlockJournal {
  private static final String COLUMNS = "id, organization, door_id, link_id, recipient, sent_at, expires_at";
  private static final String INSERT_PLAIN =
      "INSERT INTO al_unlock_intent (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final int SETTLE_CHUNK = 500;
  /** One intent's settlement; batched, so one statement text (prepared once per connection) whatever the count. */
  private static final String DELETE_ONE = "DELETE FROM al_unlock_intent WHERE id = ?";

  private final Database db;

  JdbcUnlockJournal(Database db) {
    this.db = db;
  }

  @Override
  public void record(List<UnlockIntent> intents) {
    if (intents.isEmpty()) {
      throw new IllegalArgumentException("no intents to record");
    }
    if (intents.size() == 1) {
      // the uncontended unlock's write, on its hot path: plain JDBC, as the lookup by secret hash
      UnlockIntent i = intents.get(0);
      db.plainAutoCommit("record unlock intent", c -> {
        try (PreparedStatement p = c.prepareStatement(INSERT_PLAIN)) {
          bind(p, i);
          int inserted = p.executeUpdate();
          if (!c.getAutoCommit()) {
            c.commit(); // a pool that hands out connections outside auto-commit
          }
          return inserted;
        }
      });
      return;
    }
    // several unlocks' intents, queued while other writes ran: one batch, one commit
    db.plainTransaction("record unlock intents", c -> {
      try (PreparedStatement p = c.prepareStatement(INSERT_PLAIN)) {
        for (UnlockIntent i : intents) {
          bind(p, i);
          p.addBatch();
        }
        return p.executeBatch().length;
      }
    });
  }

  private static void bind(PreparedStatement p, UnlockIntent i) throws java.sql.SQLException {
    p.setString(1, i.id().toString());
    p.setString(2, i.organization().value());
    p.setString(3, i.door().value());
    p.setString(4, i.link().toString());
    p.setString(5, i.recipient());
    p.setLong(6, micros(i.sentAt()));
    p.setLong(7, micros(i.expiresAt()));
  }

  /**
   * With this persistence's own use log: the uses and the deletion of their intents in one
   * transaction (one commit, the uses' durable one, for both): on PostgreSQL one statement taking
   * the rows as arrays, elsewhere three batched statements. With any other use log: the default.
   */
  @Override
  public boolean recordUsesAndSettle(UseLog uses, List<LinkUse> opened) {
    if (!(uses instanceof JdbcUseLog mine) || mine.database() != db) {
      return UnlockJournal.super.recordUsesAndSettle(uses, opened);
    }
    if (opened.isEmpty()) {
      throw new IllegalArgumentException("no uses to record");
    }
    List<String> ids = opened.stream().map(u -> u.event().id().toString()).sorted().toList();
    if (mine.writeInOneStatement("record link uses and settle their unlock intents", opened, ids)) {
      return true;
    }
    db.plainTransaction("record link uses and settle their unlock intents", c -> {
      mine.write(c, opened);
      try (PreparedStatement p = c.prepareStatement(DELETE_ONE)) {
        for (String id : ids) {
          p.setString(1, id);
          p.addBatch();
        }
        return p.executeBatch().length;
      }
    });
    return true;
  }

  @Override
  public void settle(List<UUID> intents) {
    for (int from = 0; from < intents.size(); from += SETTLE_CHUNK) {
      List<String> ids = intents.subList(from, Math.min(intents.size(), from + SETTLE_CHUNK))
          .stream().map(UUID::toString).sorted().toList();
      // A settlement need not wait for its flush to disk: should a crash lose it, the intent is still
      // there with its outcome event stored, and the reconciler settles it without a word. So it
      // does not queue behind (nor hold up) the flushes of the intents that unlocks wait for.
      // every unlock's settlement: plain JDBC, as the intent's insert
      String off = db.dialect().flushWaitOff();
      String delete = "DELETE FROM al_unlock_intent WHERE id IN (" + "?, ".repeat(ids.size() - 1) + "?)";
      db.plainTransaction("settle unlock intents", c -> {
        if (!off.isEmpty()) {
          try (java.sql.Statement s = c.createStatement()) {
            s.execute(off);
          }
        }
        try (PreparedStatement p = c.prepareStatement(delete)) {
          for (int i = 0; i < ids.size(); i++) {
            p.setString(i + 1, ids.get(i));
          }
          return p.executeUpdate();
        }
      });
    }
  }

  @Override
  public List<UnlockIntent> unsettled(Instant expiredBy, int max) {
    if (max < 1) {
      return List.of();
    }
    return db.read("read unlock intents", h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM al_unlock_intent WHERE expires_at <= :expiredBy"
                + " ORDER BY expires_at, id LIMIT :max")
        .bind("expiredBy", micros(expiredBy))
        .bind("max", max)
        .map((rs, ctx) -> new UnlockIntent(
            UUID.fromString(rs.getString("id")),
            OrganizationId.of(rs.getString("organization")),
            DoorId.of(rs.getString("door_id")),
            AccessLinkId.parse(rs.getString("link_id")),
            rs.getString("recipient"),
            instant(rs.getLong("sent_at")),
            instant(rs.getLong("expires_at"))))
        .list());
  }

  @Override
  public boolean settleUnknown(UnlockIntent intent, AccessEvent unknown) {
    return db.transaction("settle unlock intent as unknown", h -> {
      int deleted = h.createUpdate("DELETE FROM al_unlock_intent WHERE id = :id")
          .bind("id", intent.id().toString())
          .execute();
      if (deleted == 0) {
        return false;
      }
      int outcomes = h.createQuery("SELECT COUNT(*) FROM al_event WHERE id IN (:outcome, :unknown)")
          .bind("outcome", intent.id().toString())
          .bind("unknown", unknown.id().toString())
          .mapTo(Integer.class)
          .one();
      if (outcomes > 0) {
        return false;
      }
      JdbcAccessEvents.bindEvent(h.createUpdate(JdbcAccessEvents.INSERT), unknown).execute();
      return true;
    });
  }
}
