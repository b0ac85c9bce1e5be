package dev.accesslink.core.port.in;

/**
 * Deliver what is due: first attempts left behind by a crash, and retries of transient failures.
 * Safe to run from several processes at once. {@code AccessLinks} runs it on its own thread
 * whenever a notifier is configured ({@code AccessLinksBuilder.dispatchEvery}); call it yourself
 * only when that is turned off.
 */
@FunctionalInterface
public interface DispatchDeliveriesUseCase {

  /**
   * One pass over the due deliveries, up to the configured batch size. Each pass first deletes the
   * idempotency keys past their retention ({@code LinkRecords.purgeIdempotencyKeys}): without a
   * dispatcher, call this on a schedule to keep that table small.
   */
  DispatchReport dispatchDue();
}
