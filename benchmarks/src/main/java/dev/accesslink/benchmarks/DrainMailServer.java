package dev.accesslink.benchmarks;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Figure 8's SMTP server: GreenMail's SMTP front end in the suite's JVM, on a free loopback port,
 * with {@code TCP_NODELAY} on the sockets it accepts. Every message's envelope recipients are
 * counted here, so that each message can be checked to have arrived exactly once; GreenMail reads
 * and parses each message as it arrives (its {@code DATA} command builds the {@code MimeMessage}).
 *
 * <p>By default each message is also filed into its recipients' mailboxes, as GreenMail does. It
 * files under a lock held for the whole server (its {@code SmtpManager.send} is {@code
 * synchronized}), creates an account for each new recipient, finds that account's mailbox by
 * scanning every existing one, and parses the message once more for IMAP: JFR of the figure found
 * more than half of GreenMail's samples there. {@link #fileMessages(boolean) fileMessages(false)}
 * leaves that out, for the figure's rows that show what the filing costs each path.
 */
final class DrainMailServer {
  private final GreenMail greenMail;
  private final Map<String, Integer> received = new ConcurrentHashMap<>();
  private volatile boolean file = true;
  private volatile byte @Nullable [] first;

  private DrainMailServer() {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)) {
      @Override
      protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Managers counting = new CountingManagers(managers, new Counter(managers.getImapHostManager(),
            managers.getUserManager()));
        Map<String, AbstractServer> services = new HashMap<>();
        services.put(config[0].getProtocol(), new SmtpServer(config[0], counting) {
          /*
           * TCP_NODELAY on the accepted sockets: without it the lines of GreenMail's multi-line EHLO
           * answer, written one by one, wait for the client's delayed ACK (about 40 ms a connection),
           * and every path would measure that.
           */
          @Override
          protected void handleClientSocket(Socket client) throws SocketException {
            client.setTcpNoDelay(true);
            super.handleClientSocket(client);
          }
        });
        return services;
      }
    };
  }

  /** A started server on a free loopback port. */
  static DrainMailServer start() {
    DrainMailServer server = new DrainMailServer();
    server.greenMail.start();
    return server;
  }

  int port() {
    return greenMail.getSmtp().getPort();
  }

  void stop() {
    greenMail.stop();
  }

  /** Whether each message is also filed into its recipients' GreenMail mailboxes (see the class comment). */
  void fileMessages(boolean on) {
    file = on;
  }

  /**
   * Empty if each of {@code expected} has been sent exactly one message since {@link #forget()} and
   * nobody else any, else what went wrong, named by {@code tag}.
   */
  String sentOnce(List<String> expected, String tag) {
    Map<String, Integer> seen = Map.copyOf(received);
    int missing = 0;
    int twice = 0;
    for (String recipient : expected) {
      int n = seen.getOrDefault(recipient, 0);
      if (n == 0) {
        missing++;
      } else if (n > 1) {
        twice++;
      }
    }
    return missing == 0 && twice == 0 && seen.size() == expected.size() ? ""
        : tag + ": " + missing + " recipients got nothing, " + twice + " got more than one, " + seen.size()
            + " recipients in all (expected " + expected.size() + ")";
  }

  /** The first message this server received, as it received it. */
  byte[] firstMessage() {
    byte[] m = first;
    if (m == null) {
      throw new IllegalStateException("no message received yet");
    }
    return m.clone();
  }

  /**
   * Forgets the counted recipients, and deletes every filed message and every recipient's account:
   * had they stayed, each path's recipients would make every later path's filed messages dearer.
   */
  void forget() throws Exception {
    received.clear();
    greenMail.purgeEmailFromAllMailboxes();
    UserManager users = greenMail.getUserManager();
    for (GreenMailUser u : List.copyOf(users.listUser())) {
      users.deleteUser(u);
    }
  }

  /** Counts each message's envelope recipients, and files it only when asked to. */
  private final class Counter extends SmtpManager {
    Counter(ImapHostManager imap, UserManager users) {
      super(imap, users);
    }

    @Override
    public void send(SmtpState state) {
      MovingMessage message = state.getMessage();
      if (first == null) {
        keepFirst(message);
      }
      for (MailAddress to : message.getToAddresses()) {
        received.merge(to.getEmail(), 1, Integer::sum);
      }
      if (file) {
        super.send(state);
      }
    }

    private synchronized void keepFirst(MovingMessage message) {
      if (first != null) {
        return;
      }
      try {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.getMessage().writeTo(raw);
        first = raw.toByteArray();
      } catch (Exception e) {
        throw new IllegalStateException("could not keep the first message", e);
      }
    }
  }

  /** GreenMail's managers, with the counting SMTP manager in place of its own. */
  private static final class CountingManagers extends Managers {
    private final Managers managers;
    private final SmtpManager smtp;

    CountingManagers(Managers managers, SmtpManager smtp) {
      this.managers = managers;
      this.smtp = smtp;
    }

    @Override
    public SmtpManager getSmtpManager() {
      return smtp;
    }

    @Override
    public UserManager getUserManager() {
      return managers.getUserManager();
    }

    @Override
    public ImapHostManager getImapHostManager() {
      return managers.getImapHostManager();
    }
  }
}
