package dev.accesslink.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One audit event. Built only by core, from ids and codes: it never carries a link secret.
 *
 * @param id unique id
 * @param organization the organization
 * @param at when it happened
 * @param type what happened
 * @param actor who it is credited to
 * @param link the link concerned, if any
 * @param door the door concerned, if any
 * @param detail a short code-like detail (a denial reason, a provider error code), if any
 */
public record AccessEvent(
    UUID id,
    OrganizationId organization,
    Instant at,
    AccessEventType type,
    Actor actor,
    @Nullable AccessLinkId link,
    @Nullable DoorId door,
    @Nullable String detail) {

  public AccessEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    if (detail != null && detail.length() > 500) {
      detail = detail.substring(0, 500);
    }
  }

  /** The {@link AccessEventType#LINK_SENT} event of a new link, credited to the administrator who issued it. */
  public static AccessEvent linkSent(AccessLink link) {
    return new AccessEvent(UUID.randomUUID(), link.organization(), link.createdAt(), AccessEventType.LINK_SENT,
        Actor.administrator(link.issuedBy()), link.id(), null, link.channel().name());
  }

  /** The link, if any. */
  public Optional<AccessLinkId> linkIfAny() {
    return Optional.ofNullable(link);
  }

  /** The door, if any. */
  public Optional<DoorId> doorIfAny() {
    return Optional.ofNullable(door);
  }

  /** The detail, if any. */
  public Optional<String> detailIfAny() {
    return Optional.ofNullable(detail);
  }
}
