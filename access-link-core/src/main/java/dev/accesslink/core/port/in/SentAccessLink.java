package dev.accesslink.core.port.in;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkUrl;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of sending a link.
 *
 * @param link the stored link, with the delivery state after the first attempt
 * @param manualUrl the visitor URL for a MANUAL link: returned this once and never again; {@code
 *     null} for EMAIL and SMS, whose URL goes only into the message
 */
public record SentAccessLink(AccessLink link, @Nullable AccessLinkUrl manualUrl) {
  public SentAccessLink {
    Objects.requireNonNull(link, "link");
  }

  /** The one-time URL of a MANUAL link. */
  public Optional<AccessLinkUrl> manualUrlIfAny() {
    return Optional.ofNullable(manualUrl);
  }
}
