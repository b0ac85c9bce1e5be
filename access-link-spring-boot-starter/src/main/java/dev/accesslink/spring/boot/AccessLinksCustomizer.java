package dev.accesslink.spring.boot;

import dev.accesslink.core.application.AccessLinksBuilder;

/**
 * Changes the {@link AccessLinksBuilder} after the starter has applied the {@code accesslink.*}
 * properties and before it builds the {@code AccessLinks} bean: a clock, a secret generator, a
 * decorated store. Define beans of this type; they run in their {@code @Order}.
 */
@FunctionalInterface
public interface AccessLinksCustomizer {

  /** Changes {@code builder}; called once, on the thread that creates the bean. */
  void customize(AccessLinksBuilder builder);
}
