package dev.accesslink.core.domain;

import java.util.Objects;

/**
 * Who an audit event is credited to.
 *
 * @param kind administrator, link recipient, or the system itself
 * @param name the administrator's id, the recipient's name, or {@code "system"}
 */
public record Actor(Kind kind, String name) {
  /** The kinds of actor. */
  public enum Kind {
    ADMINISTRATOR,
    RECIPIENT,
    SYSTEM
  }

  public Actor {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** The acting administrator. */
  public static Actor administrator(AdminId admin) {
    return new Actor(Kind.ADMINISTRATOR, admin.value());
  }

  /** A link's recipient (unlocks are credited to the person the link was issued to). */
  public static Actor recipient(Recipient recipient) {
    return new Actor(Kind.RECIPIENT, recipient.name());
  }

  /** The library itself (deliveries). */
  public static Actor system() {
    return new Actor(Kind.SYSTEM, "system");
  }
}
