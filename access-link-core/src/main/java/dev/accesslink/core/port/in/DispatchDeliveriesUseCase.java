package dev.accesslink.core.port.in;

/**
 * Deliver what is due: first attempts left behind by a crash, and retries of transient failures.
 * Safe to run from several processes at once; a product calls it on a schedule (every few
 * seconds).
 */
@FunctionalInterface
public interface DispatchDeliveriesUseCase {

  /** One pass over the due deliveries, up to the configured batch size. */
  DispatchReport dispatchDue();
}
