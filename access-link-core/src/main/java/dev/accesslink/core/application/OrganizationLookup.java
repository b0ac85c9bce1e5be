package dev.accesslink.core.application;

import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.UnknownOrganizationException;
import dev.accesslink.core.port.out.Organizations;

/** Finds an organization or throws the typed error. */
final class OrganizationLookup {
  private final Organizations organizations;

  OrganizationLookup(Organizations organizations) {
    this.organizations = organizations;
  }

  OrganizationSettings require(OrganizationId id) {
    return organizations.find(id).orElseThrow(() -> new UnknownOrganizationException(id));
  }

  Organizations port() {
    return organizations;
  }
}
