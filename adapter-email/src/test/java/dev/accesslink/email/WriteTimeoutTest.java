package dev.accesslink.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.port.out.DeliveryResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The write timeout, enforced by one timer thread that every connection of the notifiers shares
 * (Angus would start and stop a scheduler per connection): a server that stops reading in the
 * middle of DATA cuts the attempt short, again and again.
 */
@DisplayName("the SMTP write timeout")
class WriteTimeoutTest {

  /** Speaks SMTP up to the 354 after DATA, then reads nothing more and keeps the connection open. */
  private static Thread stallingServer(ServerSocket server, List<Socket> keep) {
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          keep.add(s);
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
          OutputStream out = s.getOutputStream();
          out.write("220 stall.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          for (String line; (line = in.readLine()) != null; ) {
            String reply = line.startsWith("DATA") ? "354 go ahead" : "250 OK";
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (line.startsWith("DATA")) {
              break; // and never read again: the client's writes fill the buffers and block
            }
          }
        } catch (Exception e) {
          return;
        }
      }
    }, "stalling-smtp");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  @DisplayName("a server that stops reading mid-message ends each attempt as a failure, not a hang")
  void stalledWritesTimeOut() throws Exception {
    List<Socket> keep = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      stallingServer(server, keep);
      String huge = "x".repeat(70) + "\n";
      // far more than the loopback socket buffers hold
      RenderedEmail big = new RenderedEmail("big", huge.repeat(400_000), "<p>big</p>");
      EmailLinkNotifier n = EmailLinkNotifier.create(SmtpSettings.builder().host("127.0.0.1").port(server.getLocalPort())
          .security(SmtpSecurity.NONE).fromAddress("access@example.org")
          .timeouts(Duration.ofSeconds(60)).writeTimeout(Duration.ofMillis(300)).build(), m -> big);
      List<DeliveryResult> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        results.add(n.deliver(TestMessages.message("visitor" + i + "@example.org")));
      }
      // the timer closed the socket mid-write (an I/O failure: the outcome is unknown), and it
      // still served the second connection after the first one closed
      assertThat(results).containsOnly(new DeliveryResult.OutcomeUnknown("smtp.io"));
      assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
          .contains("access-links-smtp-write-timeouts");
    } finally {
      for (Socket s : keep) {
        s.close();
      }
    }
  }
}
