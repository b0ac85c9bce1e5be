package dev.accesslink.core.domain;

/**
 * An administrator named a link that does not exist in the organization. Code {@code
 * link.unknown}. (A visitor presenting an unknown secret gets a refused result, not this.)
 */
public final class UnknownLinkException extends AccessLinkException {
  private static final long serialVersionUID = 1L;

  private final AccessLinkId link;

  public UnknownLinkException(AccessLinkId link) {
    super("link.unknown", "No access link " + link + " exists in this organization.");
    this.link = link;
  }

  /** The id that was not found. */
  public AccessLinkId link() {
    return link;
  }
}
