/**
 * The JDBC persistence adapter: {@link dev.accesslink.core.port.out.AccessLinkStore}, {@link
 * dev.accesslink.core.port.out.GroupDirectory}, {@link dev.accesslink.core.port.out.Organizations}
 * and {@link dev.accesslink.core.port.out.AccessEvents} on Jdbi and Flyway, for PostgreSQL, MariaDB
 * and H2. Start at {@link dev.accesslink.jdbc.JdbcAccessLinkPersistence}.
 */
@NullMarked
package dev.accesslink.jdbc;

import org.jspecify.annotations.NullMarked;
