package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.OrganizationId;
import java.util.List;
import java.util.Objects;

/**
 * Registers a webhook endpoint. The URL and event names are checked by the use case (see {@link
 * ManageWebhooksUseCase#createWebhookEndpoint}).
 *
 * @param organization whose events it receives
 * @param admin the acting administrator
 * @param url where to post events: {@code https://...} on a public address (plain {@code http://}
 *     only to a loopback address, and private addresses only, when the library's webhook policy
 *     allows them)
 * @param events the event types, by wire name ({@code link.sent}, {@code door.unlocked} ...)
 */
public record CreateWebhookEndpointCommand(
    OrganizationId organization, AdminId admin, String url, List<String> events) {

  public CreateWebhookEndpointCommand {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(url, "url");
    events = List.copyOf(events);
  }
}
