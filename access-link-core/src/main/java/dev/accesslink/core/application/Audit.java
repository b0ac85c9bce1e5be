package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.AccessEvents;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Builds and records audit events; the one place events are made. */
final class Audit {
  private final AccessEvents events;

  Audit(AccessEvents events) {
    this.events = events;
  }

  void record(
      OrganizationId organization,
      Instant at,
      AccessEventType type,
      Actor actor,
      @Nullable AccessLinkId link,
      @Nullable DoorId door,
      @Nullable String detail) {
    events.record(event(organization, at, type, actor, link, door, detail));
  }

  /** Records an event with a given id (an unlock's outcome event carries its door command's id). */
  void record(
      UUID id,
      OrganizationId organization,
      Instant at,
      AccessEventType type,
      Actor actor,
      @Nullable AccessLinkId link,
      @Nullable DoorId door,
      @Nullable String detail) {
    events.record(event(id, organization, at, type, actor, link, door, detail));
  }

  /** An event with a given id, not yet recorded (an unlock's outcome, written with its last use). */
  AccessEvent event(
      UUID id,
      OrganizationId organization,
      Instant at,
      AccessEventType type,
      Actor actor,
      @Nullable AccessLinkId link,
      @Nullable DoorId door,
      @Nullable String detail) {
    return new AccessEvent(id, organization, at, type, actor, link, door, detail);
  }

  AccessEvent event(
      OrganizationId organization,
      Instant at,
      AccessEventType type,
      Actor actor,
      @Nullable AccessLinkId link,
      @Nullable DoorId door,
      @Nullable String detail) {
    return new AccessEvent(UUID.randomUUID(), organization, at, type, actor, link, door, detail);
  }
}
