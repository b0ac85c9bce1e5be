package dev.accesslink.core.port.in;

/** Look up a link for the visitor page. Never unlocks anything. */
@FunctionalInterface
public interface ResolveAccessLinkUseCase {

  /**
   * Resolves the secret a visitor presented (the last path segment of the link). Malformed text is
   * simply {@link LinkResolution.Unknown}.
   */
  LinkResolution resolve(String presentedSecret);
}
