package dev.accesslink.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Route registration: each path with the methods it allows; any other method on that path is a
 * 405 {@code method.not_allowed} with an {@code Allow} header (Javalin alone would say 404), and
 * every handler gets an {@link Exchange}. Not thread-safe; used while the server is configured.
 */
final class Routes {
  /** The methods a path answers 405 to when it does not allow them. */
  private static final List<HandlerType> KNOWN = List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST,
      HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE, HandlerType.OPTIONS);

  /** What a route does with one request. */
  @FunctionalInterface
  interface Action {
    void handle(Exchange ex) throws Exception;
  }

  private final RoutesConfig routes;
  private final ObjectMapper json;
  private final int maxBodyBytes;

  Routes(RoutesConfig routes, ObjectMapper json, int maxBodyBytes) {
    this.routes = routes;
    this.json = json;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Starts a path's registration. */
  Path path(String path) {
    return new Path(path);
  }

  /** The methods of one path. */
  final class Path {
    private final String path;
    private final Map<HandlerType, Action> actions = new LinkedHashMap<>();

    private Path(String path) {
      this.path = path;
    }

    /** Serves {@code method} on this path with {@code action}. */
    Path on(HandlerType method, Action action) {
      actions.put(method, action);
      return this;
    }

    /** Registers the path: its methods, and 405 for the others. */
    void register() {
      String allow = String.join(", ", actions.keySet().stream().map(Routes::name).toList());
      for (HandlerType method : KNOWN) {
        Action action = actions.get(method);
        routes.addHttpHandler(method, path, ctx -> {
          Exchange ex = new Exchange(ctx, json, maxBodyBytes);
          if (action == null) {
            throw new ApiProblem(405, "method.not_allowed", ex.method() + " is not allowed here; use "
                + String.join(" or ", actions.keySet().stream().map(Routes::name).toList()) + ".")
                .header("Allow", allow);
          }
          action.handle(ex);
        });
      }
    }
  }

  /** Answers 404 {@code route.unknown} for every path not registered before; register it last. */
  void notFoundForTheRest() {
    for (HandlerType method : KNOWN) {
      routes.addHttpHandler(method, "*", ctx -> {
        throw notFound();
      });
    }
  }

  /** True for the methods the routes answer (with a 405 where a path does not allow one). */
  static boolean isKnown(HandlerType method) {
    return KNOWN.contains(method);
  }

  /** Every method some route answers, for an {@code Allow} header. */
  static String knownMethods() {
    return String.join(", ", KNOWN.stream().map(Routes::name).toList());
  }

  private static String name(HandlerType type) {
    return type.name();
  }

  /** The answer for an address where nothing lives. */
  static ApiProblem notFound() {
    return new ApiProblem(404, "route.unknown", "There is nothing at this address.");
  }
}
