/**
 * The driven side: what the core needs from the world, one capability per port. Adapters
 * implement these; the testkit holds their contract tests.
 *
 * <p>The stored ports ({@link dev.accesslink.core.port.out.LinkRecords}, {@link
 * dev.accesslink.core.port.out.DeliveryOutbox}, {@link dev.accesslink.core.port.out.UseLog},
 * {@link dev.accesslink.core.port.out.GroupDirectory}, {@link
 * dev.accesslink.core.port.out.Organizations} and the audit log {@link
 * dev.accesslink.core.port.out.AccessEvents}) come together in one {@link
 * dev.accesslink.core.port.out.AccessLinkPersistence}; the values only their implementers need
 * live in {@code port.out.store}. Notifiers ({@link dev.accesslink.core.port.out.LinkNotifier})
 * and door controllers ({@link dev.accesslink.core.port.out.DoorController}) are wired one by
 * one.
 */
@NullMarked
package dev.accesslink.core.port.out;

import org.jspecify.annotations.NullMarked;
