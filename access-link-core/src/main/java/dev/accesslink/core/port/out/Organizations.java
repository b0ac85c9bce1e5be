package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import java.util.Optional;

/** Where organization settings (zone, quota limits, link base URL) live. Thread-safe. */
public interface Organizations {

  /** The settings of {@code organization}, if it exists. */
  Optional<OrganizationSettings> find(OrganizationId organization);

  /** Creates or replaces the settings of {@code settings.id()}. */
  void save(OrganizationSettings settings);
}
