package dev.accesslink.core.domain;

/** A revoked link's window cannot be changed. Code {@code link.not_changeable}. */
public final class LinkNotChangeableException extends AccessLinkException {
  private static final long serialVersionUID = 1L;

  private final AccessLinkId link;

  public LinkNotChangeableException(AccessLinkId link) {
    super("link.not_changeable", "The access link " + link + " is revoked; its window cannot be changed.");
    this.link = link;
  }

  /** The link that was not changed. */
  public AccessLinkId link() {
    return link;
  }
}
