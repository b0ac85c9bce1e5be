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
    PrintStream out = System.out;
    List<String> list = Arrays.asList(args);
    if (list.contains("--walkthrough")) {
      Walkthrough.run(out);
      return;
    }
    if (list.contains("--help") || list.contains("-h")) {
      out.println("Access Links demo. Usage: java -jar access-link-example.jar [--port N] [--walkthrough]");
      out.println("Configuration by environment variables: see docs/configuration.md.");
      return;
    }
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("access-links: " + e.getMessage() + " (try --help)");
      System.exit(2);
      return;
    }
    RunningApp app = CompositionRoot.start(config);
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
  }
}
