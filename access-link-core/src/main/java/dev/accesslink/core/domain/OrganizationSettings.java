package dev.accesslink.core.domain;

import java.net.URI;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.Instant;
import java.util.Objects;

/**
 * What the core needs to know about an organization.
 *
 * @param id the organization
 * @param displayName shown to visitors ("You have been invited to Acme HQ")
 * @param zone shows validity windows in messages and sets the SMS month boundary
 * @param quotaLimits the organization's quota limits
 * @param linkBaseUrl absolute http(s) URL that visitor links are built on; the secret is appended
 * @param linkPolicy the rules every link sent must follow ({@link LinkPolicy#none()} for none)
 * @param defaultLanguage the language of a link whose send names none
 */
public record OrganizationSettings(
    OrganizationId id, String displayName, ZoneId zone, QuotaLimits quotaLimits, URI linkBaseUrl,
    LinkPolicy linkPolicy, Language defaultLanguage) {

  public OrganizationSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(linkPolicy, "linkPolicy");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(quotaLimits, "quotaLimits");
    Objects.requireNonNull(defaultLanguage, "defaultLanguage");
    displayName = Door.displayName("organization", displayName);
    String scheme = linkBaseUrl.getScheme();
    if (!linkBaseUrl.isAbsolute()
        || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
        || linkBaseUrl.getRawQuery() != null
        || linkBaseUrl.getRawFragment() != null) {
      throw new InvalidInputException(
          "organization.settings.invalid",
          "linkBaseUrl",
          "The link base URL is an absolute http(s) URL without query or fragment.");
    }
  }

  /** Settings without a link policy, whose default language is English. */
  public OrganizationSettings(
      OrganizationId id, String displayName, ZoneId zone, QuotaLimits quotaLimits, URI linkBaseUrl) {
    this(id, displayName, zone, quotaLimits, linkBaseUrl, LinkPolicy.none(), Language.ENGLISH);
  }

  /** Settings with default quota limits, the UTC zone, no link policy and English as the default language. */
  public static OrganizationSettings of(OrganizationId id, String displayName, URI linkBaseUrl) {
    return new OrganizationSettings(id, displayName, ZoneId.of("UTC"), QuotaLimits.defaults(), linkBaseUrl);
  }

  /** A copy with other quota limits. */
  public OrganizationSettings withQuotaLimits(QuotaLimits limits) {
    return new OrganizationSettings(id, displayName, zone, limits, linkBaseUrl, linkPolicy, defaultLanguage);
  }

  /** A copy in another zone. */
  public OrganizationSettings withZone(ZoneId newZone) {
    return new OrganizationSettings(id, displayName, newZone, quotaLimits, linkBaseUrl, linkPolicy, defaultLanguage);
  }

  /** A copy with another link policy. */
  public OrganizationSettings withLinkPolicy(LinkPolicy policy) {
    return new OrganizationSettings(id, displayName, zone, quotaLimits, linkBaseUrl, policy, defaultLanguage);
  }

  /** A copy with another default language. */
  public OrganizationSettings withDefaultLanguage(Language language) {
    return new OrganizationSettings(id, displayName, zone, quotaLimits, linkBaseUrl, linkPolicy, language);
  }

  /** The visitor URL for {@code secret}. */
  public AccessLinkUrl linkUrl(LinkSecret secret) {
    return AccessLinkUrl.of(linkBaseUrl, secret);
  }

  /** The calendar month, in this organization's zone, that {@code instant} falls in. */
  public YearMonth monthOf(Instant instant) {
    return YearMonth.from(instant.atZone(zone));
  }

  /** The first instant of the month after {@code month}, in this organization's zone. */
  public Instant startOfNextMonth(YearMonth month) {
    return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
  }
}
