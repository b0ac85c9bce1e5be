package dev.accesslink.core.memory;

import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.AccessLinkPersistence;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.UseCounter;
import dev.accesslink.core.port.out.UseLog;
import java.util.Objects;

/**
 * The reference {@link AccessLinkPersistence}, in memory: links, outbox and unlock bookkeeping
 * over one state guarded by one lock (which makes quota reservations trivially exact), plus
 * groups, organizations and the audit log the stored ports append to.
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

  /** Empty, with an {@link InMemoryAccessEvents} audit log of its own. */
  public InMemoryAccessLinkPersistence() {
    this(new InMemoryAccessEvents());
  }

  /**
   * Empty, with {@code events} as its audit log: the stored ports append to it and {@link
   * #events()} returns it. Pass an {@link InMemoryAccessEvents} to read every event back in a
   * test, or a log that keeps nothing to measure without it.
   */
  public InMemoryAccessLinkPersistence(AccessEvents events) {
    this.events = Objects.requireNonNull(events, "events");
    LinkTable table = new LinkTable(events);
    this.links = new InMemoryLinkRecords(table);
    this.outbox = new InMemoryDeliveryOutbox(table);
    this.uses = new InMemoryUseLog(table);
    this.journal = new InMemoryUnlockJournal(events);
    this.useCounter = new InMemoryUseCounter(table);
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
}
