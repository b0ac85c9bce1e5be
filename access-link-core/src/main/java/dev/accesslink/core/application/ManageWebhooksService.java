package dev.accesslink.core.application;

import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.UnknownWebhookEndpointException;
import dev.accesslink.core.domain.WebhookDelivery;
import dev.accesslink.core.domain.WebhookEndpoint;
import dev.accesslink.core.domain.WebhookEndpointId;
import dev.accesslink.core.domain.WebhookEventType;
import dev.accesslink.core.domain.WebhookSecret;
import dev.accesslink.core.port.in.CreateWebhookEndpointCommand;
import dev.accesslink.core.port.in.CreatedWebhookEndpoint;
import dev.accesslink.core.port.in.ManageWebhooksUseCase;
import dev.accesslink.core.port.out.SecretSealer;
import dev.accesslink.core.port.out.WebhookEndpoints;
import dev.accesslink.core.port.out.WebhookOutbox;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Registers, lists, rotates, enables and deletes webhook endpoints. */
final class ManageWebhooksService implements ManageWebhooksUseCase {
  /**
   * The most endpoints one organization may register: every event of a link is queued for each
   * endpoint in the transaction that writes it, so without a bound one administrator could make
   * every send and unlock write thousands of rows (GitHub allows 20 hooks, Stripe 16).
   */
  static final int MAX_ENDPOINTS_PER_ORGANIZATION = 50;

  private final OrganizationLookup organizations;
  private final WebhookEndpoints endpoints;
  private final WebhookOutbox outbox;
  private final SecretSealer sealer;
  private final WebhookPolicy policy;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ManageWebhooksService(
      OrganizationLookup organizations, WebhookEndpoints endpoints, WebhookOutbox outbox, SecretSealer sealer,
      WebhookPolicy policy, Clock clock) {
    this.organizations = organizations;
    this.endpoints = endpoints;
    this.outbox = outbox;
    this.sealer = sealer;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public CreatedWebhookEndpoint createWebhookEndpoint(CreateWebhookEndpointCommand command) {
    URI url = WebhookUrls.check(command.url(), policy);
    Set<WebhookEventType> events = WebhookEventType.parseAll(command.events());
    organizations.require(command.organization());
    if (endpoints.list(command.organization()).size() >= MAX_ENDPOINTS_PER_ORGANIZATION) {
      throw new InvalidInputException("webhook.endpoints.too_many", "url", "An organization has at most "
          + MAX_ENDPOINTS_PER_ORGANIZATION + " webhook endpoints; delete one you no longer use first.");
    }
    WebhookEndpoint endpoint = new WebhookEndpoint(WebhookEndpointId.random(), command.organization(), url, events,
        clock.instant(), command.admin(), null);
    WebhookSecret secret = WebhookSecret.generate(random);
    endpoints.create(endpoint, sealer.seal(secret));
    return new CreatedWebhookEndpoint(endpoint, secret);
  }

  @Override
  public List<WebhookEndpoint> webhookEndpoints(OrganizationId organization) {
    organizations.require(organization);
    return endpoints.list(organization);
  }

  @Override
  public void deleteWebhookEndpoint(OrganizationId organization, WebhookEndpointId endpoint, AdminId admin) {
    organizations.require(organization);
    if (!endpoints.delete(organization, endpoint)) {
      throw new UnknownWebhookEndpointException(endpoint);
    }
  }

  @Override
  public CreatedWebhookEndpoint rotateWebhookSecret(
      OrganizationId organization, WebhookEndpointId endpoint, AdminId admin) {
    organizations.require(organization);
    WebhookSecret secret = WebhookSecret.generate(random);
    if (!endpoints.rotateSecret(organization, endpoint, sealer.seal(secret),
        clock.instant().plus(policy.rotationOverlap()))) {
      throw new UnknownWebhookEndpointException(endpoint);
    }
    return new CreatedWebhookEndpoint(require(organization, endpoint), secret);
  }

  @Override
  public WebhookEndpoint enableWebhookEndpoint(OrganizationId organization, WebhookEndpointId endpoint, AdminId admin) {
    organizations.require(organization);
    if (!endpoints.enable(organization, endpoint)) {
      throw new UnknownWebhookEndpointException(endpoint);
    }
    return require(organization, endpoint);
  }

  @Override
  public List<WebhookDelivery> webhookDeliveries(OrganizationId organization, WebhookEndpointId endpoint, int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidInputException("page.limit.out_of_range", "limit", "The limit must be between 1 and 500.");
    }
    organizations.require(organization);
    require(organization, endpoint);
    return outbox.deliveries(organization, endpoint, limit);
  }

  private WebhookEndpoint require(OrganizationId organization, WebhookEndpointId endpoint) {
    return endpoints.find(organization, endpoint).orElseThrow(() -> new UnknownWebhookEndpointException(endpoint));
  }
}
