/**
 * One service per use case, and the {@link dev.accesslink.core.application.AccessLinks} facade that wires them from the out-ports.
 */
@NullMarked
package dev.accesslink.core.application;

import org.jspecify.annotations.NullMarked;
