package dev.accesslink.mqtt;

/** What the controller knows about a lock's connection, from its availability topic. */
public enum LockAvailability {
  /** The lock's last availability message said it is online. */
  ONLINE,
  /** The lock said (or its last will said) it is offline: unlocks fail at once. */
  OFFLINE,
  /** No availability message seen (yet): unlocks are sent and wait for the answer. */
  UNKNOWN
}
