package dev.accesslink.mqtt;

/** What an unlock command asks the lock to do. */
public enum LockAction {
  /** Unlock (for the profile's duration where the protocol carries one), then lock again. */
  UNLOCK,
  /** Momentary open: release the latch once, as a door strike or a motor lock's "open" does. */
  OPEN
}
