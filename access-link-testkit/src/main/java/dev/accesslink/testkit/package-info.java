/**
 * The testkit: in-memory reference implementations of every out-port, a controllable clock, and
 * helpers for tests that need external services.
 */
@NullMarked
package dev.accesslink.testkit;

import org.jspecify.annotations.NullMarked;
