package dev.accesslink.example;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The started example app. {@link #close()} stops it: the web server first, then the dispatcher,
 * the doors, and the database, each in the reverse order it was started. Thread-safe.
 */
public final class RunningApp implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RunningApp.class.getName());

  private final URI baseUrl;
  private final int port;
  private final String adminToken;
  private final boolean tokenGenerated;
  private final List<String> wiring;
  private final List<AutoCloseable> resources;
  private boolean closed;

  RunningApp(URI baseUrl, int port, String adminToken, boolean tokenGenerated, List<String> wiring,
      List<AutoCloseable> resources) {
    this.baseUrl = baseUrl;
    this.port = port;
    this.adminToken = adminToken;
    this.tokenGenerated = tokenGenerated;
    this.wiring = List.copyOf(wiring);
    this.resources = new ArrayList<>(resources);
  }

  /** Where the app is reached, such as {@code http://localhost:8080}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The port the web server listens on. */
  public int port() {
    return port;
  }

  /** The admin API token. A secret: show it only to the person who started the app. */
  public String adminToken() {
    return adminToken;
  }

  /** True when the token was generated at start (not configured). */
  public boolean tokenGenerated() {
    return tokenGenerated;
  }

  /** One line per port saying which adapter serves it, for the start-up banner. */
  public List<String> wiring() {
    return wiring;
  }

  /**
   * The first resource the app started of {@code type}, such as the simulated locks of the embedded
   * broker (for tests and tools; only the composition root names adapter classes).
   */
  <T> Optional<T> resource(Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** Stops everything; calling it again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "while stopping: " + e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }
}
