package dev.accesslink.mqtt;

import java.util.Objects;

/**
 * MQTT username and password. Immutable. The password never appears in {@link #toString()}.
 */
public final class MqttCredentials {
  private final String username;
  private final String password;

  private MqttCredentials(String username, String password) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
    if (username.isBlank()) {
      throw new IllegalArgumentException("username must not be blank");
    }
  }

  /**
   * Credentials for the broker.
   *
   * @throws IllegalArgumentException if the username is blank
   */
  public static MqttCredentials of(String username, String password) {
    return new MqttCredentials(username, password);
  }

  /** The MQTT username. */
  public String username() {
    return username;
  }

  /** The MQTT password (a secret: never log it). */
  public String password() {
    return password;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MqttCredentials c && c.username.equals(username) && c.password.equals(password);
  }

  @Override
  public int hashCode() {
    return username.hashCode();
  }

  @Override
  public String toString() {
    return "MqttCredentials[username=" + username + ", password=***]";
  }
}
