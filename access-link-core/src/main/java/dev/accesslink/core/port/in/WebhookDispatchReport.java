package dev.accesslink.core.port.in;

/**
 * What one webhook dispatcher pass did.
 *
 * @param expired {@code LINK_EXPIRED} events recorded
 * @param announced audit events announced to the subscribed endpoints
 * @param delivered deliveries the endpoints acknowledged
 * @param retried deliveries that failed and will be retried
 * @param failed deliveries given up at the end of the retry period (their endpoints disabled)
 */
public record WebhookDispatchReport(int expired, int announced, int delivered, int retried, int failed) {}
