package dev.accesslink.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

/**
 * Announces audit events to webhooks: every {@code al_event} row is inserted with {@code announce =
 * 1} (the column's default, so in the same transaction as the event and the change it records);
 * {@link #announce} flips it to 0 and queues the event's deliveries in {@code al_webhook_delivery}
 * in that same transaction, so each event is announced exactly once, also with several
 * dispatchers. Announcers take the marked rows with {@code FOR UPDATE}, so they queue one after the
 * other and one link's deliveries are queued in the order of its events (skipping locked rows would
 * let a later batch commit first). Thread-safe.
 */
final class JdbcWebhookAnnouncer {
  private final Database db;

  JdbcWebhookAnnouncer(Database db) {
    this.db = db;
  }

  /** The most event sequence numbers (or organizations) one statement names; a pass with more uses several. */
  private static final int SEQS_PER_STATEMENT = 256;

  /** The most deliveries one {@code INSERT} writes. */
  private static final int ROWS_PER_INSERT = 128;

  /** Another announcer took some of the events this one selected (H2, which selects without locking them). */
  private static final class Overtaken extends RuntimeException {
    Overtaken() {
      super(null, null, false, false);
    }
  }

  private record Pending(long seq, String id, String organization, long at, String type, String orderKey) {}

  /** An enabled endpoint subscribed to {@code type} in {@code organization}. */
  private record Subscriber(String organization, String type, String endpoint, long createdAt) {}

  /**
   * Marks up to {@code max} events and queues their deliveries in one transaction of four round
   * trips, whatever the count: the marked events (locked with {@code FOR UPDATE} where the database
   * has it), the marks flipped by the events' keys, one read of their organizations' subscriptions,
   * and the deliveries (none without a subscriber). The marks and the deliveries are one batch each where the
   * driver pipelines batches ({@link Dialect#pipelinesBatches}: PostgreSQL), else one statement
   * naming every row. No statement joins the audit log, whose plans would hang on its statistics.
   * Where the select locks nothing (H2), an announcer that marks fewer rows than it selected was
   * overtaken by another: it rolls back and selects again.
   */
  int announce(int max) {
    if (max < 1) {
      return 0;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return db.transaction("announce events", h -> {
          List<Pending> pending = h.createQuery(
                  "SELECT seq, id, organization, occurred_at, event_type, link_id FROM al_event WHERE announce = 1"
                      + " ORDER BY seq LIMIT :max" + db.dialect().forUpdateClause())
              .bind("max", max)
              .map((rs, ctx) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                  rs.getString(5), rs.getString(6) != null ? rs.getString(6) : rs.getString(2)))
              .list();
          if (pending.isEmpty()) {
            return 0;
          }
          boolean pipelined = db.dialect().pipelinesBatches();
          if (pipelined) {
            PreparedBatch mark = h.prepareBatch("UPDATE al_event SET announce = 0 WHERE seq = :seq AND announce = 1");
            pending.forEach(p -> mark.bind("seq", p.seq()).add());
            for (int marked : mark.execute()) {
              if (marked != 1) {
                throw new Overtaken(); // rolls the transaction back
              }
            }
          } else {
            List<Long> seqs = pending.stream().map(Pending::seq).toList();
            for (int from = 0; from < seqs.size(); from += SEQS_PER_STATEMENT) {
              // "<> 0", not "= 1": found by their keys, not through the announce index
              int marked = h.createUpdate("UPDATE al_event SET announce = 0 WHERE seq IN (<seqs>) AND announce <> 0")
                  .bindList("seqs", paddedChunk(seqs, from))
                  .execute();
              if (marked != Math.min(SEQS_PER_STATEMENT, seqs.size() - from)) {
                throw new Overtaken(); // rolls the transaction back
              }
            }
          }
          queueDeliveries(h, pending, pipelined);
          return pending.size();
        });
      } catch (Overtaken e) {
        if (attempt >= 3) {
          return 0; // another announcer is making progress on the same events; the next pass goes on
        }
      }
    }
  }

  /** One delivery per event and enabled endpoint subscribed to its type that existed at the event, in the events' order. */
  private static void queueDeliveries(Handle h, List<Pending> events, boolean pipelined) {
    List<String> organizations = events.stream().map(Pending::organization).distinct().toList();
    Map<String, List<Subscriber>> byOrganizationAndType = new HashMap<>();
    for (int from = 0; from < organizations.size(); from += SEQS_PER_STATEMENT) {
      h.createQuery("SELECT s.organization, s.event_type, e.id, e.created_at FROM al_webhook_subscription s"
              + " JOIN al_webhook_endpoint e ON e.id = s.endpoint_id"
              + " WHERE s.organization IN (<organizations>) AND e.disabled_at IS NULL ORDER BY e.id")
          .bindList("organizations", organizations.subList(from, Math.min(organizations.size(), from + SEQS_PER_STATEMENT)))
          .map((rs, ctx) -> new Subscriber(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
          .forEach(sub -> byOrganizationAndType
              .computeIfAbsent(sub.organization() + "\n" + sub.type(), k -> new ArrayList<>()).add(sub));
    }
    if (byOrganizationAndType.isEmpty()) {
      return; // nobody subscribed: the usual case without webhooks
    }
    List<Object[]> rows = new ArrayList<>();
    for (Pending p : events) { // in the events' order: the deliveries' own order follows it
      for (Subscriber sub : byOrganizationAndType.getOrDefault(p.organization() + "\n" + p.type(), List.of())) {
        if (sub.createdAt() <= p.at()) {
          rows.add(new Object[] {sub.endpoint(), p.id(), p.seq(), p.organization(), p.orderKey(), p.at(), p.at()});
        }
      }
    }
    String insert = "INSERT INTO al_webhook_delivery (endpoint_id, event_id, event_seq, organization, order_key, status,"
        + " attempts, queued_at, next_attempt_at) VALUES ";
    String values = "(?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)";
    if (pipelined) {
      PreparedBatch batch = h.prepareBatch(insert + values);
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          batch.bind(i, row[i]);
        }
        batch.add();
      }
      batch.execute();
      return;
    }
    for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
      Update multiRow = h.createUpdate(insert + String.join(", ", Collections.nCopies(chunk.size(), values)));
      int position = 0;
      for (Object[] row : chunk) {
        for (Object value : row) {
          multiRow.bind(position++, value);
        }
      }
      multiRow.execute();
    }
  }

  /**
   * The sequence numbers from {@code from}, at most {@link #SEQS_PER_STATEMENT}, the list padded by
   * repeating its last one to the next power of two: a few statement texts in all, not one per count.
   */
  private static List<Long> paddedChunk(List<Long> seqs, int from) {
    List<Long> chunk = seqs.subList(from, Math.min(seqs.size(), from + SEQS_PER_STATEMENT));
    int size = Integer.highestOneBit(chunk.size());
    if (size < chunk.size()) {
      size <<= 1;
    }
    List<Long> padded = new ArrayList<>(size);
    padded.addAll(chunk);
    while (padded.size() < size) {
      padded.add(chunk.get(chunk.size() - 1));
    }
    return padded;
  }
}
