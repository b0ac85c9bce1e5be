/**
 * Thread-safe in-memory implementations of every out-port: the reference implementations that
 * pass the same contracts as the real adapters. Good for tests and demos; they keep nothing on
 * disk.
 */
@NullMarked
package dev.accesslink.testkit.memory;

import org.jspecify.annotations.NullMarked;
