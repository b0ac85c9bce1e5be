package dev.accesslink.core.domain;

import dev.accesslink.core.internal.Text;

/**
 * A door that a group's links may open.
 *
 * @param id the door's id
 * @param name its display name, such as "Front door"
 * @param linkAccess false when the organization closed the door to access links (a server room):
 *     every link is then refused at it ({@link DenialReason#DOOR_EXCLUDED}), whatever its group
 */
public record Door(DoorId id, String name, boolean linkAccess) {
  public Door {
    java.util.Objects.requireNonNull(id, "id");
    name = displayName("door", name);
  }

  /** A door open to access links. */
  public Door(DoorId id, String name) {
    this(id, name, true);
  }

  /** A copy with another link access. */
  public Door withLinkAccess(boolean allowed) {
    return new Door(id, name, allowed);
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
