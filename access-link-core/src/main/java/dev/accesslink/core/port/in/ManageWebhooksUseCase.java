package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.WebhookDelivery;
import dev.accesslink.core.domain.WebhookEndpoint;
import dev.accesslink.core.domain.WebhookEndpointId;
import java.util.List;

/**
 * An organization's webhook endpoints: register, list, rotate, re-enable, delete, and read each
 * one's delivery log. Every call throws {@code UnknownOrganizationException} ({@code
 * organization.unknown}) for an organization that does not exist, and {@code
 * UnknownWebhookEndpointException} ({@code webhook.unknown}) for an endpoint id not in it.
 */
public interface ManageWebhooksUseCase {

  /**
   * Registers an endpoint with a new signing secret, shown only in the answer. It receives the
   * events of its types recorded from now on.
   *
   * @throws dev.accesslink.core.domain.InvalidInputException {@code webhook.url.invalid} (not an
   *     absolute http(s) URL with a host, or with user info, a fragment or a port outside 1 to
   *     65535), {@code webhook.url.too_long} (longer than 2000 characters), {@code
   *     webhook.url.insecure} (not {@code https}), {@code webhook.url.private_address} (a literal
   *     private, loopback or reserved address, or {@code localhost}, unless the webhook policy
   *     allows it), {@code webhook.events.required}, {@code
   *     webhook.events.unknown}, {@code webhook.endpoints.too_many} (the organization has 50
   *     endpoints already); nothing is stored then
   */
  CreatedWebhookEndpoint createWebhookEndpoint(CreateWebhookEndpointCommand command);

  /** The organization's endpoints, oldest first. */
  List<WebhookEndpoint> webhookEndpoints(OrganizationId organization);

  /** Deletes an endpoint and its delivery log; its queued events are not sent. */
  void deleteWebhookEndpoint(OrganizationId organization, WebhookEndpointId endpoint, AdminId admin);

  /**
   * Gives the endpoint a new signing secret, shown only in the answer; the old one stays valid
   * (events carry a signature with each) for the policy's rotation overlap (24 hours by default),
   * so that the receiver can switch without losing an event.
   */
  CreatedWebhookEndpoint rotateWebhookSecret(OrganizationId organization, WebhookEndpointId endpoint, AdminId admin);

  /** Enables an endpoint that the library disabled: its queued events are sent again. */
  WebhookEndpoint enableWebhookEndpoint(OrganizationId organization, WebhookEndpointId endpoint, AdminId admin);

  /**
   * The endpoint's delivery log, newest first, at most {@code limit} (1 to 500).
   *
   * @throws dev.accesslink.core.domain.InvalidInputException {@code page.limit.out_of_range}
   */
  List<WebhookDelivery> webhookDeliveries(OrganizationId organization, WebhookEndpointId endpoint, int limit);
}
