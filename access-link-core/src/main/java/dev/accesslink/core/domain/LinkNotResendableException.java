package dev.accesslink.core.domain;

/**
 * A link that is revoked or whose window has ended cannot be resent or rotated. Code {@code
 * link.not_resendable}.
 */
public final class LinkNotResendableException extends AccessLinkException {
  private static final long serialVersionUID = 1L;

  private final AccessLinkId link;

  public LinkNotResendableException(AccessLinkId link, String why) {
    super("link.not_resendable", "The access link " + link + " cannot be resent: " + why + ".");
    this.link = link;
  }

  /** The link that was not resent. */
  public AccessLinkId link() {
    return link;
  }
}
