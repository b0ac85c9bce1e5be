package dev.accesslink.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one switch for tests that need a service outside the JVM (PostgreSQL, MariaDB, Mosquitto,
 * Chromium).
 *
 * <p>When the environment variable (or system property) {@code ACCESSLINK_SERVICES} is {@code
 * required}, a missing service fails the test, so CI can never pass by skipping. Otherwise a
 * missing service skips the test with a message that says what to start.
 */
public final class ExternalServices {
  /** The name of the switch. */
  public static final String SWITCH = "ACCESSLINK_SERVICES";

  private ExternalServices() {}

  /** True when {@code ACCESSLINK_SERVICES=required}. */
  public static boolean required() {
    String v = System.getProperty(SWITCH, System.getenv(SWITCH));
    return "required".equalsIgnoreCase(v == null ? "" : v.strip());
  }

  /**
   * Skips (or, when services are required, fails) the current test unless {@code available}.
   *
   * @param service a name such as "PostgreSQL at 127.0.0.1:5432"
   * @param available whether it was found
   * @param howToStart a hint for the developer, such as the command that starts it
   */
  public static void assume(String service, boolean available, String howToStart) {
    if (available) {
      return;
    }
    String message = service + " is not available (" + howToStart + ")";
    if (required()) {
      Assertions.fail(message + "; " + SWITCH + "=required, so this is a failure, not a skip");
    }
    Assumptions.abort(message + "; skipping. Set " + SWITCH + "=required to make this a failure.");
  }

  /** Skips or fails unless something accepts TCP connections on {@code host:port} within 1 s. */
  public static void assumeTcp(String service, String host, int port, String howToStart) {
    assume(service + " at " + host + ":" + port, tcpOpen(host, port), howToStart);
  }

  /** True when something accepts TCP connections on {@code host:port} within 1 s. */
  public static boolean tcpOpen(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
