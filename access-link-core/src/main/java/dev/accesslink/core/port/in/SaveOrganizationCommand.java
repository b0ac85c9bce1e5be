package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import java.net.URI;
import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Create an organization, or change its name, zone or link base URL. Quota limits are not part of
 * it: a new organization starts with {@link dev.accesslink.core.domain.QuotaLimits#defaults()},
 * and limits change through {@link SetQuotaLimitsUseCase}.
 *
 * <p>Invalid input cannot be constructed; the constructor throws {@link
 * dev.accesslink.core.domain.InvalidInputException}:
 *
 * <ul>
 *   <li>{@code organization.name.invalid}: {@code displayName} is blank, longer than 200
 *       characters, or spans several lines (it is stripped of surrounding white space);
 *   <li>{@code organization.settings.invalid}: {@code linkBaseUrl} is not an absolute {@code
 *       http} or {@code https} URL, or has a query or a fragment.
 * </ul>
 *
 * @param organization the organization to create or change
 * @param savedBy the acting administrator or operator, credited in the audit log
 * @param displayName shown to visitors ("You have been invited to Acme HQ")
 * @param zone shows validity windows in messages and sets the month boundary of quotas
 * @param linkBaseUrl where visitor links point: the secret is appended as the last path segment
 *     (a missing trailing slash is added), so {@code https://doors.acme.example/l} gives {@code
 *     https://doors.acme.example/l/SECRET}. Use {@code https} outside a development machine: the
 *     link is the credential. Links already sent keep the URL they were sent with.
 * @param defaultLanguage the language of links whose send names none; {@code null} keeps the
 *     stored one (English for a new organization). One the application does not offer is refused
 *     when the command is executed ({@code language.unsupported}).
 */
public record SaveOrganizationCommand(
    OrganizationId organization, AdminId savedBy, String displayName, ZoneId zone, URI linkBaseUrl,
    @Nullable Language defaultLanguage) {

  /** Validates as described above. */
  public SaveOrganizationCommand {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(savedBy, "savedBy");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(linkBaseUrl, "linkBaseUrl");
    // the settings' own rules, in one place: a command that passes always makes valid settings
    displayName = OrganizationSettings.of(organization, displayName, linkBaseUrl).displayName();
  }

  /** A command that keeps the stored default language (English for a new organization). */
  public SaveOrganizationCommand(
      OrganizationId organization, AdminId savedBy, String displayName, ZoneId zone, URI linkBaseUrl) {
    this(organization, savedBy, displayName, zone, linkBaseUrl, null);
  }
}
