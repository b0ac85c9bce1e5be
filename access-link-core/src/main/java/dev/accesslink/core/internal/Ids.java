package dev.accesslink.core.internal;

import dev.accesslink.core.domain.InvalidInputException;
import java.util.regex.Pattern;

/** Validation of the string identifiers (organization, group, door, administrator). Not API. */
public final class Ids {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

  private Ids() {}

  /** Returns {@code value} if it is a well-formed identifier, else throws a typed error. */
  public static String check(String kind, String field, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new InvalidInputException(
          "id.invalid",
          field,
          "A " + kind + " id is 1 to 128 characters: letters, digits and . _ : @ -, starting with"
              + " a letter or digit.");
    }
    return value;
  }
}
