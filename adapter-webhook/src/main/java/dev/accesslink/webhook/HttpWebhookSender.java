package dev.accesslink.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslink.core.port.out.WebhookRequest;
import dev.accesslink.core.port.out.WebhookResponse;
import dev.accesslink.core.port.out.WebhookSender;
import dev.accesslink.core.port.out.WebhookTargets;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The core's {@link WebhookSender} over HTTPS with {@code java.net.http}, following the Standard
 * Webhooks specification: a {@code POST} of the JSON body {@code {"type", "timestamp", "data"}}
 * with the headers {@code webhook-id} (the event id: the receiver's de-duplication key), {@code
 * webhook-timestamp} (seconds, when this attempt was made) and {@code webhook-signature} (see
 * {@link WebhookSignatures}).
 *
 * <p>Made to call URLs that administrators type in: {@code https} only (plain {@code http} only to
 * loopback addresses, and only when {@link WebhookSenderSettings#plainHttpToLoopback()} allows
 * it), to public addresses only (the host is resolved before each call, and refused when any of
 * its addresses is private, loopback or reserved, unless {@link
 * WebhookSenderSettings#privateAddresses()} allows it), redirects never followed, short
 * timeouts, and at most {@link WebhookSenderSettings#maxResponseBytes()} of an answer read. Never
 * throws for a failed delivery: the answer says what happened.
 *
 * <pre>{@code
 * AccessLinks links = AccessLinks.builder()
 *     .persistence(persistence).doors(doors)
 *     .webhooks(HttpWebhookSender.create(WebhookSenderSettings.defaults()),
 *         AesGcmSecretSealer.ofBase64(System.getenv("ACCESSLINK_WEBHOOK_KEY")))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe; it holds one {@link HttpClient}, whose resources the JVM reclaims when it is no
 * longer referenced.
 */
public final class HttpWebhookSender implements WebhookSender {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookSenderSettings settings;
  private final HttpClient client;

  private HttpWebhookSender(WebhookSenderSettings settings) {
    this.settings = settings;
    this.client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(settings.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** A sender with {@code settings}. */
  public static HttpWebhookSender create(WebhookSenderSettings settings) {
    return new HttpWebhookSender(Objects.requireNonNull(settings, "settings"));
  }

  /** The JSON body of {@code request}: {@code {"type", "timestamp", "data"}}, UTF-8. */
  public static byte[] body(WebhookRequest request) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", request.type().wireName());
    root.put("timestamp", request.timestamp().toString());
    ObjectNode data = root.putObject("data");
    for (Map.Entry<String, String> e : request.data().entrySet()) {
      data.put(e.getKey(), e.getValue());
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write a webhook body", e);
    }
  }

  @Override
  public WebhookResponse send(WebhookRequest request) {
    String refused = refusal(request.url());
    if (refused != null) {
      return WebhookResponse.failed(null, refused);
    }
    byte[] body = body(request);
    long timestamp = settings.clock().instant().getEpochSecond();
    HttpRequest http = HttpRequest.newBuilder(request.url())
        .timeout(settings.requestTimeout())
        .header("content-type", "application/json")
        .header("user-agent", settings.userAgent())
        .header("webhook-id", request.id())
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", WebhookSignatures.header(request.secrets(), request.id(), timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      HttpResponse<InputStream> response = client.send(http, HttpResponse.BodyHandlers.ofInputStream());
      drain(response.body());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return WebhookResponse.accepted(status);
      }
      if (status >= 300 && status < 400) {
        return WebhookResponse.failed(status, "HTTP " + status + " (redirects are not followed)");
      }
      return WebhookResponse.failed(status, "HTTP " + status);
    } catch (HttpConnectTimeoutException e) {
      return WebhookResponse.failed(null, "connect timeout");
    } catch (HttpTimeoutException e) {
      return WebhookResponse.failed(null, "timeout");
    } catch (ConnectException e) {
      return WebhookResponse.failed(null, "connection refused");
    } catch (IOException e) {
      return WebhookResponse.failed(null, "I/O error: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return WebhookResponse.failed(null, "interrupted");
    }
  }

  /** Reads at most {@code maxResponseBytes} of the answer, then drops the rest with the connection. */
  private void drain(InputStream in) throws IOException {
    try (in) {
      byte[] buffer = new byte[1024];
      int left = settings.maxResponseBytes();
      while (left > 0) {
        int n = in.read(buffer, 0, Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        left -= n;
      }
    }
  }

  /** Why {@code url} is not called, or {@code null} when it may be. */
  private @Nullable String refusal(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost();
    if (host == null || url.getRawUserInfo() != null) {
      return "url refused: no host, or user info in it";
    }
    boolean loopbackAllowed = settings.plainHttpToLoopback() && WebhookTargets.isLoopbackHost(host);
    if (!scheme.equals("https") && !(scheme.equals("http") && loopbackAllowed)) {
      return "url refused: https required";
    }
    if (settings.privateAddresses() || loopbackAllowed) {
      return null;
    }
    InetAddress[] addresses;
    try {
      // the JVM keeps what it resolved (networkaddress.cache.ttl, 30 s by default) and the client
      // looks the host up there again: a name that changes its answer in between (DNS rebinding)
      // gets past this only when the entry expires in that instant, or with the cache turned off
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException | IllegalArgumentException e) {
      return "unknown host";
    }
    for (InetAddress a : addresses) {
      // the address itself is not named: an administrator would learn the internal network from it
      if (!WebhookTargets.isPublic(a) && !(settings.plainHttpToLoopback() && a.isLoopbackAddress())) {
        return "url refused: the host is not a public address";
      }
    }
    return null;
  }
}
