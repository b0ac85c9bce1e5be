package dev.accesslink.core.memory;

import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.AccessLinkPersistence;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.UseCounter;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.WebhookEndpoints;
import dev.accesslink.core.port.out.WebhookOutbox;
import java.util.Objects;

/**
 * The reference {@link AccessLinkPersistence}, in memory: links, outbox and unlock bookkeeping
 * over one state guarded by one lock (which makes quota reservations trivially exact), plus
 * groups, organizations, the audit log the stored ports append to, and the webhook endpoints and
 * deliveries fed by that log.
 *
 * <pre>{@code
 * InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence();
 * persistence.organizations().save(OrganizationSettings.of(org, "Acme", URI.create("https://acme.example/l/")));
 * persistence.groups().put(new Group(org, GroupId.of("visitors"), "Visitors", doors));
 * AccessLinks links = AccessLinks.builder().persistence(persistence).doors(doorController).build();
 * }</pre>
 *
 * <p>Thread-safe; for tests, demos and single-process use. Nothing is kept on disk.
 */
public final class InMemoryAccessLinkPersistence implements AccessLinkPersistence {
  private final InMemoryLinkRecords links;
  private final InMemoryDeliveryOutbox outbox;
  private final InMemoryUseLog uses;
  private final InMemoryGroupDirectory groups = new InMemoryGroupDirectory();
  private final InMemoryOrganizations organizations = new InMemoryOrganizations();
  private final AccessEvents events;
  private final InMemoryUnlockJournal journal;
  private final InMemoryUseCounter useCounter;
  private final InMemoryWebhookStore webhooks;

  /** Empty, with an {@link InMemoryAccessEvents} audit log of its own. */
  public InMemoryAccessLinkPersistence() {
    this(new InMemoryAccessEvents());
  }

  /**
   * Empty, with {@code events} as its audit log: the stored ports append to it through {@link
   * #events()}, which also queues each event for the webhook endpoints that subscribe to it. Pass an {@link InMemoryAccessEvents} to read every event back in a
   * test, or a log that keeps nothing to measure without it.
   */
  public InMemoryAccessLinkPersistence(AccessEvents events) {
    Objects.requireNonNull(events, "events");
    LinkTable[] table = new LinkTable[1];
    // the table needs the announcing log, which needs the webhook store, which reads the table
    this.webhooks = new InMemoryWebhookStore(() -> table[0]);
    this.events = new AnnouncingEvents(events, webhooks);
    table[0] = new LinkTable(this.events);
    this.links = new InMemoryLinkRecords(table[0]);
    this.outbox = new InMemoryDeliveryOutbox(table[0]);
    this.uses = new InMemoryUseLog(table[0]);
    this.journal = new InMemoryUnlockJournal(this.events, events);
    this.useCounter = new InMemoryUseCounter(table[0]);
  }

  @Override
  public LinkRecords links() {
    return links;
  }

  @Override
  public DeliveryOutbox outbox() {
    return outbox;
  }

  @Override
  public UseLog uses() {
    return uses;
  }

  /** The groups, with {@link InMemoryGroupDirectory#put} to create them. */
  @Override
  public InMemoryGroupDirectory groups() {
    return groups;
  }

  @Override
  public InMemoryOrganizations organizations() {
    return organizations;
  }

  @Override
  public AccessEvents events() {
    return events;
  }

  @Override
  public InMemoryUnlockJournal unlockJournal() {
    return journal;
  }

  @Override
  public UseCounter useCounter() {
    return useCounter;
  }

  @Override
  public WebhookEndpoints webhookEndpoints() {
    return webhooks;
  }

  @Override
  public WebhookOutbox webhookOutbox() {
    return webhooks;
  }
}
