package dev.accesslink.mqtt.internal;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;

/** A door within its organization. */
public record DoorKey(OrganizationId organization, DoorId door) {}
