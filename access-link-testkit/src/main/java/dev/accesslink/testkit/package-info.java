/**
 * The testkit: the contract tests every adapter must pass (in {@code contract}), test data
 * factories, a controllable clock, and helpers for tests that need external services. The
 * in-memory reference implementations the contracts are run against ship with core, in {@code
 * dev.accesslink.core.memory}.
 */
@NullMarked
package dev.accesslink.testkit;

import org.jspecify.annotations.NullMarked;
