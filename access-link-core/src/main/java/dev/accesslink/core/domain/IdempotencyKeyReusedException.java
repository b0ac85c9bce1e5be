package dev.accesslink.core.domain;

/**
 * A send carried an idempotency key that an earlier send of the organization, still kept, used
 * for a different request (another recipient, channel, address, group, window, external reference
 * or administrator). Code {@code idempotency.key_reused}. Nothing was stored, counted or sent:
 * use a fresh key for a new request. The message names neither the key nor the earlier link.
 */
public final class IdempotencyKeyReusedException extends AccessLinkException {
  private static final long serialVersionUID = 1L;

  public IdempotencyKeyReusedException() {
    super("idempotency.key_reused",
        "This idempotency key was already used for a different request; use a new key for a new request.");
  }
}
