/**
 * The driving side: one use-case interface per use case, with its command, query and result records.
 */
@NullMarked
package dev.accesslink.core.port.in;

import org.jspecify.annotations.NullMarked;
