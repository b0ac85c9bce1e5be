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
 * @param rules use limit, countdown after the first use and weekly schedule ({@link
 *     LinkRules#none()} for none)
 * @param usage the uses taken so far, for the rules that count them
 * @param externalRef the caller's own reference (a booking id), or {@code null}; see {@link
 *     ExternalRef}
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
    LinkRules rules,
    LinkUsage usage,
    @Nullable String externalRef,
    @Nullable String issuerName,
    Language language) {

  /** Longest issuer display name, in code points. */
  public static final int MAX_ISSUER_NAME_LENGTH = 200;

  private static final String ISSUER_NAME = "An administrator's display name";

  public AccessLink {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(issuedBy, "issuedBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(delivery, "delivery");
    externalRef = ExternalRef.check(externalRef);
    issuerName = checkIssuerName(issuerName);
    Objects.requireNonNull(language, "language");
  }

  /** An English link without {@link LinkRules}, external reference, uses or issuer name. */
  public AccessLink(
      AccessLinkId id,
      OrganizationId organization,
      Recipient recipient,
      GroupId group,
      ValidityWindow window,
      AdminId issuedBy,
      Instant createdAt,
      DeliveryState delivery,
      @Nullable Revocation revocation,
      @Nullable Instant lastUsedAt) {
    this(id, organization, recipient, group, window, issuedBy, createdAt, delivery, revocation, lastUsedAt,
        LinkRules.none(), LinkUsage.none(), null, null, Language.ENGLISH);
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
    return issue(id, organization, recipient, group, window, issuedBy, createdAt, LinkRules.none(), null,
        Language.ENGLISH);
  }

  /**
   * A new, unrevoked, unused link; delivery pending for EMAIL/SMS, not required for MANUAL.
   *
   * @param rules its use limit, countdown and schedule ({@link LinkRules#none()} for none)
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
      LinkRules rules,
      @Nullable String issuerName,
      Language language) {
    DeliveryState delivery =
        recipient.channel().delivers() ? DeliveryState.pending() : DeliveryState.notRequired();
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, delivery, null, null,
        rules, LinkUsage.none(), null, issuerName, language);
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
    Text.checkLine(n, "issuer.name", "issuerName", ISSUER_NAME, MAX_ISSUER_NAME_LENGTH);
    if (n.indexOf('\u200B') >= 0 || n.indexOf('\u2060') >= 0 || n.indexOf('\uFEFF') >= 0
        || n.indexOf('\u180E') >= 0) {
      throw new InvalidInputException("issuer.name.zero_width", "issuerName",
          ISSUER_NAME + " cannot contain invisible spaces.");
    }
    Text.requireVisible(n, "issuer.name", "issuerName", ISSUER_NAME);
    return n;
  }


  /** The issuing administrator's display name, if one was given. */
  public Optional<String> issuerNameIfAny() {
    return Optional.ofNullable(issuerName);
  }

  /** The external reference, if any. */
  public Optional<String> externalRefIfAny() {
    return Optional.ofNullable(externalRef);
  }

  /** A copy with {@code ref} as the external reference ({@code null} or blank: none). */
  public AccessLink withExternalRef(@Nullable String ref) {
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, delivery, revocation, lastUsedAt, rules, usage, ref,
        issuerName, language);
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

  /**
   * The status at {@code now}: revoked first, then the window decides, then the rules that end a
   * link early: the countdown after the first use ({@link LinkStatus#EXPIRED}) and the use limit
   * ({@link LinkStatus#USED_UP}). A weekly schedule does not change the status (outside its slots
   * the link is active, and waits for the next one).
   */
  public LinkStatus statusAt(Instant now) {
    if (isRevoked()) {
      return LinkStatus.REVOKED;
    }
    LinkStatus byWindow = switch (window.positionOf(now)) {
      case BEFORE -> LinkStatus.NOT_YET_VALID;
      case INSIDE -> LinkStatus.ACTIVE;
      case AFTER -> LinkStatus.EXPIRED;
    };
    if (byWindow != LinkStatus.ACTIVE) {
      return byWindow;
    }
    Instant activeUntil = activeUntil();
    if (activeUntil != null && !now.isBefore(activeUntil)) {
      return LinkStatus.EXPIRED;
    }
    Integer left = usesLeft();
    if (left != null && left == 0) {
      return LinkStatus.USED_UP;
    }
    return LinkStatus.ACTIVE;
  }

  /** Uses left by the use limit, or {@code null} without a limit. */
  public @Nullable Integer usesLeft() {
    Integer max = rules.maxUses();
    return max == null ? null : Math.max(0, max - usage.usesTaken());
  }

  /** When the countdown after the first use ends, or {@code null} (no countdown, or not started). */
  public @Nullable Instant activeUntil() {
    Integer minutes = rules.activeMinutesAfterFirstUse();
    Instant first = usage.firstUsedAt();
    return minutes == null || first == null ? null : first.plus(java.time.Duration.ofMinutes(minutes));
  }

  /**
   * Where the link stands with its rules at {@code now}, the schedule read in {@code zone} (the
   * organization's): uses left, end of the countdown, and the next instant it may open a door
   * (now, when it may; {@code null} when it never will again).
   */
  public RuleState ruleStateAt(Instant now, java.time.ZoneId zone) {
    Instant next = null;
    LinkStatus status = statusAt(now);
    if (status == LinkStatus.ACTIVE || status == LinkStatus.NOT_YET_VALID) {
      Instant from = status == LinkStatus.NOT_YET_VALID ? window.validFrom() : now;
      WeeklySchedule schedule = rules.schedule();
      if (schedule == null) {
        next = from;
      } else {
        ValidityWindow remaining = activeUntil() == null ? window
            : new ValidityWindow(window.validFrom(), earlier(window.validUntil(), activeUntil()));
        next = schedule.nextOpening(from, remaining, zone).orElse(null);
      }
    }
    return new RuleState(rules, usesLeft(), activeUntil(), next);
  }

  private static Instant earlier(@Nullable Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
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
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, newDelivery, revocation,
        lastUsedAt, rules, usage, externalRef, issuerName, language);
  }

  /** A copy revoked as described; an already revoked link is returned unchanged. */
  public AccessLink revoked(Revocation how) {
    if (isRevoked()) {
      return this;
    }
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, delivery, how, lastUsedAt,
        rules, usage, externalRef, issuerName, language);
  }

  /** A copy with {@code at} as the last use. */
  public AccessLink usedAt(Instant at) {
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, delivery, revocation, at,
        rules, usage, externalRef, issuerName, language);
  }

  /** A copy with other usage (as a store reads it back). */
  public AccessLink withUsage(LinkUsage newUsage) {
    return new AccessLink(id, organization, recipient, group, window, issuedBy, createdAt, delivery, revocation,
        lastUsedAt, rules, newUsage, externalRef, issuerName, language);
  }
}
