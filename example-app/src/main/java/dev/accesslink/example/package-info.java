/** The example app: the reference for wiring the library with plain {@code new}. */
@NullMarked
package dev.accesslink.example;

import org.jspecify.annotations.NullMarked;
