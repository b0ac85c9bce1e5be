/**
 * The EMAIL {@link dev.accesslink.core.port.out.LinkNotifier} on jakarta.mail (Eclipse Angus Mail).
 *
 * <p>Entry point: {@link dev.accesslink.email.EmailLinkNotifier}, configured by {@link
 * dev.accesslink.email.SmtpSettings} and an optional {@link dev.accesslink.email.EmailTemplate}.
 * Everything else in this package is an implementation detail.
 */
@NullMarked
package dev.accesslink.email;

import org.jspecify.annotations.NullMarked;
