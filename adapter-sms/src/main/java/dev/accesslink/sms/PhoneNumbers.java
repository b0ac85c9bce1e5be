package dev.accesslink.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.accesslink.core.port.out.AddressCheck;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks phone numbers as a person types them and normalizes them to E.164, with libphonenumber.
 *
 * <p>The rules, in order: not blank; at most {@value #MAX_INPUT_LENGTH} characters and no control
 * characters; parsed with default region US (so {@code (787) 555-0123} is Puerto Rico); no
 * extension; no letters (vanity numbers such as 1-800-FLOWERS); a valid number; of an allowed
 * <em>region</em> (country calling code 1 is shared by 25 regions, so the region is looked up from
 * the number, never from its prefix); and of a type that can take an SMS (not toll-free, premium
 * rate, shared cost, UAN, voicemail or pager). A refusal carries a {@link PhoneProblem#code()}.
 *
 * <p>Immutable and thread-safe. {@link #check} never throws and never does I/O.
 */
public final class PhoneNumbers {
  /** Longest accepted input, in characters; longer input is {@link PhoneProblem#TOO_LONG}. */
  public static final int MAX_INPUT_LENGTH = 64;

  private static final String DEFAULT_REGION = "US";
  private static final Set<PhoneNumberType> NOT_SMS_CAPABLE =
      EnumSet.of(
          PhoneNumberType.TOLL_FREE,
          PhoneNumberType.PREMIUM_RATE,
          PhoneNumberType.SHARED_COST,
          PhoneNumberType.UAN,
          PhoneNumberType.VOICEMAIL,
          PhoneNumberType.PAGER);

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final Set<String> allowedRegions;

  private PhoneNumbers(Set<String> allowedRegions) {
    this.allowedRegions = allowedRegions;
  }

  /** Allows the default regions: United States, Canada and Puerto Rico. */
  public static PhoneNumbers defaultRegions() {
    return new PhoneNumbers(TwilioSettings.DEFAULT_ALLOWED_REGIONS);
  }

  /**
   * Allows numbers of these ISO 3166 regions, such as {@code Set.of("US", "CA", "PR", "VI")}.
   *
   * @throws IllegalArgumentException if the set is empty or names a region libphonenumber does not
   *     know
   */
  public static PhoneNumbers allowing(Set<String> regions) {
    Objects.requireNonNull(regions, "regions");
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("at least one region must be allowed");
    }
    Set<String> supported = PhoneNumberUtil.getInstance().getSupportedRegions();
    TreeSet<String> codes = new TreeSet<>();
    for (String r : regions) {
      String code = r.strip().toUpperCase(Locale.ROOT);
      if (!supported.contains(code)) {
        throw new IllegalArgumentException("unknown region code: '" + r + "'");
      }
      codes.add(code);
    }
    return new PhoneNumbers(Set.copyOf(codes));
  }

  /** The allowed region codes. */
  public Set<String> allowedRegions() {
    return allowedRegions;
  }

  /**
   * Validates {@code raw} and returns its E.164 form (such as {@code +17875550123}) or an {@link
   * AddressCheck.Invalid} whose code is one of {@link PhoneProblem}'s. Idempotent: an E.164 result
   * checks to itself. Never throws.
   */
  public AddressCheck check(String raw) {
    String original = raw == null ? "" : raw;
    if (original.length() > MAX_INPUT_LENGTH * 4) {
      return tooLongInput();
    }
    // Before stripping: a trailing line break is hostile input, not white space to forgive.
    if (hasControlOrFormatCharacter(original)) {
      return refuse(
          PhoneProblem.INVALID, "A phone number cannot contain line breaks or control characters.");
    }
    String input = original.strip();
    if (input.isEmpty()) {
      return refuse(PhoneProblem.BLANK, "Enter the phone number to send the link to.");
    }
    if (input.length() > MAX_INPUT_LENGTH) {
      return tooLongInput();
    }
    // An RFC 3966 URI ("tel:+1-202-555-0123") is digits too; its "tel:" is not a vanity spelling.
    String digitsPart =
        input.regionMatches(true, 0, "tel:", 0, 4) ? input.substring(4) : input;
    boolean letters = digitsPart.codePoints().anyMatch(Character::isLetter);
    PhoneNumber number;
    try {
      number = util.parse(input, DEFAULT_REGION);
    } catch (NumberParseException e) {
      if (e.getErrorType() == NumberParseException.ErrorType.TOO_LONG) {
        return tooManyDigits();
      }
      if (letters && digits(input) >= 3) {
        return lettersRefused();
      }
      return refuse(
          PhoneProblem.INVALID, "This is not a phone number. Enter it like (202) 555-0123.");
    }
    if (number.hasExtension() && !number.getExtension().isEmpty()) {
      return refuse(
          PhoneProblem.EXTENSION,
          "A text message cannot reach an extension; enter a mobile number without one.");
    }
    if (letters) {
      return lettersRefused();
    }
    ValidationResult possible = util.isPossibleNumberWithReason(number);
    if (possible == ValidationResult.TOO_LONG) {
      return tooManyDigits();
    }
    if (!util.isValidNumber(number)) {
      return refuse(
          PhoneProblem.INVALID,
          "This phone number does not exist; check the area code and the number of digits.");
    }
    String region = util.getRegionCodeForNumber(number);
    if (region == null || !allowedRegions.contains(region)) {
      return refuse(
          PhoneProblem.REGION_NOT_ALLOWED,
          "Links can be sent by SMS only to numbers in "
              + regionNames(allowedRegions)
              + "; this number is in "
              + (region == null ? "another region" : regionName(region))
              + ".");
    }
    PhoneNumberType type = util.getNumberType(number);
    if (NOT_SMS_CAPABLE.contains(type)) {
      return refuse(
          PhoneProblem.TYPE_NOT_SMS_CAPABLE,
          "This is a "
              + type.name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + " number, which cannot receive text messages; enter a mobile number.");
    }
    return AddressCheck.valid(util.format(number, PhoneNumberFormat.E164));
  }

  private static AddressCheck refuse(PhoneProblem problem, String message) {
    return AddressCheck.invalid(problem.code(), message);
  }

  private static AddressCheck tooLongInput() {
    return refuse(
        PhoneProblem.TOO_LONG,
        "A phone number has at most " + MAX_INPUT_LENGTH + " characters; check what was pasted.");
  }

  private static AddressCheck tooManyDigits() {
    return refuse(PhoneProblem.TOO_LONG, "This phone number has too many digits.");
  }

  private static AddressCheck lettersRefused() {
    return refuse(
        PhoneProblem.LETTERS,
        "Enter the phone number with digits only (for example 1-800-356-9377, not 1-800-FLOWERS).");
  }

  private static boolean hasControlOrFormatCharacter(String s) {
    return s.codePoints()
        .anyMatch(
            c ->
                Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
  }

  private static long digits(String s) {
    return s.codePoints().filter(Character::isDigit).count();
  }

  static String regionName(String region) {
    String name = new Locale("", region).getDisplayCountry(Locale.ENGLISH);
    return name.isEmpty() || name.equals(region) ? region : name + " (" + region + ")";
  }

  private static String regionNames(Set<String> regions) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (String r : new TreeSet<>(regions)) {
      if (i > 0) {
        sb.append(i == regions.size() - 1 ? " and " : ", ");
      }
      sb.append(regionName(r));
      i++;
    }
    return sb.toString();
  }
}
