package dev.accesslink.core.domain;

import dev.accesslink.core.internal.Ids;

/**
 * An organization (tenant) id, such as {@code demo}.
 *
 * <p>1 to 128 characters: letters, digits and {@code . _ : @ -}, starting with a letter or digit.
 * Anything else is an {@link InvalidInputException} with code {@code id.invalid}.
 *
 * @param value the id
 */
public record OrganizationId(String value) {
  public OrganizationId {
    Ids.check("organization", "organization", value);
  }

  /** Same as the constructor; reads well at call sites. */
  public static OrganizationId of(String value) {
    return new OrganizationId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
