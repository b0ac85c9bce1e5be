/**
 * The testkit: in-memory reference implementations of every out-port, a controllable clock, and
 * helpers for contract tests.
 */
@NullMarked
package dev.accesslink.testkit;

import org.jspecify.annotations.NullMarked;
