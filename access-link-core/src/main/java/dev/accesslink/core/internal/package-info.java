/**
 * Implementation details shared inside core. Not API: may change without notice.
 */
@NullMarked
package dev.accesslink.core.internal;

import org.jspecify.annotations.NullMarked;
