package dev.accesslink.mqtt.internal;

import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import javax.net.ssl.SSLContext;

/**
 * Which client certificate an {@link SSLContext} made by {@code MqttTls} presents, so a failed
 * connect can say whether that certificate had expired (with TLS 1.3 the broker's alert is often
 * lost). Weak keys: a context nobody uses any more is forgotten. Thread-safe.
 */
public final class ClientIdentities {
  private static final Map<SSLContext, Optional<X509Certificate>> KNOWN =
      Collections.synchronizedMap(new WeakHashMap<>());

  private ClientIdentities() {}

  /** Remembers that {@code context} presents {@code certificate} (or none). */
  public static void register(SSLContext context, Optional<X509Certificate> certificate) {
    KNOWN.put(context, certificate);
  }

  /** The certificate {@code context} presents: empty if none, unknown (null) if not made by us. */
  static Optional<Optional<X509Certificate>> of(SSLContext context) {
    return Optional.ofNullable(KNOWN.get(context));
  }
}
