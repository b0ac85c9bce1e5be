/**
 * The domain model of access links: values, the link itself, the rules (validity, quotas, unlock decisions) and the typed errors. Depends on nothing but the JDK.
 */
@NullMarked
package dev.accesslink.core.domain;

import org.jspecify.annotations.NullMarked;
