package dev.accesslink.core.internal;

import dev.accesslink.core.domain.InvalidInputException;

/** Small text checks shared by the value types. Not API. */
public final class Text {
  private Text() {}

  /**
   * Checks one line of text a person typed (a name, a reference), already trimmed and not empty,
   * by the rules the value types share, in this order: at most {@code maxLength} code points
   * ({@code <codePrefix>.too_long}), no unpaired surrogate ({@code .unpaired_surrogate}), no
   * control character or line separator ({@code .control_characters}), no bidirectional control
   * ({@code .bidi_controls}). {@link #requireVisible} is the last rule, apart so that a caller may
   * check more in between.
   *
   * @param subject how the messages name the value, capitalized ("A recipient's name")
   * @throws InvalidInputException with {@code field} when a rule is broken
   */
  public static void checkLine(String trimmed, String codePrefix, String field, String subject, int maxLength) {
    if (codePoints(trimmed) > maxLength) {
      throw new InvalidInputException(
          codePrefix + ".too_long", field, subject + " has at most " + maxLength + " characters.");
    }
    if (hasUnpairedSurrogate(trimmed)) {
      throw new InvalidInputException(codePrefix + ".unpaired_surrogate", field,
          subject + " must be valid Unicode text (it has half of a character pair).");
    }
    if (hasControlCharacter(trimmed) || hasLineSeparator(trimmed)) {
      throw new InvalidInputException(codePrefix + ".control_characters", field,
          subject + " cannot contain line breaks or control characters.");
    }
    if (hasBidiControl(trimmed)) {
      throw new InvalidInputException(codePrefix + ".bidi_controls", field,
          subject + " cannot contain characters that change the direction of the text.");
    }
  }

  /**
   * The last rule of {@link #checkLine}: at least one visible character ({@code
   * <codePrefix>.invisible}).
   *
   * @throws InvalidInputException with {@code field} when {@code trimmed} has none
   */
  public static void requireVisible(String trimmed, String codePrefix, String field, String subject) {
    if (!hasVisibleCharacter(trimmed)) {
      throw new InvalidInputException(
          codePrefix + ".invisible", field, subject + " needs at least one visible character.");
    }
  }

  /** True when {@code s} contains an ISO control character (CR, LF, NUL, tab, DEL, C1 ...). */
  public static boolean hasControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code s} contains a line or paragraph separator (U+2028, U+2029): line breaks that
   * {@link #hasControlCharacter} does not see.
   */
  public static boolean hasLineSeparator(String s) {
    return s.indexOf('\u2028') >= 0 || s.indexOf('\u2029') >= 0;
  }

  /**
   * True when {@code s} contains a bidirectional formatting character (embeddings, overrides,
   * isolates, directional marks) that can make text show in another order than it is stored.
   */
  public static boolean hasBidiControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
          || c == '\u200E' || c == '\u200F' || c == '\u061C') {
        return true;
      }
    }
    return false;
  }

  /** True when {@code s} has a high surrogate without its low one, or a low one alone. */
  public static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return true;
      }
      if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code s} has at least one character a person can see: not white space, not a
   * format character (zero-width space, joiners, soft hyphen ...), not a filler that renders
   * blank (Hangul fillers, Braille blank, combining grapheme joiner).
   */
  public static boolean hasVisibleCharacter(String s) {
    return s.codePoints().anyMatch(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
        && Character.getType(cp) != Character.FORMAT && !Character.isISOControl(cp)
        && cp != 0x115F && cp != 0x1160 && cp != 0x3164 && cp != 0xFFA0 && cp != 0x2800 && cp != 0x034F
        && !(cp >= 0xFE00 && cp <= 0xFE0F) && !(cp >= 0xE0100 && cp <= 0xE01EF));
  }

  /** Length in Unicode code points, so that an emoji counts as one character. */
  public static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }
}
