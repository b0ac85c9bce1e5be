package dev.accesslink.email;

import dev.accesslink.core.port.out.AddressCheck;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * How to reach the SMTP server and who the messages are from. Immutable and thread-safe; build
 * one with {@link #builder()}.
 *
 * <p>Timeouts are always finite: jakarta.mail's own default is to wait forever, which would hold
 * a delivery lease (and a dispatcher thread) hostage to a silent server. {@link #toString()} never
 * shows the password.
 *
 * <p>The settings (each has an accessor of the same name):
 *
 * <ul>
 *   <li>{@code host}: the SMTP server's host name or IP address
 *   <li>{@code port}: its port (default: 465 for implicit TLS, 587 otherwise)
 *   <li>{@code security}: how the connection is protected (default {@link SmtpSecurity#STARTTLS_REQUIRED})
 *   <li>{@code credentials}: user name and password for SMTP AUTH, if the server wants them
 *   <li>{@code fromAddress}: the From address, normalized; use an address of a domain whose SPF and DKIM records allow this server to send for it
 *   <li>{@code fromName}: the From display name, such as "Acme Access", if any
 *   <li>{@code connectTimeout}: how long to wait for the TCP connection (default 10 s)
 *   <li>{@code readTimeout}: how long to wait for each server reply (default 10 s)
 *   <li>{@code writeTimeout}: how long a write may block (default 10 s)
 *   <li>{@code sslSocketFactory}: the factory for TLS sockets, to trust a private CA or a test certificate; empty means the JVM's default trust store
 *   <li>{@code checkServerIdentity}: whether the server's certificate must match {@code host} (default true; switch off only for a test server whose certificate names another host)
 *   <li>{@code localHostName}: the name to announce in EHLO; empty means the JVM's idea of the local host name
 *   <li>{@code maxIdleConnections}: how many connections are kept open for the next messages once their message went out (default 4; 0 opens and closes a connection for every message)
 *   <li>{@code connectionIdleTimeout}: how long a kept connection waits for its next message before it is closed (default 10 s)
 *   <li>{@code maxMessagesPerConnection}: after how many messages a connection is closed rather than kept (default 100; servers often limit it)
 * </ul>
 */
public final class SmtpSettings {

  /** Default for each of the three timeouts. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Default {@link #maxIdleConnections()}: one for each of the dispatcher's default parallel deliveries. */
  public static final int DEFAULT_MAX_IDLE_CONNECTIONS = 4;

  /** Default {@link #connectionIdleTimeout()}. */
  public static final Duration DEFAULT_CONNECTION_IDLE_TIMEOUT = Duration.ofSeconds(10);

  /** Default {@link #maxMessagesPerConnection()}. */
  public static final int DEFAULT_MAX_MESSAGES_PER_CONNECTION = 100;

  /** Longest accepted From display name, in characters. */
  public static final int MAX_FROM_NAME_LENGTH = 100;

  private final String host;
  private final int port;
  private final SmtpSecurity security;
  private final Optional<SmtpCredentials> credentials;
  private final String fromAddress;
  private final Optional<String> fromName;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration writeTimeout;
  private final Optional<SSLSocketFactory> sslSocketFactory;
  private final boolean checkServerIdentity;
  private final Optional<String> localHostName;
  private final int maxIdleConnections;
  private final Duration connectionIdleTimeout;
  private final int maxMessagesPerConnection;

  private SmtpSettings(
      String host,
      int port,
      SmtpSecurity security,
      Optional<SmtpCredentials> credentials,
      String fromAddress,
      Optional<String> fromName,
      Duration connectTimeout,
      Duration readTimeout,
      Duration writeTimeout,
      Optional<SSLSocketFactory> sslSocketFactory,
      boolean checkServerIdentity,
      Optional<String> localHostName,
      int maxIdleConnections,
      Duration connectionIdleTimeout,
      int maxMessagesPerConnection) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(fromAddress, "fromAddress");
    Objects.requireNonNull(fromName, "fromName");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(writeTimeout, "writeTimeout");
    Objects.requireNonNull(sslSocketFactory, "sslSocketFactory");
    Objects.requireNonNull(localHostName, "localHostName");
    Objects.requireNonNull(connectionIdleTimeout, "connectionIdleTimeout");
    if (Texts.hasControlOrInvisible(host)) {
      throw new IllegalArgumentException("SMTP host must be a host name or IP address");
    }
    host = host.strip();
    if (host.isEmpty() || host.contains(" ")) {
      throw new IllegalArgumentException("SMTP host must be a host name or IP address");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SMTP port must be 1 to 65535: " + port);
    }
    AddressCheck from = EmailAddresses.normalize(fromAddress);
    if (from instanceof AddressCheck.Invalid invalid) {
      throw new IllegalArgumentException(
          "From address is not valid (" + invalid.code() + "): " + invalid.message());
    }
    fromAddress = ((AddressCheck.Valid) from).normalized();
    fromName = fromName.map(String::strip).filter(n -> !n.isEmpty());
    if (fromName.isPresent()) {
      String n = fromName.get();
      if (Texts.hasControlOrInvisible(n) || n.codePointCount(0, n.length()) > MAX_FROM_NAME_LENGTH) {
        throw new IllegalArgumentException(
            "From name must have at most " + MAX_FROM_NAME_LENGTH
                + " characters and no control characters");
      }
    }
    checkTimeout("connectTimeout", connectTimeout);
    checkTimeout("readTimeout", readTimeout);
    checkTimeout("writeTimeout", writeTimeout);
    localHostName = localHostName.map(String::strip).filter(n -> !n.isEmpty());
    if (localHostName.isPresent()
        && (Texts.hasControlOrInvisible(localHostName.get()) || localHostName.get().contains(" "))) {
      throw new IllegalArgumentException("EHLO host name must be a host name");
    }
    if (maxIdleConnections < 0 || maxIdleConnections > 1024) {
      throw new IllegalArgumentException("maxIdleConnections must be 0 to 1024: " + maxIdleConnections);
    }
    checkTimeout("connectionIdleTimeout", connectionIdleTimeout);
    if (maxMessagesPerConnection < 1) {
      throw new IllegalArgumentException(
          "maxMessagesPerConnection must be at least 1: " + maxMessagesPerConnection);
    }
    this.host = host;
    this.port = port;
    this.security = security;
    this.credentials = credentials;
    this.fromAddress = fromAddress;
    this.fromName = fromName;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.writeTimeout = writeTimeout;
    this.sslSocketFactory = sslSocketFactory;
    this.checkServerIdentity = checkServerIdentity;
    this.localHostName = localHostName;
    this.maxIdleConnections = maxIdleConnections;
    this.connectionIdleTimeout = connectionIdleTimeout;
    this.maxMessagesPerConnection = maxMessagesPerConnection;
  }

  private static void checkTimeout(String name, Duration d) {
    if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be positive and below 24 days: " + d);
    }
  }

  /** The SMTP server's host name or IP address. */
  public String host() {
    return host;
  }

  /** Its port. */
  public int port() {
    return port;
  }

  /** How the connection is protected. */
  public SmtpSecurity security() {
    return security;
  }

  /** User name and password for SMTP AUTH, if any. */
  public Optional<SmtpCredentials> credentials() {
    return credentials;
  }

  /** The From address, normalized. */
  public String fromAddress() {
    return fromAddress;
  }

  /** The From display name, if any. */
  public Optional<String> fromName() {
    return fromName;
  }

  /** How long to wait for the TCP connection. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long to wait for each server reply. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** How long a write may block. */
  public Duration writeTimeout() {
    return writeTimeout;
  }

  /** The factory for TLS sockets; empty for the JVM's default trust store. */
  public Optional<SSLSocketFactory> sslSocketFactory() {
    return sslSocketFactory;
  }

  /** Whether the server's certificate must match {@link #host()}. */
  public boolean checkServerIdentity() {
    return checkServerIdentity;
  }

  /** The name announced in EHLO; empty for the JVM's idea of the local host name. */
  public Optional<String> localHostName() {
    return localHostName;
  }

  /** How many connections are kept open for the next messages; 0: one connection per message. */
  public int maxIdleConnections() {
    return maxIdleConnections;
  }

  /** How long a kept connection waits for its next message before it is closed. */
  public Duration connectionIdleTimeout() {
    return connectionIdleTimeout;
  }

  /** After how many messages a connection is closed rather than kept. */
  public int maxMessagesPerConnection() {
    return maxMessagesPerConnection;
  }

  /** Equal when every setting is equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SmtpSettings other
        && Objects.equals(host, other.host) && port == other.port && Objects.equals(security, other.security) && Objects.equals(credentials, other.credentials) && Objects.equals(fromAddress, other.fromAddress) && Objects.equals(fromName, other.fromName) && Objects.equals(connectTimeout, other.connectTimeout) && Objects.equals(readTimeout, other.readTimeout) && Objects.equals(writeTimeout, other.writeTimeout) && Objects.equals(sslSocketFactory, other.sslSocketFactory) && checkServerIdentity == other.checkServerIdentity && Objects.equals(localHostName, other.localHostName)
        && maxIdleConnections == other.maxIdleConnections
        && Objects.equals(connectionIdleTimeout, other.connectionIdleTimeout)
        && maxMessagesPerConnection == other.maxMessagesPerConnection;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, security, credentials, fromAddress, fromName, connectTimeout, readTimeout, writeTimeout, sslSocketFactory, checkServerIdentity, localHostName,
        maxIdleConnections, connectionIdleTimeout, maxMessagesPerConnection);
  }

  /** A builder with the defaults described on each component. */
  public static Builder builder() {
    return new Builder();
  }

  /** Host, port, security, user name, From and timeouts; never the password. */
  @Override
  public String toString() {
    return "SmtpSettings[host=" + host + ", port=" + port + ", security=" + security
        + ", credentials=" + credentials.map(SmtpCredentials::toString).orElse("none")
        + ", from=" + fromAddress + ", fromName=" + fromName.orElse("")
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
        + ", writeTimeout=" + writeTimeout
        + ", sslSocketFactory=" + (sslSocketFactory.isPresent() ? "custom" : "default")
        + ", checkServerIdentity=" + checkServerIdentity
        + ", localHostName=" + localHostName.orElse("")
        + ", maxIdleConnections=" + maxIdleConnections
        + ", connectionIdleTimeout=" + connectionIdleTimeout
        + ", maxMessagesPerConnection=" + maxMessagesPerConnection + "]";
  }

  /** Builds {@link SmtpSettings}; {@link #host} and {@link #fromAddress} are required. Not thread-safe. */
  public static final class Builder {
    private @Nullable String host;
    private @Nullable Integer port;
    private SmtpSecurity security = SmtpSecurity.STARTTLS_REQUIRED;
    private @Nullable SmtpCredentials credentials;
    private @Nullable String fromAddress;
    private @Nullable String fromName;
    private Duration connectTimeout = DEFAULT_TIMEOUT;
    private Duration readTimeout = DEFAULT_TIMEOUT;
    private Duration writeTimeout = DEFAULT_TIMEOUT;
    private @Nullable SSLSocketFactory sslSocketFactory;
    private boolean checkServerIdentity = true;
    private @Nullable String localHostName;
    private int maxIdleConnections = DEFAULT_MAX_IDLE_CONNECTIONS;
    private Duration connectionIdleTimeout = DEFAULT_CONNECTION_IDLE_TIMEOUT;
    private int maxMessagesPerConnection = DEFAULT_MAX_MESSAGES_PER_CONNECTION;

    private Builder() {}

    /** The SMTP server's host name or IP address. Required. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; without it, the usual port of the security mode (465 or 587). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** How the connection is protected; default {@link SmtpSecurity#STARTTLS_REQUIRED}. */
    public Builder security(SmtpSecurity security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /**
     * Log in with SMTP AUTH.
     *
     * @param username the login
     * @param password copied; the caller may clear its array afterwards
     */
    public Builder credentials(String username, char[] password) {
      this.credentials = SmtpCredentials.of(username, password);
      return this;
    }

    /** Log in with SMTP AUTH. */
    public Builder credentials(SmtpCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** The From address, such as {@code access@acme.example}. Required. */
    public Builder fromAddress(String address) {
      this.fromAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The From display name, such as "Acme Access". */
    public Builder fromName(String name) {
      this.fromName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Sets the connect, read and write timeouts at once. */
    public Builder timeouts(Duration timeout) {
      return connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout);
    }

    /** How long to wait for the TCP connection; default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long to wait for each server reply; default 10 s. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long a write may block; default 10 s. */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * The factory for TLS sockets (implicit TLS and STARTTLS), for example one built from an
     * {@code SSLContext} that trusts a private CA or a test server's certificate.
     */
    public Builder sslSocketFactory(SSLSocketFactory factory) {
      this.sslSocketFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * Whether the server's certificate must name {@link #host}; default true. Switch it off only
     * for a test server whose self-signed certificate names no host: without the check, anyone
     * holding a certificate your trust store accepts can pose as the server.
     */
    public Builder checkServerIdentity(boolean check) {
      this.checkServerIdentity = check;
      return this;
    }

    /** The host name to announce in EHLO; default: the JVM's idea of the local host name. */
    public Builder localHostName(String name) {
      this.localHostName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * How many connections stay open, once their message went out, for the next messages; default
     * {@value SmtpSettings#DEFAULT_MAX_IDLE_CONNECTIONS}. A kept connection saves the next message
     * the TCP (and TLS) handshake, the greeting, EHLO and AUTH; it is checked with a {@code NOOP}
     * before it carries another message, and a connection whose message failed is never kept. 0
     * opens and closes a connection for every message. More connections than this may be open at
     * once (one per concurrent delivery); only this many are kept.
     */
    public Builder maxIdleConnections(int max) {
      this.maxIdleConnections = max;
      return this;
    }

    /**
     * How long a kept connection waits for its next message; default 10 s. It is then closed with
     * {@code QUIT} by a background daemon thread. Servers close idle clients after a few minutes
     * (RFC 5321 asks for at least five); a connection they closed is noticed and replaced.
     */
    public Builder connectionIdleTimeout(Duration timeout) {
      this.connectionIdleTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * After how many messages a connection is closed instead of kept; default {@value
     * SmtpSettings#DEFAULT_MAX_MESSAGES_PER_CONNECTION}. Some providers refuse more messages per
     * connection than they allow; 1 means one connection per message.
     */
    public Builder maxMessagesPerConnection(int max) {
      this.maxMessagesPerConnection = max;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalArgumentException if host or From address is missing or a value is invalid
     */
    public SmtpSettings build() {
      if (host == null) {
        throw new IllegalArgumentException("SMTP host is required");
      }
      if (fromAddress == null) {
        throw new IllegalArgumentException("From address is required");
      }
      return new SmtpSettings(
          host,
          port != null ? port : security.defaultPort(),
          security,
          Optional.ofNullable(credentials),
          fromAddress,
          Optional.ofNullable(fromName),
          connectTimeout,
          readTimeout,
          writeTimeout,
          Optional.ofNullable(sslSocketFactory),
          checkServerIdentity,
          Optional.ofNullable(localHostName),
          maxIdleConnections,
          connectionIdleTimeout,
          maxMessagesPerConnection);
    }
  }
}
