package dev.accesslink.core.domain;

import dev.accesslink.core.internal.Ids;

/**
 * The id of a door within an organization.
 *
 * <p>1 to 128 characters: letters, digits and {@code . _ : @ -}, starting with a letter or digit.
 * Anything else is an {@link InvalidInputException} with code {@code id.invalid}.
 *
 * @param value the id
 */
public record DoorId(String value) {
  public DoorId {
    Ids.check("door", "doorId", value);
  }

  /** Same as the constructor; reads well at call sites. */
  public static DoorId of(String value) {
    return new DoorId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
