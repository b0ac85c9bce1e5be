package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.LinkPolicy;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.port.in.SaveOrganizationCommand;
import dev.accesslink.core.port.in.SaveOrganizationUseCase;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/** Creates and changes organizations. Thread-safe. */
final class SaveOrganizationService implements SaveOrganizationUseCase {
  private final OrganizationLookup organizations;
  private final Audit audit;
  private final Clock clock;

  private final Set<Language> languages;

  SaveOrganizationService(OrganizationLookup organizations, Audit audit, Clock clock, Set<Language> languages) {
    this.languages = Set.copyOf(languages);
    this.organizations = organizations;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public OrganizationSettings saveOrganization(SaveOrganizationCommand command) {
    Optional<OrganizationSettings> stored = organizations.port().find(command.organization());
    QuotaLimits limits = stored.map(OrganizationSettings::quotaLimits).orElse(QuotaLimits.defaults());
    Language language = command.defaultLanguage() != null ? command.defaultLanguage().requireOneOf(languages)
        : stored.map(OrganizationSettings::defaultLanguage).orElse(Language.ENGLISH);
    OrganizationSettings settings = new OrganizationSettings(command.organization(), command.displayName(),
        command.zone(), limits, command.linkBaseUrl(),
        stored.map(OrganizationSettings::linkPolicy).orElse(LinkPolicy.none()), language);
    organizations.port().save(settings);
    // the link base URL decides where visitors' credentials go: who changed it belongs in the log
    audit.record(settings.id(), clock.instant(), AccessEventType.ORGANIZATION_SAVED,
        Actor.administrator(command.savedBy()), null, null,
        (stored.isEmpty() ? "created" : "changed") + ",zone=" + settings.zone().getId()
            + ",linkBaseUrl=" + settings.linkBaseUrl() + ",language=" + settings.defaultLanguage());
    return settings;
  }
}
