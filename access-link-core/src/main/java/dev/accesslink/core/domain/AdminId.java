package dev.accesslink.core.domain;

import dev.accesslink.core.internal.Ids;

/**
 * The id of the administrator who acts; recorded on links and audit events.
 *
 * <p>1 to 128 characters: letters, digits and {@code . _ : @ -}, starting with a letter or digit.
 * Anything else is an {@link InvalidInputException} with code {@code id.invalid}.
 *
 * @param value the id
 */
public record AdminId(String value) {
  public AdminId {
    Ids.check("administrator", "adminId", value);
  }

  /** Same as the constructor; reads well at call sites. */
  public static AdminId of(String value) {
    return new AdminId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
