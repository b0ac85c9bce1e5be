package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.ExternalRef;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.IdempotencyKey;
import dev.accesslink.core.domain.LinkRules;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.ValidityWindow;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Send an access link: the fields of the admin's "Send access link" form.
 *
 * <p>Construction checks what can be checked without I/O (name, window order and range (years
 * 1970 to 9999, {@code validity.out_of_range}), address present
 * for EMAIL/SMS and absent for MANUAL) and throws {@link
 * dev.accesslink.core.domain.InvalidInputException}; the address's format is checked by the
 * channel's notifier when the command is executed.
 *
 * @param organization the organization
 * @param issuedBy the acting administrator
 * @param recipientName the recipient's name (trimmed)
 * @param channel EMAIL, SMS or MANUAL
 * @param address the e-mail address or phone number as typed; {@code null} for MANUAL
 * @param group the group whose doors the link opens
 * @param window when the link is valid ({@link ValidityWindow#always()} for "never expires")
 * @param rules use limit, countdown after the first use and weekly schedule ({@link
 *     LinkRules#none()} for none)
 * @param externalRef the caller's own reference shown on the link and searchable (a booking id),
 *     or {@code null}; trimmed, blank means none, checked by {@link ExternalRef#check}
 * @param idempotencyKey makes retrying this send safe, or {@code null}: a send with the key of an
 *     earlier send of the organization (kept {@link IdempotencyKey#RETENTION}) and the same request
 *     returns that send's link and spends nothing ({@link SentAccessLink#repeated()}); with a
 *     different request it is refused ({@link dev.accesslink.core.domain.IdempotencyKeyReusedException})
 * @param issuerName the acting administrator's display name ("Grace Hopper"), which messages and
 *     the visitor page show ("Grace Hopper of Acme HQ"); {@code null} or blank for none (they then
 *     name only the organization). Checked by {@link AccessLink#checkIssuerName}.
 * @param language the language of the link's messages and visitor page; {@code null} for the
 *     organization's default. One the application does not offer is refused when the command is
 *     executed ({@code language.unsupported}).
 */
public record SendAccessLinkCommand(
    OrganizationId organization,
    AdminId issuedBy,
    String recipientName,
    DeliveryChannel channel,
    @Nullable String address,
    GroupId group,
    ValidityWindow window,
    LinkRules rules,
    @Nullable String externalRef,
    @Nullable IdempotencyKey idempotencyKey,
    @Nullable String issuerName,
    @Nullable Language language) {

  /** Validates as described above. */
  public SendAccessLinkCommand {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(issuedBy, "issuedBy");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(rules, "rules");
    window.requireSupportedRange();
    recipientName = Recipient.checkName(recipientName);
    if (address != null && address.isBlank()) {
      address = null;
    }
    Recipient.checkAddressPresence(channel, address);
    externalRef = ExternalRef.check(externalRef);
    issuerName = AccessLink.checkIssuerName(issuerName);
  }

  /**
   * A send without rules, external reference, idempotency key or issuer name, in the organization's
   * default language.
   */
  public SendAccessLinkCommand(
      OrganizationId organization, AdminId issuedBy, String recipientName, DeliveryChannel channel,
      @Nullable String address, GroupId group, ValidityWindow window) {
    this(organization, issuedBy, recipientName, channel, address, group, window, LinkRules.none(), null, null, null, null);
  }

  /** The same send with {@code ref} as its external reference ({@code null} or blank: none). */
  public SendAccessLinkCommand withExternalRef(@Nullable String ref) {
    return new SendAccessLinkCommand(
        organization, issuedBy, recipientName, channel, address, group, window, rules, ref, idempotencyKey,
        issuerName, language);
  }

  /** The same send, safe to retry under {@code key}. */
  public SendAccessLinkCommand withIdempotencyKey(IdempotencyKey key) {
    return new SendAccessLinkCommand(
        organization, issuedBy, recipientName, channel, address, group, window, rules, externalRef,
        Objects.requireNonNull(key, "key"), issuerName, language);
  }

  /** The same send, safe to retry under {@code key} (checked by {@link IdempotencyKey}). */
  public SendAccessLinkCommand withIdempotencyKey(String key) {
    return withIdempotencyKey(IdempotencyKey.of(key));
  }

  /** This command with {@code newRules}. */
  public SendAccessLinkCommand withRules(LinkRules newRules) {
    return new SendAccessLinkCommand(organization, issuedBy, recipientName, channel, address, group, window, newRules,
        externalRef, idempotencyKey, issuerName, language);
  }

  /** The same command, naming the acting administrator ({@code null} or blank for none). */
  public SendAccessLinkCommand withIssuerName(@Nullable String name) {
    return new SendAccessLinkCommand(organization, issuedBy, recipientName, channel, address, group, window,
        rules, externalRef, idempotencyKey, name, language);
  }

  /** The same command in {@code newLanguage} ({@code null}: the organization's default). */
  public SendAccessLinkCommand withLanguage(@Nullable Language newLanguage) {
    return new SendAccessLinkCommand(organization, issuedBy, recipientName, channel, address, group, window,
        rules, externalRef, idempotencyKey, issuerName, newLanguage);
  }

  /** A MANUAL link. */
  public static SendAccessLinkCommand manual(
      OrganizationId organization, AdminId issuedBy, String name, GroupId group, ValidityWindow window) {
    return new SendAccessLinkCommand(organization, issuedBy, name, DeliveryChannel.MANUAL, null, group, window);
  }

  /** An EMAIL link. */
  public static SendAccessLinkCommand email(
      OrganizationId organization, AdminId issuedBy, String name, String email, GroupId group, ValidityWindow window) {
    return new SendAccessLinkCommand(organization, issuedBy, name, DeliveryChannel.EMAIL, email, group, window);
  }

  /** An SMS link. */
  public static SendAccessLinkCommand sms(
      OrganizationId organization, AdminId issuedBy, String name, String phone, GroupId group, ValidityWindow window) {
    return new SendAccessLinkCommand(organization, issuedBy, name, DeliveryChannel.SMS, phone, group, window);
  }
}
