package dev.accesslink.core.internal;

/** Small text checks shared by the value types. Not API. */
public final class Text {
  private Text() {}

  /** True when {@code s} contains an ISO control character (CR, LF, NUL, tab, DEL, C1 ...). */
  public static boolean hasControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Length in Unicode code points, so that an emoji counts as one character. */
  public static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }
}
