package dev.accesslink.email;

/** Character checks and HTML escaping. Not API. */
final class Texts {
  private Texts() {}

  /**
   * True for characters that must never reach a header or be shown as typed: ISO controls (CR,
   * LF, NUL, TAB, DEL, C1), Unicode format characters (zero-width and bidi overrides) and the
   * Unicode line and paragraph separators.
   */
  static boolean isControlOrInvisible(int cp) {
    if (Character.isISOControl(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  static boolean hasControlOrInvisible(String s) {
    return s.codePoints().anyMatch(Texts::isControlOrInvisible);
  }

  /**
   * Makes a user value safe to show on one line: every control or invisible character becomes a
   * space, runs of white space become one space, and the ends are trimmed.
   */
  static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isControlOrInvisible(cp) || Character.isWhitespace(cp)) {
        space = true;
        continue;
      }
      if (space && b.length() > 0) {
        b.append(' ');
      }
      space = false;
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  /** At most {@code max} code points; a shortened text ends with an ellipsis. */
  static String shorten(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)).strip() + "\u2026";
  }

  /** Escapes {@code & < > " '} for HTML text and attribute values. */
  static String escapeHtml(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
