package dev.accesslink.email;

import java.util.Arrays;
import java.util.Objects;

/**
 * A user name and password for SMTP AUTH. Immutable and thread-safe.
 *
 * <p>The password is kept as a private copy of the characters given; {@link #toString()} shows the
 * user name only, so settings can be logged. jakarta.mail takes the password as a {@code String}
 * when it connects, so a short-lived copy exists during each connection.
 */
public final class SmtpCredentials {
  private final String username;
  private final char[] password;

  private SmtpCredentials(String username, char[] password) {
    this.username = username;
    this.password = password;
  }

  /**
   * Credentials for SMTP AUTH.
   *
   * @param username the login, not blank, without control characters
   * @param password the password; copied, so the caller may clear its array afterwards
   * @throws IllegalArgumentException if the user name is blank or contains control characters
   */
  public static SmtpCredentials of(String username, char[] password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isBlank() || Texts.hasControlOrInvisible(username)) {
      throw new IllegalArgumentException(
          "SMTP user name must not be blank or contain control characters");
    }
    return new SmtpCredentials(username, password.clone());
  }

  /** The login. */
  public String username() {
    return username;
  }

  /** A copy of the password; clear it when done. */
  public char[] password() {
    return password.clone();
  }

  /** The user name, never the password. */
  @Override
  public String toString() {
    return "SmtpCredentials[username=" + username + ", password=[redacted]]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SmtpCredentials other
        && username.equals(other.username)
        && Arrays.equals(password, other.password);
  }

  @Override
  public int hashCode() {
    return username.hashCode() * 31 + Arrays.hashCode(password);
  }
}
