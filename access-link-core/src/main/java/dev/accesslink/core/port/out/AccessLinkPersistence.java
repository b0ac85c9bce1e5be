package dev.accesslink.core.port.out;

/**
 * Everything the library keeps, as one object to wire: {@code
 * AccessLinks.builder().persistence(p)} is the whole persistence wiring.
 *
 * <p>The stored ports share one audit log: {@link LinkRecords#insert} and {@link
 * UseLog#recordUses} append their events, in the same atomic step as their writes, to the log
 * that {@link #events()} reads. That is why the audit log comes only from the bundle (the builder
 * has no setter for it): a second, mismatched log cannot be wired. The other ports may each be
 * replaced on the builder, e.g. by a decorator of the bundle's own.
 *
 * <p>Implementations: {@code JdbcAccessLinkPersistence} (adapter-persistence-jdbc) and {@link
 * dev.accesslink.core.memory.InMemoryAccessLinkPersistence}. Every method returns the same
 * instance on every call; implementations are thread-safe.
 */
public interface AccessLinkPersistence {

  /** Links and their quota counters. */
  LinkRecords links();

  /** The delivery outbox, over the same links. */
  DeliveryOutbox outbox();

  /** The unlock bookkeeping, over the same links and audit log. */
  UseLog uses();

  /** Groups and their doors. */
  GroupDirectory groups();

  /** Organization settings. */
  Organizations organizations();

  /** The audit log the stored ports append to. */
  AccessEvents events();

  /**
   * Where an unlock's intent is kept before its door command is sent, so that no door opens
   * without a record after a crash; its {@code UNLOCK_OUTCOME_UNKNOWN} events go to {@link
   * #events()}.
   */
  UnlockJournal unlockJournal();

  /**
   * Where the uses of links with a use limit or a countdown after the first use are taken, over
   * the same links as {@link #links()}.
   */
  UseCounter useCounter();

  /** The organizations' webhook endpoints. */
  WebhookEndpoints webhookEndpoints();

  /**
   * The webhook deliveries, fed by {@link #events()}: every event appended there is announced to
   * the subscribed endpoints exactly once (see {@link WebhookOutbox#announce}).
   */
  WebhookOutbox webhookOutbox();
}
