package dev.accesslink.sms;

import java.text.Normalizer;
import java.util.Map;

/**
 * SMS text rules: the GSM 03.38 7-bit alphabet, segment counting, and the clean-up that keeps a
 * message GSM-7 where possible. Not API.
 *
 * <p>A message of GSM-7 characters takes 160 septets in one segment, 153 per segment when split
 * (characters of the extension table, such as {@code €} or {@code [}, count twice). Any other
 * character makes the whole message UCS-2: 70 UTF-16 units in one segment, 67 per segment when
 * split.
 */
final class SmsText {
  private SmsText() {}

  /** The GSM 03.38 basic character set (one septet each). */
  static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** The GSM 03.38 extension table (two septets each: escape + character). */
  static final String GSM_EXTENSION = "\f^{}\\[~]|€";

  /** Look-alikes that would otherwise turn a whole message into UCS-2. */
  private static final Map<Integer, String> REPLACEMENTS =
      Map.ofEntries(
          Map.entry(0x2018, "'"), Map.entry(0x2019, "'"), Map.entry(0x201A, "'"),
          Map.entry(0x201B, "'"), Map.entry(0x2032, "'"), Map.entry(0x00B4, "'"),
          Map.entry(0x0060, "'"),
          Map.entry(0x201C, "\""), Map.entry(0x201D, "\""), Map.entry(0x201E, "\""),
          Map.entry(0x2033, "\""), Map.entry(0x00AB, "\""), Map.entry(0x00BB, "\""),
          Map.entry(0x2010, "-"), Map.entry(0x2011, "-"), Map.entry(0x2012, "-"),
          Map.entry(0x2013, "-"), Map.entry(0x2014, "-"), Map.entry(0x2015, "-"),
          Map.entry(0x2212, "-"), Map.entry(0x2022, "-"), Map.entry(0x00B7, "."),
          Map.entry(0x2026, "..."),
          Map.entry(0x00A0, " "), Map.entry(0x2002, " "), Map.entry(0x2003, " "),
          Map.entry(0x2007, " "), Map.entry(0x2009, " "), Map.entry(0x202F, " "),
          Map.entry(0x00D7, "x"),
          Map.entry(0x0141, "L"), Map.entry(0x0142, "l"), Map.entry(0x0110, "D"),
          Map.entry(0x0111, "d"), Map.entry(0x0131, "i"), Map.entry(0x0152, "OE"),
          Map.entry(0x0153, "oe"));

  /** True when every character of {@code s} is in the GSM-7 basic or extension table. */
  static boolean isGsm7(String s) {
    return s.codePoints().allMatch(SmsText::isGsmCodePoint);
  }

  /** The number of SMS segments {@code s} takes (0 for the empty string). */
  static int segments(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    if (isGsm7(s)) {
      int septets = septets(s);
      return septets <= 160 ? 1 : (septets + 152) / 153;
    }
    int units = s.length();
    return units <= 70 ? 1 : (units + 66) / 67;
  }

  /** Septets of a GSM-7 string: extension characters count twice. */
  static int septets(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      n += GSM_EXTENSION.indexOf(s.charAt(i)) >= 0 ? 2 : 1;
    }
    return n;
  }

  /**
   * Cleans one user-supplied value for a message: control and format characters become spaces,
   * runs of white space become one space, and characters outside GSM-7 become a GSM-7 look-alike
   * where one exists (typographic quotes and dashes, accented letters without their accent).
   * Characters with no look-alike stay (the message is then sent as UCS-2).
   */
  static String cleanValue(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    value.codePoints().forEach(c -> sb.append(isControl(c) ? " " : gsmLookAlike(c)));
    return sb.toString().replaceAll("\\s+", " ").strip();
  }

  /**
   * Cleans a rendered body: removes control and format characters except the line feed, and
   * trims trailing white space. Does not touch the characters a template chose on purpose.
   */
  static String cleanBody(String body) {
    StringBuilder sb = new StringBuilder(body.length());
    body.codePoints().filter(c -> c == '\n' || !isControl(c)).forEach(sb::appendCodePoint);
    return sb.toString().strip();
  }

  /** Keeps at most {@code max} code points of {@code s}, cut at a word boundary when one is near. */
  static String shorten(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    String cut = s.substring(0, s.offsetByCodePoints(0, max));
    int space = cut.lastIndexOf(' ');
    if (space >= max / 2) {
      cut = cut.substring(0, space);
    }
    return cut.strip();
  }

  private static boolean isControl(int c) {
    int type = Character.getType(c);
    return Character.isISOControl(c)
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static boolean isGsmCodePoint(int c) {
    return c < 0x10000
        && (GSM_BASIC.indexOf((char) c) >= 0 || GSM_EXTENSION.indexOf((char) c) >= 0);
  }

  private static String gsmLookAlike(int c) {
    if (isGsmCodePoint(c)) {
      return Character.toString(c);
    }
    String replacement = REPLACEMENTS.get(c);
    if (replacement != null) {
      return replacement;
    }
    String decomposed =
        Normalizer.normalize(Character.toString(c), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return !decomposed.isEmpty() && isGsm7(decomposed) ? decomposed : Character.toString(c);
  }
}
