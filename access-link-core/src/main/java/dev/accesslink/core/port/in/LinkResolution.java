package dev.accesslink.core.port.in;

/** The result of resolving a presented secret for the visitor page. */
public sealed interface LinkResolution {

  /** A link has that secret; its view says whether it is usable now. */
  record Found(VisitorLinkView view) implements LinkResolution {}

  /** No link has that secret. */
  record Unknown() implements LinkResolution {}
}
