/**
 * Spring Boot auto-configuration of Access Links: {@link
 * dev.accesslink.spring.boot.AccessLinksAutoConfiguration} builds one {@code AccessLinks} from the
 * application's {@code DataSource} and the {@code accesslink.*} properties ({@link
 * dev.accesslink.spring.boot.AccessLinkProperties}); {@code docs/spring-boot.md} has the guide.
 */
@NullMarked
package dev.accesslink.spring.boot;

import org.jspecify.annotations.NullMarked;
