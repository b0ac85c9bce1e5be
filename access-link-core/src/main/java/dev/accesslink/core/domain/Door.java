package dev.accesslink.core.domain;

import dev.accesslink.core.internal.Text;

/**
 * A door that a group's links may open.
 *
 * @param id the door's id
 * @param name its display name, such as "Front door"
 */
public record Door(DoorId id, String name) {
  public Door {
    java.util.Objects.requireNonNull(id, "id");
    name = displayName("door", name);
  }

  static String displayName(String kind, String name) {
    String n = java.util.Objects.requireNonNull(name, "name").strip();
    if (n.isEmpty() || Text.codePoints(n) > 200 || Text.hasControlCharacter(n)) {
      throw new InvalidInputException(
          kind + ".name.invalid", "name", "A " + kind + " name is 1 to 200 characters, on one line.");
    }
    return n;
  }
}
