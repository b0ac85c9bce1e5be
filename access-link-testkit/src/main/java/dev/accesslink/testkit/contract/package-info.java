/**
 * Contract tests: one abstract JUnit 5 class per out-port. An adapter proves it keeps the port's
 * promises by a tiny subclass in its own tests that supplies the instance under test.
 */
@NullMarked
package dev.accesslink.testkit.contract;

import org.jspecify.annotations.NullMarked;
