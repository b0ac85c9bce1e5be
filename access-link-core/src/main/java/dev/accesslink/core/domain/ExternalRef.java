package dev.accesslink.core.domain;

import dev.accesslink.core.internal.Text;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a link's external reference: a short text of the caller's own (a booking id, a
 * ticket number) stored with the link, shown on it, and searchable by exact match.
 *
 * <p>Trimmed; blank means none. At most {@link #MAX_LENGTH} characters (code points), no control
 * characters or line/paragraph separators, no bidirectional controls, no unpaired surrogates, at
 * least one visible character. Codes: {@code external_ref.too_long}, {@code
 * external_ref.control_characters}, {@code external_ref.bidi_controls}, {@code
 * external_ref.unpaired_surrogate}, {@code external_ref.invisible}.
 */
public final class ExternalRef {
  /** Longest accepted reference, in characters. */
  public static final int MAX_LENGTH = 100;

  private static final String FIELD = "externalRef";

  private ExternalRef() {}

  /**
   * The reference trimmed, or {@code null} when {@code value} is null or blank.
   *
   * @throws InvalidInputException when it breaks a rule above
   */
  public static @Nullable String check(@Nullable String value) {
    String trimmed = value == null ? "" : value.strip();
    if (trimmed.isEmpty()) {
      return null;
    }
    Text.checkLine(trimmed, "external_ref", FIELD, "An external reference", MAX_LENGTH);
    Text.requireVisible(trimmed, "external_ref", FIELD, "An external reference");
    return trimmed;
  }
}
