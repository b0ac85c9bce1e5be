package dev.accesslink.core.domain;

import dev.accesslink.core.internal.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An access link as stored: who it is for, which group's doors it opens, when, who issued it, and
 * whether it was revoked. The link's secret is not part of it (only a store keeps the secret's
 * hash), so an {@code AccessLink} can be logged and shown safely.
 *
 * @param id time-ordered id
 * @param organization the owning organization
 * @param recipient name, channel and normalized address
 * @param group the group whose doors the link opens
 * @param window when the link is valid
 * @param issuedBy the administrator who sent it
 * @param createdAt when it was created
 * @param delivery how its delivery stands
 * @param revocation how it was revoked, or {@code null} while not revoked
 * @param lastUsedAt when it last opened a door, or {@code null}
 * @param issuerName the issuing administrator's display name as it was when the link was sent
 *     ("Grace Hopper"), shown to the visitor; {@code null} when none was given (messages then name
 *     only the organization, never the administrator's id)
 * @param language the language the link's messages and visitor page are written in
 */
public record AccessLink(
    AccessLinkId id,
    OrganizationId organization,
    Recipient recipient,
    GroupId group,
    ValidityWindow window,
    AdminId issuedBy,
    Instant createdAt,
    DeliveryState delivery,
    @Nullable Revocation revocation,
    @Nullable Instant lastUsedAt,
    @Nullable String issuerName,
    Language language) {

  /** Longest issuer display name, in code points. */
  public static final int MAX_ISSUER_NAME_LENGTH = 200;

  public AccessLink {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(issuedBy, "issuedBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(delivery, "delivery");
    issuerName = checkIssuerName(issuerName);
    Objects.requireNonNull(language, "language");
  }

  /**
   * A new, unrevoked, unused link in English without an issuer name; delivery pending for
   * EMAIL/SMS, not required for MANUAL.
   */
  public static AccessLink issue(
      AccessLinkId id,
      OrganizationId organization,
      Recipient recipient,
      GroupId group,
      ValidityWindow window,
      AdminId issuedBy,
      Instant createdAt) {
    return issue(id, organization, recipient, group, window, issuedBy, createdAt, null, Language.ENGLISH);
  }

  /**
   * A new, unrevoked, unused link; delivery pending for EMAIL/SMS, not required for MANUAL.
   *
   * @param issuerName the issuing administrator's display name, or {@code null}
   * @param language the language of its messages and visitor page
   */
  public static AccessLink issue(
      AccessLinkId id,
      OrganizationId organization,
      Recipient recipient,
      GroupId group,
      ValidityWindow window,
      AdminId issuedBy,
      Instant createdAt,
      @Nullable String issuerName,
      Language language) {
    DeliveryState delivery =
        recipient.channel().delivers() ? DeliveryState.pending() : DeliveryState.notRequired();
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, delivery, null, null,
        issuerName, language);
  }

  /**
   * Validates an issuing administrator's display name ("Grace Hopper") with the rules of a
   * recipient's name: stripped, at most {@value #MAX_ISSUER_NAME_LENGTH} characters, one line, no
   * control characters, no characters that change the text's direction, no zero-width space, word
   * joiner or byte-order mark, at least one visible character. (Zero-width joiners and non-joiners
   * are allowed: some scripts and emoji need them.) A blank name is no name.
   *
   * @return the stripped name, or {@code null} when {@code name} is {@code null} or blank
   * @throws InvalidInputException {@code issuer.name.too_long}, {@code
   *     issuer.name.unpaired_surrogate}, {@code issuer.name.control_characters}, {@code
   *     issuer.name.bidi_controls}, {@code issuer.name.zero_width} or {@code issuer.name.invisible}
   */
  public static @Nullable String checkIssuerName(@Nullable String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String n = name.strip();
    if (Text.codePoints(n) > MAX_ISSUER_NAME_LENGTH) {
      throw issuerName("too_long", "An administrator's display name has at most "
          + MAX_ISSUER_NAME_LENGTH + " characters.");
    }
    if (Text.hasUnpairedSurrogate(n)) {
      throw issuerName("unpaired_surrogate",
          "An administrator's display name must be valid Unicode text (it has half of a character pair).");
    }
    if (Text.hasControlCharacter(n) || Text.hasLineSeparator(n)) {
      throw issuerName("control_characters",
          "An administrator's display name cannot contain line breaks or control characters.");
    }
    if (Text.hasBidiControl(n)) {
      throw issuerName("bidi_controls",
          "An administrator's display name cannot contain characters that change the direction of the text.");
    }
    if (n.indexOf('\u200B') >= 0 || n.indexOf('\u2060') >= 0 || n.indexOf('\uFEFF') >= 0
        || n.indexOf('\u180E') >= 0) {
      throw issuerName("zero_width", "An administrator's display name cannot contain invisible spaces.");
    }
    if (!Text.hasVisibleCharacter(n)) {
      throw issuerName("invisible", "An administrator's display name needs at least one visible character.");
    }
    return n;
  }

  private static InvalidInputException issuerName(String what, String message) {
    return new InvalidInputException("issuer.name." + what, "issuerName", message);
  }

  /** The issuing administrator's display name, if one was given. */
  public Optional<String> issuerNameIfAny() {
    return Optional.ofNullable(issuerName);
  }

  /** The delivery channel. */
  public DeliveryChannel channel() {
    return recipient.channel();
  }

  /** True once revoked. */
  public boolean isRevoked() {
    return revocation != null;
  }

  /** The revocation, if any. */
  public Optional<Revocation> revocationIfAny() {
    return Optional.ofNullable(revocation);
  }

  /** When the link last opened a door, if ever. */
  public Optional<Instant> lastUsed() {
    return Optional.ofNullable(lastUsedAt);
  }

  /** The status at {@code now}: revoked first, then the window decides. */
  public LinkStatus statusAt(Instant now) {
    if (isRevoked()) {
      return LinkStatus.REVOKED;
    }
    return switch (window.positionOf(now)) {
      case BEFORE -> LinkStatus.NOT_YET_VALID;
      case INSIDE -> LinkStatus.ACTIVE;
      case AFTER -> LinkStatus.EXPIRED;
    };
  }

  /**
   * True when the link counts against a live-links quota at {@code now}: not revoked and its
   * window not ended. A link whose window has not started yet exists, so it counts.
   */
  public boolean isLiveAt(Instant now) {
    return !isRevoked() && !window.hasEndedAt(now);
  }

  /** A copy with another delivery state. */
  public AccessLink withDelivery(DeliveryState newDelivery) {
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, newDelivery, revocation, lastUsedAt, issuerName, language);
  }

  /** A copy revoked as described; an already revoked link is returned unchanged. */
  public AccessLink revoked(Revocation how) {
    if (isRevoked()) {
      return this;
    }
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, delivery, how, lastUsedAt, issuerName, language);
  }

  /** A copy with {@code at} as the last use. */
  public AccessLink usedAt(Instant at) {
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, delivery, revocation, at, issuerName, language);
  }
}
