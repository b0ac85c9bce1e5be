package dev.accesslink.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accesslink.core.domain.AccessLinkException;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.IdempotencyKeyReusedException;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.QuotaExhaustedException;
import dev.accesslink.core.domain.UnknownDoorException;
import dev.accesslink.core.domain.LinkNotChangeableException;
import dev.accesslink.core.domain.LinkNotResendableException;
import dev.accesslink.core.domain.UnknownGroupException;
import dev.accesslink.core.domain.UnknownLinkException;
import dev.accesslink.core.domain.UnknownOrganizationException;
import dev.accesslink.core.domain.UnknownWebhookEndpointException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Problem mapping: turns whatever a handler throws into the API's error shape
 * {@code {error:{code, message, field?}}} with its status (see {@code docs/api.md}). Internals
 * (a failing system's name, a stack trace) never reach the client; unexpected failures are logged
 * by class name only. Thread-safe.
 */
final class Problems {
  private static final System.Logger LOG = System.getLogger(Problems.class.getName());

  private final ObjectMapper json;

  Problems(ObjectMapper json) {
    this.json = json;
  }

  /** The problem for {@code e}. */
  static ApiProblem of(Exception e) {
    if (e instanceof ApiProblem p) {
      return p;
    }
    if (e instanceof QuotaExhaustedException q) {
      ApiProblem p = new ApiProblem(429, q.code(), q.getMessage())
          .with("channel", q.channel().name()).with("used", q.used()).with("limit", q.limit());
      q.resetsAt().ifPresent(r -> p.with("resetsAt", r));
      return p;
    }
    if (e instanceof IdempotencyKeyReusedException k) {
      return new ApiProblem(422, k.code(), k.getMessage());
    }
    if (e instanceof InvalidInputException i) {
      return new ApiProblem(400, i.code(), i.getMessage(), i.field());
    }
    if (e instanceof UnknownOrganizationException || e instanceof UnknownGroupException
        || e instanceof UnknownLinkException || e instanceof UnknownDoorException
        || e instanceof UnknownWebhookEndpointException) {
      AccessLinkException a = (AccessLinkException) e;
      return new ApiProblem(404, a.code(), a.getMessage());
    }
    if (e instanceof LinkNotResendableException || e instanceof LinkNotChangeableException) {
      AccessLinkException a = (AccessLinkException) e;
      return new ApiProblem(409, a.code(), a.getMessage());
    }
    if (e instanceof AccessLinkException a) {
      return new ApiProblem(400, a.code(), a.getMessage());
    }
    if (e instanceof AccessLinkInfrastructureException) {
      // the cause names the failing system; the client learns only that it should try again
      LOG.log(Level.WARNING, "a backing service failed: " + e.getMessage());
      return new ApiProblem(503, "service.unavailable",
          "A backing service is not available right now. Try again in a moment.").retryAfter(5);
    }
    if (e instanceof HttpResponseException h) {
      return fromServer(h.getStatus());
    }
    // Jetty's refusals while a handler reads the request (a body slower than the minimum rate is a
    // 408, a broken chunked body a 400), or a client that went away or stalled mid-body: client errors
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.http.HttpException h) {
        return fromServer(h.getCode());
      }
      if (t instanceof java.util.concurrent.TimeoutException) {
        return fromServer(408);
      }
      if (t instanceof org.eclipse.jetty.io.EofException) {
        return fromServer(400);
      }
    }
    LOG.log(Level.ERROR, "unexpected failure in a handler: " + e.getClass().getName());
    return new ApiProblem(500, "internal", "Something went wrong on our side.");
  }

  /**
   * The server's own refusals (Javalin's, and Jetty's before a request reaches a route: a URI or
   * headers too long, a malformed request, a body too slow or too large) in the API's shape.
   */
  static ApiProblem fromServer(int status) {
    return switch (status) {
      case 404 -> Routes.notFound();
      case 413 -> new ApiProblem(413, "request.too_large", "The request body is too large.").header("Connection", "close");
      case 400 -> new ApiProblem(400, "request.malformed", "The request is malformed.");
      case 405 -> new ApiProblem(405, "method.not_allowed", "This method is not allowed here.");
      case 408 -> new ApiProblem(408, "request.timeout", "The request arrived too slowly.");
      case 414 -> new ApiProblem(414, "request.uri_too_long", "The address is too long.");
      case 415 -> new ApiProblem(415, "request.unsupported_media_type",
          "Send the body as JSON with 'Content-Type: application/json'.");
      case 431 -> new ApiProblem(431, "request.headers_too_large", "The request headers are too large.");
      case 501 -> new ApiProblem(501, "method.not_implemented", "This method is not supported.");
      case 503 -> new ApiProblem(503, "service.unavailable",
          "The service is busy or not available right now. Try again in a moment.").retryAfter(5);
      default -> status >= 500 && status < 600
          ? new ApiProblem(status, "internal", "Something went wrong on our side.")
          : new ApiProblem(status >= 400 && status < 500 ? status : 500, "request.refused", "The request was refused.");
    };
  }

  /** True for the JSON API's addresses ({@code /api} and below); everything else is a page or an asset. */
  static boolean isApi(@Nullable String path) {
    if (path == null) {
      return true; // not even a path could be read: answer the API's way
    }
    String p = path;
    while (p.startsWith("//")) {
      p = p.substring(1);
    }
    return p.equals("/api") || p.startsWith("/api/");
  }

  /**
   * An error answer's body: the API's JSON problem, or for pages and assets a short plain HTML page
   * (the status and the problem's message, escaped; nothing of the server's internals).
   *
   * @param contentType the body's Content-Type
   * @param bytes the body
   */
  record Rendered(String contentType, byte[] bytes) {}

  /** Renders {@code p} for an API address ({@code api}) or a page. */
  Rendered render(ApiProblem p, boolean api) {
    if (!api) {
      String title = p.status() + " " + reason(p.status());
      String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
          + "</title></head>\n<body><h1>" + escape(title) + "</h1><p>" + escape(p.getMessage())
          + "</p><p><a href=\"/\">Access Links</a></p></body></html>\n";
      return new Rendered("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }
    try {
      return new Rendered("application/json; charset=utf-8", json.writeValueAsBytes(p.body()));
    } catch (JsonProcessingException ex) {
      return new Rendered("application/json; charset=utf-8",
          "{\"error\":{\"code\":\"internal\",\"message\":\"Something went wrong on our side.\"}}"
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String reason(int status) {
    String r = org.eclipse.jetty.http.HttpStatus.getMessage(status);
    return r == null ? "Error" : r;
  }

  private static String escape(@Nullable String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** Writes {@code e}'s problem as the response: JSON on the API, a plain HTML page elsewhere. */
  void handle(Exception e, Context ctx) {
    ApiProblem p = of(e);
    if (p.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"access-links\"");
    }
    p.headers().forEach(ctx::header);
    ctx.header("Cache-Control", "no-store");
    ctx.status(p.status());
    Rendered r = render(p, isApi(ctx.path()));
    if (!r.contentType().startsWith("application/json")) {
      ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }
    ctx.contentType(r.contentType());
    ctx.result(r.bytes());
  }
}
