package dev.accesslink.example;

import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin and visitor pages and their CSS, JS and icon, read once from the jar: pages with a
 * strict Content-Security-Policy and {@code no-store}, assets under {@code /static/}. Thread-safe.
 */
final class StaticFiles {
  private static final String PAGE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
      + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  private static final List<String> NAMES =
      List.of("index.html", "visitor.html", "app.css", "common.js", "admin.js", "visitor.js", "favicon.svg");

  private record File(String contentType, byte[] bytes) {}

  private final Map<String, File> files = new HashMap<>();

  StaticFiles() {
    for (String name : NAMES) {
      files.put(name, new File(contentType(name), resource(name)));
    }
  }

  /** Registers {@code /}, {@code /index.html}, {@code /l/{secret}}, {@code /static/{name}} and the favicon. */
  void register(Routes routes) {
    routes.path("/").on(HandlerType.GET, ex -> page(ex, "index.html")).on(HandlerType.HEAD, ex -> page(ex, "index.html"))
        .register();
    routes.path("/index.html").on(HandlerType.GET, ex -> page(ex, "index.html"))
        .on(HandlerType.HEAD, ex -> page(ex, "index.html")).register();
    routes.path("/l/{secret}").on(HandlerType.GET, ex -> page(ex, "visitor.html"))
        .on(HandlerType.HEAD, ex -> page(ex, "visitor.html")).register();
    routes.path("/static/{name}").on(HandlerType.GET, this::asset).on(HandlerType.HEAD, this::asset).register();
    routes.path("/favicon.ico").on(HandlerType.GET, this::favicon).on(HandlerType.HEAD, this::favicon).register();
  }

  private void page(Exchange ex, String name) {
    File f = files.get(name);
    ex.sendBytes(200, f.contentType(), f.bytes(), Map.of("Cache-Control", "no-store",
        "Content-Security-Policy", PAGE_CSP, "X-Frame-Options", "DENY"));
  }

  private void asset(Exchange ex) {
    String name = ex.path("name");
    File f = files.get(name);
    if (f == null || name.endsWith(".html")) {
      throw Routes.notFound();
    }
    ex.sendBytes(200, f.contentType(), f.bytes(), Map.of("Cache-Control", "no-cache"));
  }

  private void favicon(Exchange ex) {
    File f = files.get("favicon.svg");
    ex.sendBytes(200, f.contentType(), f.bytes(), Map.of("Cache-Control", "max-age=86400"));
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    return "image/svg+xml";
  }

  private static byte[] resource(String name) {
    try (InputStream in = StaticFiles.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource /web/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /web/" + name, e);
    }
  }
}
