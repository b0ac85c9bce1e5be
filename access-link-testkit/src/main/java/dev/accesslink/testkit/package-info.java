/**
 * The testkit: the contract tests every adapter must pass (in {@code contract}), test data
 * factories and a controllable clock. The in-memory reference implementations the contracts are
 * run against ship with core, in {@code dev.accesslink.core.memory}.
 */
@NullMarked
package dev.accesslink.testkit;

import org.jspecify.annotations.NullMarked;
