/**
 * In-memory implementations of every out-port, published with core the way Micrometer ships
 * {@code SimpleMeterRegistry} in micrometer-core: {@link
 * dev.accesslink.core.memory.InMemoryAccessLinkPersistence} (links, outbox, unlock bookkeeping,
 * groups, organizations and audit log over one state), a {@link
 * dev.accesslink.core.memory.RecordingDoorController} and a {@link
 * dev.accesslink.core.memory.RecordingLinkNotifier}. They pass the same testkit contracts as the
 * real adapters. Thread-safe; good for tests, demos and single-process use; they keep nothing on
 * disk.
 */
@NullMarked
package dev.accesslink.core.memory;

import org.jspecify.annotations.NullMarked;
