package dev.accesslink.sms;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.HttpUtility;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Twilio {@link HttpClient} that makes exactly one attempt per request and can send every
 * request to another base URL.
 *
 * <p>Why not the SDK's {@code NetworkHttpClient}: its {@code reliableRequest} repeats a request up
 * to three times when the answer is a 5xx, so a POST that Twilio accepted but answered with a 502
 * from an edge can send the same SMS twice; it also replaces every request's timeouts with its own
 * defaults. Here {@link #reliableRequest} is one {@link #makeRequest} call, and the JDK client
 * underneath never resends a POST by itself (it only retries a connection that was never made).
 * The core's dispatcher owns retries.
 *
 * <p>Thread-safe. The Authorization header is built per request and never logged.
 */
final class SingleAttemptHttpClient extends HttpClient {
  private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

  private final java.net.http.HttpClient http;
  private final Optional<URI> baseUrl;
  private final Duration requestTimeout;

  SingleAttemptHttpClient(Optional<URI> baseUrl, Duration connectTimeout, Duration requestTimeout) {
    this.baseUrl = baseUrl;
    this.requestTimeout = requestTimeout;
    this.http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** One attempt, whatever the answer: the dispatcher decides about retries. */
  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  /** One attempt, whatever {@code retryCodes} and {@code retries} say. */
  @Override
  public Response reliableRequest(
      Request request, int[] retryCodes, int retries, long delayMillis) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    URI target = target(request);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target)
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("X-Twilio-Client", "java-" + com.twilio.Twilio.VERSION)
            .header(
                "User-Agent",
                HttpUtility.getUserAgentString(request.getUserAgentExtensions(), true));
    if (request.requiresAuthentication()) {
      b.header("Authorization", request.getAuthString());
    }
    for (Map.Entry<String, List<String>> h : request.getHeaderParams().entrySet()) {
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    HttpMethod method = request.getMethod();
    if (method == HttpMethod.GET) {
      b.GET();
    } else if (method == HttpMethod.DELETE) {
      b.DELETE();
    } else {
      EnumConstants.ContentType type = request.getContentType();
      String body;
      String contentType;
      if (type == EnumConstants.ContentType.JSON) {
        body = request.getBody() == null ? "" : request.getBody();
        contentType = type.getValue();
      } else if (type == null || type == EnumConstants.ContentType.FORM_URLENCODED) {
        body = request.encodeFormBody();
        contentType = FORM;
      } else {
        throw new ApiException("content type not supported by this client: " + type.getValue());
      }
      b.header("Content-Type", contentType);
      b.method(method.toString(), HttpRequest.BodyPublishers.ofString(body));
    }

    HttpResponse<String> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // The class name only: messages of I/O exceptions may quote the URL, which holds the SID.
      throw new ApiConnectionException(
          "Twilio request failed: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("Twilio request interrupted", e);
    }
    return new Response(errorBody(response.statusCode(), response.body()), response.statusCode());
  }

  /**
   * An error answer whose body is not Twilio's JSON (an HTML page from a proxy, an empty 503)
   * would make the SDK fail to parse it and lose the status code; give it a minimal JSON body that
   * keeps the status, so the failure is classified by status.
   */
  private static String errorBody(int status, String body) {
    if (status < 400 || body.strip().startsWith("{")) {
      return body;
    }
    return "{\"status\":" + status + ",\"message\":\"HTTP " + status + "\"}";
  }

  private URI target(Request request) {
    URI twilio;
    try {
      twilio = request.constructURL().toURI();
    } catch (URISyntaxException e) {
      throw new ApiException("Bad URL", e);
    }
    if (baseUrl.isEmpty()) {
      return twilio;
    }
    URI base = baseUrl.get();
    String prefix = base.getRawPath() == null ? "" : base.getRawPath();
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    String query = twilio.getRawQuery() == null ? "" : "?" + twilio.getRawQuery();
    String authority = base.getRawAuthority();
    return URI.create(base.getScheme() + "://" + authority + prefix + twilio.getRawPath() + query);
  }
}
