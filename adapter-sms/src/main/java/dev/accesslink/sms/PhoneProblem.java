package dev.accesslink.sms;

/**
 * Why {@link PhoneNumbers} refused a phone number. Each constant has a stable, dotted {@link
 * #code()} that appears as {@link dev.accesslink.core.port.out.AddressCheck.Invalid#code()}.
 */
public enum PhoneProblem {
  /** Nothing was entered. */
  BLANK("phone.blank"),
  /** Not a phone number, or not a number that exists (wrong length, unassigned area code). */
  INVALID("phone.invalid"),
  /** A real number, but of a region that is not allowed (such as Jamaica, +1 876). */
  REGION_NOT_ALLOWED("phone.region.not_allowed"),
  /** A number that cannot receive an SMS: toll-free, premium rate, shared cost, UAN, voicemail, pager. */
  TYPE_NOT_SMS_CAPABLE("phone.type.not_sms_capable"),
  /** The number has an extension ("ext. 12"), which an SMS cannot reach. */
  EXTENSION("phone.extension"),
  /** The number is written with letters (such as 1-800-FLOWERS); enter the digits. */
  LETTERS("phone.letters"),
  /** Too many digits, or far too long an input. */
  TOO_LONG("phone.too_long");

  private final String code;

  PhoneProblem(String code) {
    this.code = code;
  }

  /** The stable error code, such as {@code "phone.region.not_allowed"}. */
  public String code() {
    return code;
  }
}
