package dev.accesslink.mqtt.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories that set {@code TCP_NODELAY} on every socket. Paho creates its socket with
 * {@link SocketFactory#createSocket()} and connects it itself; the other methods are covered for
 * completeness.
 */
public final class NoDelaySocketFactory extends SocketFactory {
  private final SocketFactory delegate;

  private NoDelaySocketFactory(SocketFactory delegate) {
    this.delegate = delegate;
  }

  /** The factory for {@code scheme} ({@code tcp}, {@code ws}, {@code ssl}, {@code wss}). */
  public static SocketFactory forScheme(String scheme, java.util.Optional<SSLContext> tls, boolean noDelay) {
    boolean secure = scheme.equals("ssl") || scheme.equals("wss");
    if (secure) {
      SSLSocketFactory base;
      try {
        base = tls.isPresent() ? tls.get().getSocketFactory() : SSLContext.getDefault().getSocketFactory();
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("no default TLS context", e);
      }
      return noDelay ? new Ssl(base) : base;
    }
    return noDelay ? new NoDelaySocketFactory(SocketFactory.getDefault()) : SocketFactory.getDefault();
  }

  public static <S extends Socket> S noDelay(S socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(delegate.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return noDelay(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(delegate.createSocket(address, port, localAddress, localPort));
  }

  /** The TLS variant; Paho requires an {@link SSLSocketFactory} for {@code ssl://}. */
  public static final class Ssl extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    Ssl(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
      s.setTcpNoDelay(true);
      return delegate.createSocket(s, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }
  }
}
