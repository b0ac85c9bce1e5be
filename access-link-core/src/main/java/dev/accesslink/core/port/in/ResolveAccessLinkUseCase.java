package dev.accesslink.core.port.in;

/** Look up a link for the visitor page. Never unlocks anything. */
@FunctionalInterface
public interface ResolveAccessLinkUseCase {

  /**
   * Resolves what a visitor presented: the secret, or the whole link URL (see {@link
   * dev.accesslink.core.domain.LinkSecret#parsePresented}). Malformed text, an unknown secret and a
   * link of a deleted organization are all simply {@link LinkResolution.Unknown}; nothing is
   * thrown for bad input, and the presented text is never logged or echoed.
   */
  LinkResolution resolve(String presentedSecret);
}
