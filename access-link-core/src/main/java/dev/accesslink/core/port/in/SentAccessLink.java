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
 *     null} for EMAIL and SMS, whose URL goes only into the message, and for a repeat
 * @param repeated true when the send repeated an earlier one under the same idempotency key: the
 *     earlier link as stored now, nothing stored, counted or sent, and no URL (a MANUAL link's URL
 *     is shown once, by the first call: its secret is not stored)
 */
public record SentAccessLink(AccessLink link, @Nullable AccessLinkUrl manualUrl, boolean repeated) {
  public SentAccessLink {
    Objects.requireNonNull(link, "link");
    if (repeated && manualUrl != null) {
      throw new IllegalArgumentException("a repeated send has no URL");
    }
  }

  /** A first send (not a repeat). */
  public SentAccessLink(AccessLink link, @Nullable AccessLinkUrl manualUrl) {
    this(link, manualUrl, false);
  }

  /** The one-time URL of a MANUAL link. */
  public Optional<AccessLinkUrl> manualUrlIfAny() {
    return Optional.ofNullable(manualUrl);
  }
}
