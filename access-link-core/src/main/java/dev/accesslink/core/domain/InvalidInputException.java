package dev.accesslink.core.domain;

/**
 * Input that breaks a domain rule: a blank recipient name, a malformed e-mail address, a phone
 * number outside the allowed regions, a validity window that ends before it starts.
 *
 * <p>Thrown before anything is stored, counted or sent. {@link #field()} names the offending
 * input (for example {@code "recipientName"}, {@code "address"}, {@code "validUntil"}) so that a
 * form can show the message next to it.
 *
 * <p>Codes used by core: {@code recipient.name.blank}, {@code recipient.name.too_long},
 * {@code recipient.name.control_characters} (also line and paragraph separators),
 * {@code recipient.name.bidi_controls}, {@code recipient.name.invisible},
 * {@code recipient.name.unpaired_surrogate}, {@code address.required},
 * {@code address.not_applicable}, {@code channel.unsupported}, {@code validity.order},
 * {@code validity.ended}, {@code validity.out_of_range}, {@code id.invalid}, {@code quota.limit.negative},
 * {@code page.limit.out_of_range}, {@code page.cursor.invalid}, {@code organization.settings.invalid},
 * {@code idempotency.key.blank}, {@code idempotency.key.too_long},
 * {@code idempotency.key.invalid_characters}, {@code external_ref.too_long},
 * {@code external_ref.control_characters}, {@code external_ref.bidi_controls},
 * {@code external_ref.unpaired_surrogate}, {@code external_ref.invisible},
 * {@code rules.max_uses.out_of_range}, {@code rules.active_minutes.out_of_range},
 * {@code schedule.slots.empty}, {@code schedule.slots.too_many}, {@code schedule.days.empty},
 * {@code schedule.day.invalid}, {@code schedule.time.invalid}, {@code policy.expiry_required},
 * {@code policy.validity_too_long}, {@code policy.max_validity_days.out_of_range},
 * {@code webhook.url.invalid}, {@code webhook.url.insecure}, {@code webhook.url.private_address},
 * {@code webhook.events.required}, {@code webhook.events.unknown}.
 * Notifiers add their own address codes (for example {@code email.domain.not_dotted}).
 */
public final class InvalidInputException extends AccessLinkException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param code stable error code
   * @param field the name of the offending input
   * @param message what is wrong and how to fix it; must not contain secrets
   */
  public InvalidInputException(String code, String field, String message) {
    super(code, message);
    this.field = field;
  }

  /** The name of the offending input, such as {@code "address"}. */
  public String field() {
    return field;
  }
}
