package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.DeliveryChannel;

/**
 * Delivers links over one channel (EMAIL or SMS). Thread-safe.
 *
 * <p>The testkit's {@code LinkNotifierContract} checks what every implementation owes:
 * normalization is idempotent and never throws, hostile input (CR/LF, control characters, huge
 * strings) is refused with a code, a delivered message contains the link URL, and an unreachable
 * provider is a {@link DeliveryResult.TransientFailure}, not an exception.
 */
public interface LinkNotifier {

  /** The channel this notifier serves; never MANUAL. */
  DeliveryChannel channel();

  /**
   * Validates a raw address as a person typed it and returns its normalized form, or a typed
   * refusal. Never throws for bad input, and never does I/O.
   */
  AddressCheck normalize(String rawAddress);

  /**
   * Sends {@code message} to {@code message.address()} (already normalized by {@link #normalize}).
   * Classifies every failure into a result instead of throwing, and never logs the URL. Must not
   * retry by itself: the core's dispatcher owns retries, so a provider client's own retries must
   * be switched off to avoid duplicate messages. When the message may have been handed over and the
   * answer was lost (a timeout after the request went out), answer {@link
   * DeliveryResult.OutcomeUnknown}, not a transient failure: the core then keeps this message's
   * link working after a retry sends another.
   */
  DeliveryResult deliver(LinkMessage message);
}
