/**
 * The JDBC persistence adapter: one {@link dev.accesslink.core.port.out.AccessLinkPersistence}
 * (links, delivery outbox, use log, groups, organizations and audit log) on Jdbi and Flyway, for
 * PostgreSQL, MariaDB and H2. Start at {@link dev.accesslink.jdbc.JdbcAccessLinkPersistence}.
 */
@NullMarked
package dev.accesslink.jdbc;

import org.jspecify.annotations.NullMarked;
