package dev.accesslink.sms;

import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.TwilioRestClient;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the {@link TwilioRestClient} the SMS adapter should use: one attempt per request (no
 * duplicate SMS from the SDK's own retries), the timeouts of {@link TwilioSettings}, an optional
 * other base URL, and no request logging (the SDK logs request URLs at DEBUG, and those contain the
 * account SID). Nothing global: {@code Twilio.init} is never called.
 */
public final class TwilioClients {
  private TwilioClients() {}

  /**
   * A client for {@code settings}: basic authentication with the account SID and auth token,
   * requests sent to {@link TwilioSettings#apiBaseUrl()} when present. Thread-safe; share one per
   * account.
   */
  public static TwilioRestClient create(TwilioSettings settings) {
    Objects.requireNonNull(settings, "settings");
    HttpClient http =
        singleAttemptHttpClient(
            settings.apiBaseUrl(), settings.connectTimeout(), settings.requestTimeout());
    return new QuietTwilioRestClient(
        new TwilioRestClient.Builder(settings.accountSid(), settings.authToken()).httpClient(http));
  }

  /**
   * The HTTP client underneath {@link #create}, for an application that builds its own {@link
   * TwilioRestClient} (for example with a region or edge): it makes exactly one attempt per
   * request, and sends each request to {@code baseUrl} (keeping the API path and query) when one
   * is given. Thread-safe.
   *
   * @param baseUrl scheme, host, port and optional path prefix to send requests to; empty for the
   *     URL the SDK computes
   * @param connectTimeout TCP connect timeout
   * @param requestTimeout timeout of one request
   */
  public static HttpClient singleAttemptHttpClient(
      Optional<URI> baseUrl, Duration connectTimeout, Duration requestTimeout) {
    return new SingleAttemptHttpClient(
        Objects.requireNonNull(baseUrl, "baseUrl"),
        Objects.requireNonNull(connectTimeout, "connectTimeout"),
        Objects.requireNonNull(requestTimeout, "requestTimeout"));
  }

  /** The SDK's client without its DEBUG request log (which prints the URL with the account SID). */
  private static final class QuietTwilioRestClient extends TwilioRestClient {
    QuietTwilioRestClient(TwilioRestClient.Builder builder) {
      super(builder);
    }

    @Override
    public void logRequest(Request request) {
      // deliberately silent: the URL contains the account SID
    }
  }
}
