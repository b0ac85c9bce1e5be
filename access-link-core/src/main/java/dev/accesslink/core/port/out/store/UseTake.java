package dev.accesslink.core.port.out.store;

import dev.accesslink.core.port.out.UseCounter;

/** What {@link UseCounter#take} did. */
public sealed interface UseTake {

  /** A use was taken. */
  record Taken() implements UseTake {}

  /** Every use the link's limit allows is taken; nothing changed. */
  record LimitReached() implements UseTake {}

  /** No link has that id. */
  record UnknownLink() implements UseTake {}
}
