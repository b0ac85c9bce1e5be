package dev.accesslink.mqtt;

import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import java.util.Objects;

/**
 * Connecting to the broker failed, with the cause as a {@link Reason} a program can act on and a
 * message a person can (it names the broker and the cause; never a password, key or certificate
 * content). Thrown by {@link MqttDoorController#connect} and by the simulator's locks.
 */
public final class MqttConnectionException extends AccessLinkInfrastructureException {
  private static final long serialVersionUID = 1L;

  /** Why the connection failed. */
  public enum Reason {
    /** Nothing answered at the broker's address (refused, unreachable, unknown host). */
    BROKER_UNREACHABLE("the broker cannot be reached"),
    /** The broker did not complete the connection within the connection timeout. */
    TIMEOUT("the connection timed out"),
    /** The broker's certificate is not signed by a trusted CA (wrong or missing CA file). */
    SERVER_CERTIFICATE_UNTRUSTED("the broker's certificate is not signed by a trusted CA"),
    /** The broker's certificate has expired or is not valid yet. */
    SERVER_CERTIFICATE_EXPIRED("the broker's certificate has expired or is not yet valid"),
    /** The broker's certificate does not name the host in the server URI. */
    SERVER_HOST_NAME_MISMATCH("the broker's certificate does not name the host of the server URI"),
    /** The broker requires a client certificate and none was configured. */
    CLIENT_CERTIFICATE_REQUIRED("the broker requires a client certificate and none was presented"),
    /** The broker rejected the client certificate as expired. */
    CLIENT_CERTIFICATE_EXPIRED("the broker rejected the client certificate as expired"),
    /** The broker rejected the client certificate (unknown CA, bad or revoked certificate). */
    CLIENT_CERTIFICATE_REJECTED("the broker rejected the client certificate"),
    /** The TLS handshake failed for another reason (protocol or cipher mismatch, plain-text port). */
    TLS_HANDSHAKE_FAILED("the TLS handshake failed"),
    /** The broker refused the username or password. */
    BAD_CREDENTIALS("the broker refused the username or password"),
    /** The broker refused this client (not authorized, banned, or a client id it does not accept). */
    NOT_AUTHORIZED("the broker did not authorize this client"),
    /** The broker refused a subscription the client needs (an ACL that does not allow it). */
    SUBSCRIPTION_REFUSED("the broker refused a subscription"),
    /** Anything else; the message and the cause tell more. */
    OTHER("the connection failed");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** A short English description, as used in the exception's message. */
    public String description() {
      return description;
    }
  }

  private final Reason reason;

  /**
   * @param serverUri the broker (never holds credentials: settings refuse such URIs)
   * @param reason why it failed
   * @param detail a short technical detail without secrets (may be empty)
   * @param cause the underlying exception
   */
  public MqttConnectionException(String serverUri, Reason reason, String detail, Throwable cause) {
    super("cannot connect to the MQTT broker at " + serverUri + ": " + Objects.requireNonNull(reason, "reason")
        .description() + (detail.isEmpty() ? "" : " (" + detail + ")"), cause);
    this.reason = reason;
  }

  /** Why the connection failed. */
  public Reason reason() {
    return reason;
  }
}
