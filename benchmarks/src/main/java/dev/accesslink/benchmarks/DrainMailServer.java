package dev.accesslink.benchmarks;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Figure 8's SMTP server: GreenMail in the suite's JVM, as a production server would answer. */
final class DrainMailServer {
  private DrainMailServer() {}

  /**
   * GreenMail on a free loopback port whose accepted sockets set {@code TCP_NODELAY}: without it the
   * lines of its multi-line {@code EHLO} answer, written one by one, wait for the client's delayed
   * ACK (about 40 ms a connection), and every path would measure that.
   */
  static GreenMail create() {
    return new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)) {
      @Override
      protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = new HashMap<>();
        services.put(config[0].getProtocol(), new SmtpServer(config[0], managers) {
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

  /**
   * Deletes every message and every recipient's account. GreenMail creates an account with its own
   * mailbox for each new recipient and finds a name among the existing mailboxes by a linear scan,
   * so each path's recipients, had they stayed, would make every later path's messages dearer to
   * receive (the server's CPU per message grew with each 2,000 recipients, and the paths run in
   * rotating order).
   */
  static void forgetRecipients(GreenMail smtp) throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    com.icegreen.greenmail.user.UserManager users = smtp.getUserManager();
    for (com.icegreen.greenmail.user.GreenMailUser u : List.copyOf(users.listUser())) {
      users.deleteUser(u);
    }
  }
}
