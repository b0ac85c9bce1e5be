package dev.accesslink.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Checks for MQTT topic names: no wildcards, no empty topic, no NUL, not a {@code $} system topic. */
public final class Topics {
  private Topics() {}

  public static String checkName(String topic, String what) {
    Objects.requireNonNull(topic, what);
    if (topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0 || topic.indexOf('\0') >= 0
        || topic.startsWith("$") || topic.getBytes(StandardCharsets.UTF_8).length > 65_535) {
      throw new IllegalArgumentException(what + " is not a valid MQTT topic name: " + topic);
    }
    return topic;
  }

  public static String checkLevel(String level, String what) {
    checkName(level, what);
    if (level.indexOf('/') >= 0) {
      throw new IllegalArgumentException(what + " must be one topic level (no '/'): " + level);
    }
    return level;
  }
}
