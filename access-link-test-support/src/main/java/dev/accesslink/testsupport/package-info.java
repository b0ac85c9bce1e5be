/**
 * The project's own test support (not published): the switch that makes tests needing a service
 * outside the JVM skip locally and fail in CI.
 */
@NullMarked
package dev.accesslink.testsupport;

import org.jspecify.annotations.NullMarked;
