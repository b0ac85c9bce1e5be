package dev.accesslink.core.port.in;

/**
 * What one dispatcher pass did.
 *
 * @param claimed deliveries claimed
 * @param sent delivered
 * @param retried failed for now, scheduled again
 * @param failed failed for good (link revoked, quota given back)
 * @param lost claims lost to another dispatcher after a lease ran out
 */
public record DispatchReport(int claimed, int sent, int retried, int failed, int lost) {}
