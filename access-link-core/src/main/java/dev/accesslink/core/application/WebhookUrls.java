package dev.accesslink.core.application;

import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.port.out.WebhookTargets;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks a webhook endpoint URL against the policy. No DNS lookup: only {@code localhost} and
 * literal addresses are judged here (see {@link WebhookTargets}); the sender checks what a name
 * resolves to before each call.
 */
final class WebhookUrls {
  /** The longest URL accepted. */
  static final int MAX_LENGTH = 2000;

  private WebhookUrls() {}

  static URI check(String text, WebhookPolicy policy) {
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
    boolean loopback = WebhookTargets.isLoopbackHost(uri.getHost());
    if (scheme.equals("http") && !(policy.plainHttpToLoopback() && loopback)) {
      throw new InvalidInputException("webhook.url.insecure", "url", policy.plainHttpToLoopback()
          ? "Use an https:// URL (plain http:// is accepted for loopback addresses only)."
          : "Use an https:// URL.");
    }
    boolean loopbackAllowed = loopback && policy.plainHttpToLoopback();
    if (!policy.privateAddresses() && !loopbackAllowed && (loopback || !isPublicOrName(uri.getHost()))) {
      throw new InvalidInputException("webhook.url.private_address", "url",
          "Use a URL on the public internet: this address is private, loopback or reserved.");
    }
    return uri;
  }

  /** False for a literal non-public address; a host name is checked when it is called. */
  private static boolean isPublicOrName(String host) {
    try {
      return WebhookTargets.literalAddress(host).map(WebhookTargets::isPublic).orElse(true);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static InvalidInputException invalid() {
    return new InvalidInputException("webhook.url.invalid", "url",
        "Enter an absolute https:// URL with a host, without user name, password or #fragment.");
  }
}
