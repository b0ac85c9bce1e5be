package dev.accesslink.core.memory;

import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.port.out.Organizations;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Organizations} over a map. Thread-safe. */
public final class InMemoryOrganizations implements Organizations {
  private final Map<OrganizationId, OrganizationSettings> settings = new ConcurrentHashMap<>();

  /** No organizations yet. */
  public InMemoryOrganizations() {}

  @Override
  public Optional<OrganizationSettings> find(OrganizationId organization) {
    return Optional.ofNullable(settings.get(organization));
  }

  @Override
  public void save(OrganizationSettings s) {
    settings.put(s.id(), s);
  }
}
