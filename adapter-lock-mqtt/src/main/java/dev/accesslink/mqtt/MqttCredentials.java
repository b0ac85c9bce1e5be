package dev.accesslink.mqtt;

import java.util.Objects;

/**
 * MQTT username and password. The password never appears in {@link #toString()}.
 *
 * @param username the MQTT username
 * @param password the MQTT password (a secret)
 */
public record MqttCredentials(String username, String password) {
  public MqttCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isBlank()) {
      throw new IllegalArgumentException("username must not be blank");
    }
  }

  @Override
  public String toString() {
    return "MqttCredentials[username=" + username + ", password=***]";
  }
}
