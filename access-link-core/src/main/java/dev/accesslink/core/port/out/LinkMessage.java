package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkUrl;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.ValidityWindow;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a notifier puts into a message. Every text field is user-supplied and must be escaped by
 * the notifier for its medium. {@link #toString()} does not reveal the URL's secret.
 *
 * @param link the link's id
 * @param organizationName the place, such as "Acme HQ"
 * @param recipient name and normalized address
 * @param groupName the group the recipient is added to
 * @param doorNames the doors the link opens
 * @param window when it is valid
 * @param zone the organization's zone, to show the window in
 * @param url the visitor URL, secret included
 * @param issuedBy who sent it (an id: for records, not for the message's text)
 * @param issuerName the sender's display name ("Grace Hopper"), or {@code null} when none was
 *     given: the message then names the organization alone, never the id
 * @param language the language to write the message in
 */
public record LinkMessage(
    AccessLinkId link,
    String organizationName,
    Recipient recipient,
    String groupName,
    List<String> doorNames,
    ValidityWindow window,
    ZoneId zone,
    AccessLinkUrl url,
    AdminId issuedBy,
    @Nullable String issuerName,
    Language language) {

  public LinkMessage {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(organizationName, "organizationName");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(groupName, "groupName");
    doorNames = List.copyOf(doorNames);
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(issuedBy, "issuedBy");
    issuerName = AccessLink.checkIssuerName(issuerName);
    Objects.requireNonNull(language, "language");
    if (recipient.channel() == DeliveryChannel.MANUAL) {
      throw new IllegalArgumentException("MANUAL links are not delivered");
    }
  }

  /** A message in English without the sender's display name. */
  public LinkMessage(
      AccessLinkId link, String organizationName, Recipient recipient, String groupName,
      List<String> doorNames, ValidityWindow window, ZoneId zone, AccessLinkUrl url, AdminId issuedBy) {
    this(link, organizationName, recipient, groupName, doorNames, window, zone, url, issuedBy, null,
        Language.ENGLISH);
  }

  /** The sender's display name, if one was given. */
  public Optional<String> issuerNameIfAny() {
    return Optional.ofNullable(issuerName);
  }

  /** The same message in another language. */
  public LinkMessage inLanguage(Language other) {
    return new LinkMessage(link, organizationName, recipient, groupName, doorNames, window, zone, url, issuedBy,
        issuerName, other);
  }

  /** The same message with another sender's display name ({@code null} for none). */
  public LinkMessage withIssuerName(@Nullable String name) {
    return new LinkMessage(link, organizationName, recipient, groupName, doorNames, window, zone, url, issuedBy,
        name, language);
  }

  /** The normalized address to deliver to. */
  public String address() {
    return Objects.requireNonNull(recipient.address());
  }
}
