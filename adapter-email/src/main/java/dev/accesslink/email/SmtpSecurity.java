package dev.accesslink.email;

/** How the connection to the SMTP server is protected. */
public enum SmtpSecurity {
  /**
   * Plain text, no TLS at all. Only for a relay on the same host or a test server: credentials
   * and links would cross the network readable by anyone on the path.
   */
  NONE(587),
  /**
   * Connect in plain text, then upgrade with STARTTLS; refuse to send if the server does not
   * offer it (port 587, "submission"). The default.
   */
  STARTTLS_REQUIRED(587),
  /**
   * Upgrade with STARTTLS when the server offers it, otherwise continue in plain text. Open to
   * downgrade by anyone on the path; prefer {@link #STARTTLS_REQUIRED}.
   */
  STARTTLS_OPTIONAL(587),
  /** TLS from the first byte (port 465, "submissions", RFC 8314). */
  IMPLICIT_TLS(465);

  private final int defaultPort;

  SmtpSecurity(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  /** The usual port for this mode: 465 for implicit TLS, 587 otherwise. */
  public int defaultPort() {
    return defaultPort;
  }
}
