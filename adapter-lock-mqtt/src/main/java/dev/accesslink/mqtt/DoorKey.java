package dev.accesslink.mqtt;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;

/** A door within its organization. */
record DoorKey(OrganizationId organization, DoorId door) {}
