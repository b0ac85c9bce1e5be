package dev.accesslink.core.application;

import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.AccessLinkPersistence;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.core.port.out.UnlockJournal;
import dev.accesslink.core.port.out.UseCounter;
import dev.accesslink.core.port.out.UseLog;
import org.jspecify.annotations.Nullable;

/**
 * The stored ports one {@link AccessLinks} runs on: the persistence bundle's, each replaced by the
 * builder's override where one was given. The audit log always is the bundle's, since the stored
 * ports append to it.
 */
record WiredPorts(
    LinkRecords links, DeliveryOutbox outbox, UseLog uses, GroupDirectory groups,
    Organizations organizations, AccessEvents events, UnlockJournal journal, UseCounter useCounter) {

  static WiredPorts resolve(
      @Nullable AccessLinkPersistence persistence, @Nullable LinkRecords links,
      @Nullable DeliveryOutbox outbox, @Nullable UseLog uses, @Nullable GroupDirectory groups,
      @Nullable Organizations organizations, @Nullable UnlockJournal journal) {
    if (persistence == null) {
      throw new IllegalStateException("AccessLinks.builder(): persistence(...) is required: the stored ports and"
          + " their shared audit log, e.g. JdbcAccessLinkPersistence, or InMemoryAccessLinkPersistence in tests");
    }
    return new WiredPorts(
        orElse(links, persistence.links(), "links"),
        orElse(outbox, persistence.outbox(), "outbox"),
        orElse(uses, persistence.uses(), "uses"),
        orElse(groups, persistence.groups(), "groups"),
        orElse(organizations, persistence.organizations(), "organizations"),
        orElse(null, persistence.events(), "events"),
        orElse(journal, persistence.unlockJournal(), "unlockJournal"),
        orElse(null, persistence.useCounter(), "useCounter"));
  }

  private static <T> T orElse(@Nullable T override, @Nullable T fromBundle, String name) {
    if (override != null) {
      return override;
    }
    if (fromBundle == null) {
      throw new IllegalStateException("AccessLinks.builder(): the persistence's " + name + "() returned null");
    }
    return fromBundle;
  }
}
