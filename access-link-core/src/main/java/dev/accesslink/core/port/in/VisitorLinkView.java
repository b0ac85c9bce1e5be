package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.LinkStatus;
import dev.accesslink.core.domain.RuleState;
import dev.accesslink.core.domain.ValidityWindow;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the visitor page shows for a link.
 *
 * @param recipientName whom the link is for ("Hello, Ada")
 * @param organizationName the place
 * @param groupName the group
 * @param doors the doors it opens (empty when the group no longer exists)
 * @param window when it is valid
 * @param zone the organization's zone, to show the window in
 * @param status active, not yet valid, expired, revoked or used up
 * @param rules the link's rules and where it stands with them now: uses left, end of the countdown,
 *     next opening (doors closed to links show in {@code doors}, see {@link Door#linkAccess()})
 * @param issuerName who sent the link ("Grace Hopper"), or {@code null} when no name was given
 * @param language the language the page should be written in
 */
public record VisitorLinkView(
    String recipientName,
    String organizationName,
    String groupName,
    List<Door> doors,
    ValidityWindow window,
    ZoneId zone,
    LinkStatus status,
    RuleState rules,
    @Nullable String issuerName,
    Language language) {
  public VisitorLinkView {
    doors = List.copyOf(doors);
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(language, "language");
  }

  /** Who sent the link, if a name was given. */
  public Optional<String> issuerNameIfAny() {
    return Optional.ofNullable(issuerName);
  }
}
