/**
 * The values of the stored ports, needed only by who implements {@link
 * dev.accesslink.core.port.out.LinkRecords}, {@link dev.accesslink.core.port.out.DeliveryOutbox}
 * and {@link dev.accesslink.core.port.out.UseLog} (a persistence adapter): what an insert writes,
 * quota keys and reservations, delivery claims and their outcomes, recorded uses. An application
 * that only wires and calls {@code AccessLinks} never meets them.
 */
@NullMarked
package dev.accesslink.core.port.out.store;

import org.jspecify.annotations.NullMarked;
