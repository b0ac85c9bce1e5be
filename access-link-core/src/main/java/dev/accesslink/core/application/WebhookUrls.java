package dev.accesslink.core.application;

import dev.accesslink.core.domain.InvalidInputException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Checks a webhook endpoint URL against the policy (no DNS lookup: only literal addresses count as loopback). */
final class WebhookUrls {
  /** The longest URL accepted. */
  static final int MAX_LENGTH = 2000;

  private WebhookUrls() {}

  static URI check(String text, boolean plainHttpToLoopback) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw invalid();
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidInputException("webhook.url.too_long", "url",
          "A webhook URL has at most " + MAX_LENGTH + " characters.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    // java.net.URI takes any int as a port; 0 and above 65535 cannot be connected to
    if (uri.getPort() == 0 || uri.getPort() > 65_535 || !uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null
        || uri.getRawUserInfo() != null || uri.getRawFragment() != null
        || !(scheme.equals("https") || scheme.equals("http"))) {
      throw invalid();
    }
    if (scheme.equals("http") && !(plainHttpToLoopback && isLoopback(uri.getHost()))) {
      throw new InvalidInputException("webhook.url.insecure", "url", plainHttpToLoopback
          ? "Use an https:// URL (plain http:// is accepted for loopback addresses only)."
          : "Use an https:// URL.");
    }
    return uri;
  }

  /** True for {@code localhost} and literal loopback addresses; never resolves a name. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    boolean literal = h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (h.startsWith("[") && h.endsWith("]"));
    if (!literal) {
      return false;
    }
    try {
      return InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static InvalidInputException invalid() {
    return new InvalidInputException("webhook.url.invalid", "url",
        "Enter an absolute https:// URL with a host, without user name, password or #fragment.");
  }
}
