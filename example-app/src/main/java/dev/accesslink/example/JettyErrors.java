package dev.accesslink.example;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The errors Jetty answers itself, before (or outside) a route: a URI or headers too long (414,
 * 431), a malformed request (400), a body too large or too slow (413, 408), a full server (503).
 * They get the same shape as the app's own errors (see {@link Problems#render}): a JSON problem on
 * {@code /api/**} (and when not even a path could be read), a short plain HTML page elsewhere;
 * never Jetty's HTML page with its server details. Every method gets a body (Jetty's default
 * gives one only to GET, POST and HEAD). Thread-safe.
 */
final class JettyErrors extends ErrorHandler {
  private static final HttpField NO_STORE = new HttpField(HttpHeader.CACHE_CONTROL, "no-store");

  private final Problems problems;

  JettyErrors(Problems problems) {
    this.problems = problems;
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    if (HttpStatus.hasNoBody(code)) {
      callback.succeeded();
      return;
    }
    // a URI too long is never read, so its path is unknown: the API's shape, like any unread request
    boolean api = code == HttpStatus.URI_TOO_LONG_414 || Problems.isApi(pathOf(request));
    Problems.Rendered r = problems.render(Problems.fromServer(code), api);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
    response.getHeaders().put(NO_STORE);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    if (code == HttpStatus.SERVICE_UNAVAILABLE_503) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
    }
    response.write(true, ByteBuffer.wrap(r.bytes()), callback);
  }

  /** A request Jetty could not even parse: no path is known, so the API's JSON shape. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    if (HttpStatus.hasNoBody(status)) {
      return ByteBuffer.allocate(0);
    }
    Problems.Rendered r = problems.render(Problems.fromServer(status), true);
    fields.put(HttpHeader.CONTENT_TYPE, r.contentType());
    fields.put(NO_STORE);
    return ByteBuffer.wrap(r.bytes());
  }

  private static @Nullable String pathOf(Request request) {
    try {
      HttpURI uri = request.getHttpURI();
      String path = uri == null ? null : uri.getPath();
      // Jetty names a request it could not parse "/badMessage": its real path is unknown
      return path == null || path.equals("/badMessage") ? null : path;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
