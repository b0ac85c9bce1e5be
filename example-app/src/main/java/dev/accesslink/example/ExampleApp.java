package dev.accesslink.example;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the example app: starts the web app (admin page, visitor pages, JSON API) with
 * embedded defaults, or runs the console walkthrough with {@code --walkthrough}.
 */
public final class ExampleApp {
  private ExampleApp() {}

  /**
   * Starts the web app and returns; it runs until the JVM is stopped (Ctrl-C stops it cleanly).
   *
   * <p>Arguments: {@code --port N} (or {@code ACCESSLINK_PORT}), {@code --walkthrough}, {@code --help}.
   */
  public static void main(String[] args) throws IOException {
    int exit = run(System.getenv(), args, System.out, System.err);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * Starts the app as {@link #main} does and returns the process exit code: 0 when it runs (or
   * after {@code --help} and {@code --walkthrough}), 2 for a configuration error, 1 when it cannot
   * start (a database that refuses connections, say). A failure is one line on {@code err} with
   * its causes' messages, never a stack trace.
   */
  static int run(java.util.Map<String, String> env, String[] args, PrintStream out, PrintStream err)
      throws IOException {
    List<String> list = Arrays.asList(args);
    if (list.contains("--walkthrough")) {
      Walkthrough.run(out);
      return 0;
    }
    if (list.contains("--help") || list.contains("-h")) {
      out.println("Access Links demo. Usage: java -jar access-link-example.jar [--port N] [--walkthrough]");
      out.println("Configuration by environment variables: see docs/configuration.md.");
      return 0;
    }
    AppConfig config;
    RunningApp app;
    try {
      config = AppConfig.fromEnvironment(env, args);
      app = CompositionRoot.start(config);
    } catch (IllegalArgumentException e) {
      err.println("access-links: " + e.getMessage() + " (try --help)");
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("access-links: could not start: " + causes(e));
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      out.println("Access Links demo stopped.");
    }, "accesslink-shutdown"));
    out.println();
    out.println("Access Links demo is running.");
    out.println("  Admin page:   " + app.baseUrl() + "/" + (app.tokenGenerated() ? "#token=" + app.adminToken() : ""));
    out.println("  Admin token:  " + (app.tokenGenerated() ? app.adminToken() : "from ACCESSLINK_ADMIN_TOKEN"));
    for (String line : app.wiring()) {
      out.println("  " + line);
    }
    out.println("Press Ctrl-C to stop.");
    return 0;
  }

  /** The messages of {@code e} and its causes, each once, on one line. */
  static String causes(Throwable e) {
    StringBuilder b = new StringBuilder();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Throwable t = e; t != null && seen.size() < 8; t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
      if (seen.add(m) && b.indexOf(m) < 0) {
        b.append(b.length() == 0 ? "" : " <- ").append(m.replaceAll("\\s+", " "));
      }
    }
    return b.toString();
  }
}
