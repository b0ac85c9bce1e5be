package dev.accesslink.core.domain;

/** An administrator named a webhook endpoint that does not exist in the organization. Code {@code webhook.unknown}. */
public final class UnknownWebhookEndpointException extends AccessLinkException {
  private static final long serialVersionUID = 1L;

  private final WebhookEndpointId endpoint;

  /** For the endpoint id that was not found. */
  public UnknownWebhookEndpointException(WebhookEndpointId endpoint) {
    super("webhook.unknown", "No webhook endpoint " + endpoint + " exists in this organization.");
    this.endpoint = endpoint;
  }

  /** The id that was not found. */
  public WebhookEndpointId endpoint() {
    return endpoint;
  }
}
