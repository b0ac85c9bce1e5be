package dev.accesslink.mqtt.internal;

import dev.accesslink.mqtt.MqttConnectionException;
import dev.accesslink.mqtt.MqttConnectionException.Reason;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Turns what Paho and JSSE throw on connect into an {@link MqttConnectionException} with a {@link
 * Reason}. JSSE reports certificate problems as exceptions in the cause chain (ours) or as TLS
 * alerts (the broker's verdict on our certificate), which only show in the message text.
 */
public final class ConnectFailures {
  private ConnectFailures() {}

  /** The typed exception for a failed connect to {@code serverUri}. */
  public static MqttConnectionException explain(String serverUri, Throwable failure) {
    Reason reason = reason(failure);
    return new MqttConnectionException(serverUri, reason, detail(failure), failure);
  }

  static Reason reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
        return Reason.SERVER_CERTIFICATE_EXPIRED;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof java.security.cert.CertificateException && (m.contains("no subject alternative")
          || m.contains("no name matching"))) {
        return Reason.SERVER_HOST_NAME_MISMATCH;
      }
      if (m.contains("pkix path") || m.contains("unable to find valid certification path")
          || m.contains("signature check failed") || t instanceof java.security.cert.CertPathValidatorException) {
        return Reason.SERVER_CERTIFICATE_UNTRUSTED;
      }
      if (t instanceof SSLException || m.contains("fatal alert")) {
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
        if (t instanceof SSLException) {
          return Reason.TLS_HANDSHAKE_FAILED;
        }
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
        return Reason.BROKER_UNREACHABLE;
      }
      if (t instanceof MqttException e) {
        switch (e.getReasonCode()) {
          case 0x86, 4 -> { return Reason.BAD_CREDENTIALS; }
          case 0x87, 0x8A, 0x85, 5, 2 -> { return Reason.NOT_AUTHORIZED; }
          case MqttClientException.REASON_CODE_CLIENT_TIMEOUT -> { return Reason.TIMEOUT; }
          default -> { }
        }
      }
    }
    if (failure instanceof MqttException e && e.getReasonCode() == MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR) {
      return Reason.BROKER_UNREACHABLE;
    }
    return Reason.OTHER;
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
