package dev.accesslink.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accesslink.core.domain.AccessLinkException;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.QuotaExhaustedException;
import dev.accesslink.core.domain.UnknownGroupException;
import dev.accesslink.core.domain.UnknownLinkException;
import dev.accesslink.core.domain.UnknownOrganizationException;
import dev.accesslink.core.domain.UnknownWebhookEndpointException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.lang.System.Logger.Level;

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
    if (e instanceof InvalidInputException i) {
      return new ApiProblem(400, i.code(), i.getMessage(), i.field());
    }
    if (e instanceof UnknownOrganizationException || e instanceof UnknownGroupException
        || e instanceof UnknownLinkException || e instanceof UnknownWebhookEndpointException) {
      AccessLinkException a = (AccessLinkException) e;
      return new ApiProblem(404, a.code(), a.getMessage());
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
    LOG.log(Level.ERROR, "unexpected failure in a handler: " + e.getClass().getName());
    return new ApiProblem(500, "internal", "Something went wrong on our side.");
  }

  /** Javalin's own refusals (no route, a body the server would not read) in the API's shape. */
  private static ApiProblem fromServer(int status) {
    return switch (status) {
      case 404 -> Routes.notFound();
      case 413 -> new ApiProblem(413, "request.too_large", "The request body is too large.");
      case 400 -> new ApiProblem(400, "request.malformed", "The request is malformed.");
      default -> new ApiProblem(status >= 400 && status < 600 ? status : 500, "request.refused",
          "The request was refused.");
    };
  }

  /** Writes {@code e}'s problem as the response. */
  void handle(Exception e, Context ctx) {
    ApiProblem p = of(e);
    if (p.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"access-links\"");
    }
    p.headers().forEach(ctx::header);
    ctx.header("Cache-Control", "no-store");
    ctx.status(p.status());
    ctx.contentType("application/json; charset=utf-8");
    try {
      ctx.result(json.writeValueAsBytes(p.body()));
    } catch (JsonProcessingException ex) {
      ctx.result("{\"error\":{\"code\":\"internal\",\"message\":\"Something went wrong on our side.\"}}");
    }
  }
}
