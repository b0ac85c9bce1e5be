package dev.accesslink.example;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AdminId;
import java.io.IOException;
import java.time.Clock;

/**
 * The example app's web server alone, for figure 7's web-layer row: the demo's {@link WebServer}
 * with its real routes, limits, headers and {@link GuessThrottle}, serving an {@link AccessLinks}
 * the benchmark builds (in memory, its doors answering in-process), so that the time left over a
 * bare JDK server calling the same {@code AccessLinks} is the web layer's alone.
 *
 * <p>It lives in the example app's package, in the benchmarks module, because the web server is
 * package-private there: the app keeps no public hook that exists only for a benchmark.
 */
public final class WebLayerProbe implements AutoCloseable {
  private final WebServer server;

  private WebLayerProbe(WebServer server) {
    this.server = server;
  }

  /**
   * Starts the demo's web server on a free loopback port, serving {@code links}; its guess throttle
   * allows {@code guessBurst} unknown secrets at once.
   *
   * @throws IOException when no port can be bound
   */
  public static WebLayerProbe start(AccessLinks links, int guessBurst) throws IOException {
    Clock clock = Clock.systemUTC();
    GuessThrottle throttle = new GuessThrottle(new GuessThrottle.Settings(guessBurst,
        GuessThrottle.Settings.defaults().refillEvery(), GuessThrottle.Settings.defaults().maxTracked()), clock);
    WebServer web = WebServer.start("127.0.0.1", 0, WebServer.Limits.defaults(), Json.mapper(),
        AppConfig.builder().build().maxBodyBytes(), new StaticFiles(),
        new AdminRoutes(links, null, AppConfig.generateToken(), AdminId.of("admin"), "Admin", url -> new byte[0], clock),
        new VisitorRoutes(links, throttle, new VisitorTexts(VisitorTexts.BUILT_IN)), throttle);
    return new WebLayerProbe(web);
  }

  /** The port it listens on. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
