package dev.accesslink.core.domain;

/**
 * Restrictions that apply to members with the app but not to link holders, who may open doors
 * remotely from anywhere. Each allowed unlock records which it bypassed.
 */
public enum BypassedRestriction {
  /** The member must be near the place. */
  GEOFENCE,
  /** The member must be near the door's reader. */
  READER_PROXIMITY
}
