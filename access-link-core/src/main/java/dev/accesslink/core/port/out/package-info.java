/**
 * The driven side: what the core needs from the world, one capability per port. Adapters implement these; the testkit holds their contract tests.
 */
@NullMarked
package dev.accesslink.core.port.out;

import org.jspecify.annotations.NullMarked;
