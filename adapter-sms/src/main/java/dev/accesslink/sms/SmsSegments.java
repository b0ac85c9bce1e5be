package dev.accesslink.sms;

import java.util.Objects;

/**
 * How many SMS segments a body takes, and in which encoding: Twilio bills per segment.
 *
 * <p>A body of GSM-7 characters (GSM 03.38; characters of the extension table such as {@code €},
 * {@code [} or a curly bracket count twice) fits 160 in one segment and 153 per segment when split. A
 * single character outside GSM-7 makes the whole body UCS-2: 70 UTF-16 units in one segment, 67
 * per segment when split.
 *
 * @param encoding GSM-7 or UCS-2
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param segments how many segments (0 for an empty body)
 */
public record SmsSegments(Encoding encoding, int units, int segments) {
  /** The two encodings of an SMS. */
  public enum Encoding {
    /** The GSM 03.38 7-bit alphabet. */
    GSM_7,
    /** UTF-16, for any other character. */
    UCS_2
  }

  /** Checks the values. */
  public SmsSegments {
    Objects.requireNonNull(encoding, "encoding");
    if (units < 0 || segments < 0) {
      throw new IllegalArgumentException("negative count");
    }
  }

  /** The encoding and segments of {@code body}, as the network counts them. */
  public static SmsSegments of(String body) {
    boolean gsm = SmsText.isGsm7(body);
    return new SmsSegments(gsm ? Encoding.GSM_7 : Encoding.UCS_2,
        gsm ? SmsText.septets(body) : body.length(), SmsText.segments(body));
  }
}
