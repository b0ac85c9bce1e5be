package dev.accesslink.example;

import dev.accesslink.mqtt.LockProfile;

/**
 * Reads a door's lock profile from a switch such as {@code ACCESSLINK_LOCK_FRONT_DOOR}:
 * {@code accesslink}, {@code zigbee2mqtt:<friendly name>}, {@code esphome:<topic prefix>/<lock id>}
 * or {@code homeassistant:<command topic>|<state topic>|<availability topic>}.
 */
final class LockProfiles {
  private LockProfiles() {}

  static LockProfile parse(String key, String value) {
    String v = value.strip();
    int colon = v.indexOf(':');
    String kind = (colon < 0 ? v : v.substring(0, colon)).toLowerCase(java.util.Locale.ROOT);
    String arg = colon < 0 ? "" : v.substring(colon + 1).strip();
    switch (kind) {
      case "accesslink":
        return LockProfile.accessLinkJson();
      case "zigbee2mqtt":
        if (!arg.isEmpty()) {
          return LockProfile.zigbee2mqtt(arg);
        }
        break;
      case "esphome": {
        int slash = arg.indexOf('/');
        if (slash > 0 && slash < arg.length() - 1) {
          return LockProfile.espHome(arg.substring(0, slash), arg.substring(slash + 1));
        }
        break;
      }
      case "homeassistant": {
        String[] topics = arg.split("\\|");
        if (topics.length == 3) {
          return LockProfile.homeAssistant(topics[0].strip(), topics[1].strip(), topics[2].strip());
        }
        break;
      }
      default:
        break;
    }
    throw new IllegalArgumentException(key + " is one of accesslink, zigbee2mqtt:<friendly name>, "
        + "esphome:<topic prefix>/<lock id>, homeassistant:<command topic>|<state topic>|<availability topic>");
  }
}
