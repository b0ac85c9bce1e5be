package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkUrl;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.ValidityWindow;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

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
 * @param issuedBy who sent it
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
    AdminId issuedBy) {

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
    if (recipient.channel() == DeliveryChannel.MANUAL) {
      throw new IllegalArgumentException("MANUAL links are not delivered");
    }
  }

  /** The normalized address to deliver to. */
  public String address() {
    return Objects.requireNonNull(recipient.address());
  }
}
