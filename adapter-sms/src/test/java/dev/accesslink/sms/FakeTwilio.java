package dev.accesslink.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Twilio's Messages API as WireMock serves it, and settings that point at it. */
final class FakeTwilio {
  static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
  static final String AUTH_TOKEN = "t0k3n-0123456789abcdef0123456789ab";
  static final String FROM = "+15005550006";
  static final String SERVICE_SID = "MG0123456789abcdef0123456789abcdef";
  static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

  private static final AtomicLong SIDS = new AtomicLong();

  private FakeTwilio() {}

  static TwilioSettings.Builder settings(WireMockServer server) {
    return TwilioSettings.builder()
        .accountSid(ACCOUNT_SID)
        .authToken(AUTH_TOKEN)
        .fromNumber(FROM)
        .apiBaseUrl(URI.create(server.baseUrl()))
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(5));
  }

  /** Settings whose API base URL is a port nothing listens on. */
  static TwilioSettings.Builder unreachableSettings() {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return TwilioSettings.builder()
        .accountSid(ACCOUNT_SID)
        .authToken(AUTH_TOKEN)
        .fromNumber(FROM)
        .apiBaseUrl(URI.create("http://127.0.0.1:" + port))
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(5));
  }

  /** Every message is accepted with 201 and a fresh SID. */
  static void acceptAll(WireMockServer server) {
    server.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(created()));
  }

  static ResponseDefinitionBuilder created() {
    String sid = String.format("SM%032x", SIDS.incrementAndGet());
    return aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"sid\":\""
                + sid
                + "\",\"account_sid\":\""
                + ACCOUNT_SID
                + "\",\"status\":\"queued\",\"num_segments\":\"1\",\"direction\":\"outbound-api\","
                + "\"api_version\":\"2010-04-01\",\"error_code\":null,\"error_message\":null}");
  }

  /** Twilio's JSON error answer. */
  static ResponseDefinitionBuilder error(int status, int code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"code\":"
                + code
                + ",\"message\":\""
                + message
                + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                + code
                + "\",\"status\":"
                + status
                + "}");
  }

  static List<LoggedRequest> messageRequests(WireMockServer server) {
    return server.findAll(postRequestedFor(urlEqualTo(MESSAGES_PATH)));
  }

  static String param(LoggedRequest request, String name) {
    FormParameter p = request.formParameter(name);
    return p == null || !p.isPresent() ? null : p.firstValue();
  }

  /** The Body of the last message WireMock received for {@code to}. */
  static Optional<String> lastBodyTo(WireMockServer server, String to) {
    return messageRequests(server).stream()
        .filter(r -> to.equals(param(r, "To")))
        .reduce((older, newer) -> newer) // WireMock lists matching requests oldest first
        .map(r -> param(r, "Body"));
  }
}
