package dev.accesslink.mqtt.internal;

import dev.accesslink.mqtt.MqttConnectionException;
import dev.accesslink.mqtt.MqttConnectionException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Turns what Paho and JSSE throw on connect into an {@link MqttConnectionException} with a {@link
 * Reason}. JSSE reports problems with the broker's certificate as exceptions in the cause chain,
 * and the broker's verdict on ours as a TLS alert. With TLS 1.3 the broker sends that alert after
 * the client has finished its handshake, so Paho often sees only a broken pipe; then one diagnostic
 * handshake (off the hot path: only after a failed connect) finds out which certificate we
 * presented and whether the broker hangs up on it.
 */
public final class ConnectFailures {
  private ConnectFailures() {}

  /**
   * The typed exception for a failed connect to {@code serverUri} through {@code sockets} (the
   * factory the client used; for {@code ssl://} it is probed when the failure itself is vague).
   */
  public static MqttConnectionException explain(String serverUri, Throwable failure, SocketFactory sockets,
      Optional<SSLContext> tls) {
    Reason reason = reason(failure);
    String detail = detail(failure);
    URI uri = URI.create(serverUri);
    if ((reason == Reason.OTHER || reason == Reason.TLS_HANDSHAKE_FAILED) && "ssl".equals(uri.getScheme())) {
      Optional<Reason> probed = probe(uri, sockets, tls.flatMap(ClientIdentities::of));
      if (probed.isPresent()) {
        reason = probed.get();
      }
    }
    return new MqttConnectionException(serverUri, reason, detail, failure);
  }

  static Reason reason(Throwable failure) {
    List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    // The most specific cause anywhere in the chain wins over the wrappers around it.
    for (Throwable t : chain) {
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
        return Reason.SERVER_CERTIFICATE_EXPIRED;
      }
    }
    for (Throwable t : chain) {
      String m = message(t);
      if (t instanceof CertificateException && (m.contains("no subject alternative") || m.contains("no name matching"))) {
        return Reason.SERVER_HOST_NAME_MISMATCH;
      }
    }
    for (Throwable t : chain) {
      String m = message(t);
      if (t instanceof CertPathValidatorException || m.contains("pkix path")
          || m.contains("unable to find valid certification path") || m.contains("signature check failed")) {
        return Reason.SERVER_CERTIFICATE_UNTRUSTED;
      }
    }
    for (Throwable t : chain) {
      String m = message(t);
      if (m.contains("certificate_expired")) {
        return Reason.CLIENT_CERTIFICATE_EXPIRED;
      }
      if (m.contains("certificate_required")) {
        return Reason.CLIENT_CERTIFICATE_REQUIRED;
      }
      if (m.contains("bad_certificate") || m.contains("unknown_ca") || m.contains("certificate_unknown")
          || m.contains("certificate_revoked") || m.contains("unsupported_certificate")) {
        return Reason.CLIENT_CERTIFICATE_REJECTED;
      }
    }
    for (Throwable t : chain) {
      if (t instanceof SSLException) {
        return Reason.TLS_HANDSHAKE_FAILED;
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
        return Reason.BROKER_UNREACHABLE;
      }
      if (t instanceof MqttException e) {
        switch (e.getReasonCode()) {
          case 0x86, 4 -> {
            return Reason.BAD_CREDENTIALS;
          }
          case 0x87, 0x8A, 0x85, 5, 2 -> {
            return Reason.NOT_AUTHORIZED;
          }
          case MqttClientException.REASON_CODE_CLIENT_TIMEOUT -> {
            return Reason.TIMEOUT;
          }
          case MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR -> {
            return Reason.BROKER_UNREACHABLE;
          }
          default -> { }
        }
      }
    }
    return Reason.OTHER;
  }

  /**
   * One handshake and one read, to learn what the broker thinks of our certificate: its alert if
   * it sends one; otherwise, when it closes the connection right after the handshake, what our own
   * certificate says (none presented, expired, or else rejected). Empty when the probe learns nothing.
   */
  private static Optional<Reason> probe(URI uri, SocketFactory sockets, Optional<Optional<X509Certificate>> ours) {
    int port = uri.getPort() < 0 ? 8883 : uri.getPort();
    Certificate[] presented = null;
    try (Socket s = sockets.createSocket()) {
      s.connect(new InetSocketAddress(uri.getHost(), port), 3000);
      s.setSoTimeout(3000);
      if (!(s instanceof SSLSocket ssl)) {
        return Optional.empty();
      }
      SSLParameters p = ssl.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      try {
        p.setServerNames(List.of(new SNIHostName(uri.getHost())));
      } catch (IllegalArgumentException ipAddress) {
        // no SNI for an IP address
      }
      ssl.setSSLParameters(p);
      ssl.startHandshake();
      presented = ssl.getSession().getLocalCertificates();
      if (ssl.getInputStream().read() >= 0) {
        return Optional.empty(); // the broker spoke: it did not close on us
      }
    } catch (SocketTimeoutException e) {
      return Optional.empty(); // the broker waits for CONNECT: the handshake was fine
    } catch (IOException e) {
      Reason r = reason(e);
      if (r != Reason.OTHER && r != Reason.TLS_HANDSHAKE_FAILED) {
        return Optional.of(r);
      }
    }
    // The broker hung up on us during or right after the handshake: it did not like our certificate.
    Optional<X509Certificate> own = presented != null && presented.length > 0
        && presented[0] instanceof X509Certificate c ? Optional.of(c) : ours.orElse(Optional.empty());
    if (own.isEmpty()) {
      return Optional.of(Reason.CLIENT_CERTIFICATE_REQUIRED);
    }
    try {
      own.get().checkValidity();
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return Optional.of(Reason.CLIENT_CERTIFICATE_EXPIRED);
    }
    return Optional.of(Reason.CLIENT_CERTIFICATE_REJECTED);
  }

  private static String message(Throwable t) {
    return String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
  }

  /** The innermost cause's class and message: what JSSE or Paho said (never holds a secret). */
  private static String detail(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
