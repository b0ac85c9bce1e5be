package dev.accesslink.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server: Javalin 7 on Jetty 12 with the limits that keep slow, idle or numerous clients
 * from starving the others, and the routes of the {@link StaticFiles}, {@link AdminRoutes} and
 * {@link VisitorRoutes}, each answer's failure turned into the API's error shape by {@link
 * Problems}.
 *
 * <p>Jetty reads requests without holding a thread (a connection that sends nothing costs no
 * worker), dispatches a request with a body only once its content arrives, drops a connection idle
 * for {@link Limits#idleTimeout()}, fails a body that trickles in slower than {@link
 * Limits#minRequestBytesPerSecond()}, keeps a bounded pool and queue of workers, and closes a
 * connection gracefully (lingering: the unread rest of a refused body is drained, so the client
 * reads the 413 instead of a reset). Keep-alive answers are written at once (no Nagle delay).
 * Thread-safe; {@link #close()} stops it.
 */
final class WebServer implements AutoCloseable {

  /**
   * The server's limits.
   *
   * @param maxThreads the most worker threads
   * @param queueSize the most requests waiting for a worker; past that a connection is refused
   * @param idleTimeout how long a connection may stay silent (also while a request is read)
   * @param minRequestBytesPerSecond the slowest accepted body upload
   * @param maxConnections the most open connections; past that new ones wait in the OS backlog
   */
  record Limits(int maxThreads, int queueSize, Duration idleTimeout, long minRequestBytesPerSecond,
      int maxConnections) {
    /** 64 threads, 512 queued requests, 15 s idle timeout, 1 KiB/s minimum upload, 2,000 connections. */
    static Limits defaults() {
      return new Limits(64, 512, Duration.ofSeconds(15), 1024, 2000);
    }
  }

  /** The buffer Javalin copies an answer to Jetty with; larger answers (static files) take several copies. */
  static final int RESPONSE_COPY_BUFFER = 4096;

  private final Javalin app;

  private WebServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts a server on {@code host:port} (0: a free port).
   *
   * @throws IOException when the port cannot be bound
   */
  static WebServer start(String host, int port, Limits limits, ObjectMapper json, int maxBodyBytes,
      StaticFiles files, AdminRoutes admin, VisitorRoutes visitor, GuessThrottle throttle) throws IOException {
    return start(host, port, limits, json, maxBodyBytes, files, admin, visitor, throttle, null);
  }

  /** The same, with Twilio's status callback route ({@code null}: none). */
  static WebServer start(String host, int port, Limits limits, ObjectMapper json, int maxBodyBytes,
      StaticFiles files, AdminRoutes admin, VisitorRoutes visitor, GuessThrottle throttle,
      @org.jspecify.annotations.Nullable TwilioRoutes twilio) throws IOException {
    Problems problems = new Problems(json);
    QueuedThreadPool pool = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()),
        60_000, -1, new BlockingArrayQueue<>(limits.queueSize(), 64, limits.queueSize()), null);
    pool.setName("accesslink-http");
    pool.setDaemon(true);
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.router.ignoreTrailingSlashes = true;
      config.router.treatMultipleSlashesAsSingleSlash = true;
      config.http.maxRequestSize = maxBodyBytes;
      // Javalin copies each answer to Jetty through a buffer of this size, allocated per request: its
      // default (Jetty's 32 KiB output buffer) was a tenth of a request's CPU; the API's answers are small
      config.http.responseBufferSize = RESPONSE_COPY_BUFFER;
      config.jetty.threadPool = pool;
      config.jetty.modifyHttpConfiguration(http -> tune(http, limits));
      // Jetty's own errors (414, 431, 400, 408, ...) in the app's shape, not Jetty's HTML page
      JettyErrors errors = new JettyErrors(problems);
      config.jetty.modifyServer(server -> {
        server.setErrorHandler(errors);
        // Javalin wraps every request in a StatisticsHandler whose counters nothing reads
        server.setHandler((Handler) null);
      });
      config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
      config.jetty.addConnector((server, http) -> {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(128);
        NetworkConnectionLimit limit = new NetworkConnectionLimit(limits.maxConnections(), connector);
        limit.setEndPointIdleTimeout(Math.min(2000, limits.idleTimeout().toMillis())); // at the limit, idle ones go sooner
        server.addBean(limit);
        return connector;
      });
      config.routes.before(ctx -> {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        if (!Routes.isKnown(ctx.method())) {
          // PROPFIND, TRACE, ...: no route serves them (Javalin alone answers a text/plain 404); a
          // client error like any other method a path does not allow
          throw new ApiProblem(405, "method.not_allowed", "This server does not support that method.")
              .header("Allow", Routes.knownMethods());
        }
      });
      config.routes.exception(Exception.class, problems::handle);
      // a body that stalls past the idle timeout: Javalin answers 408 itself, with an empty text/plain body
      config.routes.error(408, "*", ctx -> {
        if (ctx.resultInputStream() == null) {
          problems.handle(new ApiProblem(408, "request.timeout", "The request arrived too slowly."), ctx);
        }
      });
      Routes routes = new Routes(config.routes, json, maxBodyBytes);
      // Javalin tries a method's routes in the order they were added: the visitor's (the door) first
      visitor.register(routes);
      routes.path("/api/health").on(HandlerType.GET, ex -> ex.sendJson(200, health(throttle))).register();
      files.register(routes);
      admin.register(routes);
      if (twilio != null) {
        twilio.register(routes);
      }
      routes.notFoundForTheRest();
    });
    try {
      app.start();
    } catch (RuntimeException e) {
      app.stop();
      throw new IOException("cannot start the web server on " + host + ":" + port, e);
    }
    return new WebServer(app);
  }

  private static void tune(HttpConfiguration http, Limits limits) {
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setSendDateHeader(true);
    http.setPersistentConnectionsEnabled(true);
    http.setDelayDispatchUntilContent(true);
    http.setMinRequestDataRate(limits.minRequestBytesPerSecond());
    http.setIdleTimeout(limits.idleTimeout().toMillis());
    http.setRequestHeaderSize(8 * 1024);
  }

  private static Map<String, Object> health(GuessThrottle throttle) {
    Map<String, Object> guessing = new LinkedHashMap<>();
    guessing.put("unknownSecretAttempts", throttle.unknownSecretAttempts());
    guessing.put("throttledRequests", throttle.throttledRequests());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "UP");
    m.put("guessing", guessing);
    return m;
  }

  /** The port the server listens on. */
  int port() {
    return app.port();
  }

  /** Stops accepting, lets running requests end (briefly), and stops the workers. */
  @Override
  public void close() {
    app.stop();
  }
}
