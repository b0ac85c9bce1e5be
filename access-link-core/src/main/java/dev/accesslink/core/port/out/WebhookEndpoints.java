package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.WebhookEndpoint;
import dev.accesslink.core.domain.WebhookEndpointId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook endpoints an organization registered, with their sealed signing secrets (see {@link
 * SecretSealer}: the store never sees a secret in clear). Thread-safe. Contract: {@code
 * WebhookStoreContract} in the testkit.
 */
public interface WebhookEndpoints {

  /**
   * Stores a new endpoint; from {@link WebhookEndpoint#createdAt()} on, the events of its types
   * recorded in the audit log are queued for it (see {@link WebhookOutbox#announce}).
   *
   * @param sealedSecret its signing secret, sealed
   */
  void create(WebhookEndpoint endpoint, String sealedSecret);

  /** The organization's endpoints, oldest first. */
  List<WebhookEndpoint> list(OrganizationId organization);

  /** One endpoint of the organization, if it exists. */
  Optional<WebhookEndpoint> find(OrganizationId organization, WebhookEndpointId id);

  /**
   * Deletes the endpoint, its subscriptions and its delivery log (queued events are not sent).
   *
   * @return false if there was no such endpoint
   */
  boolean delete(OrganizationId organization, WebhookEndpointId id);

  /**
   * Makes {@code newSealedSecret} the endpoint's secret; the current one stays valid (events are
   * signed with both) until {@code previousValidUntil}.
   *
   * @return false if there was no such endpoint
   */
  boolean rotateSecret(
      OrganizationId organization, WebhookEndpointId id, String newSealedSecret, Instant previousValidUntil);

  /**
   * Enables a disabled endpoint again: its queued events are sent, and new events are queued for it.
   *
   * @return false if there was no such endpoint
   */
  boolean enable(OrganizationId organization, WebhookEndpointId id);
}
