package dev.accesslink.core.memory;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.AccessEvents;
import java.util.List;

/**
 * The audit log of an {@link InMemoryAccessLinkPersistence}: appends to the given log and, in the
 * same locked step, queues the event for the webhook endpoints that subscribe to it.
 */
final class AnnouncingEvents implements AccessEvents {
  private final AccessEvents log;
  private final InMemoryWebhookStore webhooks;

  AnnouncingEvents(AccessEvents log, InMemoryWebhookStore webhooks) {
    this.log = log;
    this.webhooks = webhooks;
  }

  @Override
  public void record(AccessEvent event) {
    synchronized (webhooks) {
      log.record(event);
      webhooks.queue(event);
    }
  }

  @Override
  public List<AccessEvent> recent(OrganizationId organization, int limit) {
    return log.recent(organization, limit);
  }
}
