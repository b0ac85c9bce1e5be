package dev.accesslink.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The notifier's SMTP connections: opens them, and keeps up to {@link
 * SmtpSettings#maxIdleConnections()} of them open after a successful message so that the next
 * message skips the handshake, greeting, EHLO and AUTH. Not API.
 *
 * <p>A kept connection is handed out again only after a {@code NOOP} answered 250 (the server
 * may have closed it meanwhile), never to two deliveries at once, never after a failed message
 * (its state on the server is unknown), never past {@link SmtpSettings#maxMessagesPerConnection()}
 * messages, and never once it waited longer than {@link SmtpSettings#connectionIdleTimeout()}: a
 * daemon thread closes such connections with {@code QUIT}. Thread-safe.
 */
final class SmtpConnections implements AutoCloseable {
  /**
   * Closes the connections whose idle time is up: one daemon thread for every notifier of the JVM,
   * started when a connection is kept and ended a minute after the last one was closed. Apart
   * from the write-timeout timer, whose tasks must never wait behind a {@code QUIT}.
   */
  private static final ScheduledThreadPoolExecutor IDLE_CLOSER =
      DaemonTimer.named("access-links-smtp-idle-connections");

  /** An open connection and the messages it has carried. */
  static final class Connection {
    private final Transport transport;
    private int messages;
    private long idleSince;

    private Connection(Transport transport) {
      this.transport = transport;
    }

    Transport transport() {
      return transport;
    }
  }

  private final Session session;
  private final String protocol;
  private final SmtpSettings settings;
  private final long idleTimeoutNanos;
  /** Kept connections, the most recently used first. Guarded by {@code this}. */
  private final Deque<Connection> idle = new ArrayDeque<>();
  /** Guarded by {@code this}. */
  private boolean closerScheduled;
  /** Guarded by {@code this}. */
  private boolean closed;

  SmtpConnections(Session session, String protocol, SmtpSettings settings) {
    this.session = session;
    this.protocol = protocol;
    this.settings = settings;
    this.idleTimeoutNanos = settings.connectionIdleTimeout().toNanos();
  }

  /**
   * A connection for one message: a kept one that still answers, else a new one.
   *
   * @throws MessagingException if a new connection cannot be opened (connect, TLS, AUTH)
   */
  Connection open() throws MessagingException {
    for (Connection kept = takeIdle(); kept != null; kept = takeIdle()) {
      if (System.nanoTime() - kept.idleSince < idleTimeoutNanos && kept.transport.isConnected()) {
        return kept; // isConnected() sent a NOOP and got 250
      }
      quit(kept);
    }
    Transport transport = session.getTransport(protocol);
    try {
      connect(transport);
    } catch (MessagingException | RuntimeException e) {
      quit(new Connection(transport));
      throw e;
    }
    return new Connection(transport);
  }

  private void connect(Transport transport) throws MessagingException {
    if (settings.credentials().isEmpty()) {
      transport.connect(settings.host(), settings.port(), null, null);
      return;
    }
    SmtpCredentials c = settings.credentials().get();
    char[] password = c.password();
    try {
      transport.connect(settings.host(), settings.port(), c.username(), new String(password));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** After its message was accepted: keeps {@code connection} for the next one, or closes it. */
  void keep(Connection connection) {
    connection.messages++;
    synchronized (this) {
      if (!closed && idle.size() < settings.maxIdleConnections()
          && connection.messages < settings.maxMessagesPerConnection()) {
        connection.idleSince = System.nanoTime();
        idle.addFirst(connection);
        if (!closerScheduled) {
          closerScheduled = true;
          IDLE_CLOSER.schedule(this::closeExpired, idleTimeoutNanos, TimeUnit.NANOSECONDS);
        }
        return;
      }
    }
    quit(connection);
  }

  /** After a failed message: the connection's state on the server is unknown, so it is closed. */
  void discard(Connection connection) {
    quit(connection);
  }

  /** Closes every kept connection; later messages each open and close their own. */
  @Override
  public void close() {
    List<Connection> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(idle);
      idle.clear();
    }
    all.forEach(SmtpConnections::quit);
  }

  private synchronized Connection takeIdle() {
    return idle.pollFirst();
  }

  /** Runs on the idle closer: closes what waited too long, and comes back for the rest. */
  private void closeExpired() {
    List<Connection> expired = new ArrayList<>();
    long now = System.nanoTime();
    long nextCheck = -1;
    synchronized (this) {
      for (var it = idle.iterator(); it.hasNext(); ) {
        Connection c = it.next();
        long waited = now - c.idleSince;
        if (waited >= idleTimeoutNanos) {
          it.remove();
          expired.add(c);
        } else {
          nextCheck = nextCheck < 0 ? idleTimeoutNanos - waited : Math.min(nextCheck, idleTimeoutNanos - waited);
        }
      }
      closerScheduled = nextCheck >= 0;
      if (closerScheduled) {
        IDLE_CLOSER.schedule(this::closeExpired, nextCheck, TimeUnit.NANOSECONDS);
      }
    }
    expired.forEach(SmtpConnections::quit);
  }

  private static void quit(Connection connection) {
    try {
      connection.transport.close();
    } catch (MessagingException | RuntimeException e) {
      // The server already accepted (or refused) the message; a failing QUIT changes neither.
    }
  }
}
