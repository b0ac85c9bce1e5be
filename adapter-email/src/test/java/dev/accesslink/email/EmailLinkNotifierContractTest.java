package dev.accesslink.email;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.testkit.contract.LinkNotifierContract;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("EmailLinkNotifier passes the LinkNotifier contract (GreenMail)")
class EmailLinkNotifierContractTest extends LinkNotifierContract {
  @RegisterExtension
  static final GreenMailExtension GREENMAIL =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  private static SmtpSettings.Builder settings(int port) {
    return SmtpSettings.builder()
        .host("127.0.0.1")
        .port(port)
        .security(SmtpSecurity.NONE)
        .fromAddress("access@acme.example")
        .localHostName("test.acme.example")
        .timeouts(Duration.ofSeconds(5));
  }

  @Override
  protected LinkNotifier notifier() {
    return EmailLinkNotifier.create(settings(GREENMAIL.getSmtp().getPort()).build());
  }

  @Override
  protected LinkNotifier unreachableNotifier() {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return EmailLinkNotifier.create(settings(closed).build()); // the port is closed now: nothing answers
  }

  @Override
  protected String validRawAddress() {
    return "  Ada.Lovelace@Example.COM ";
  }

  @Override
  protected List<String> invalidRawAddresses() {
    return List.of("ada", "ada@localhost", "Ada <ada@example.com>", "ada@example.com, bob@example.com",
        "\"ada\"@example.com", "ada@[192.0.2.1]", "ada..lovelace@example.com");
  }

  @Override
  protected Optional<String> lastDeliveredContent(String normalizedAddress) {
    return Arrays.stream(GREENMAIL.getReceivedMessages())
        .filter(m -> isFor(m, normalizedAddress))
        .reduce((first, second) -> second)
        .map(TestMessages::fullText);
  }

  private static boolean isFor(MimeMessage m, String address) {
    try {
      return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
          .anyMatch(a -> ((InternetAddress) a).getAddress().equals(address));
    } catch (Exception e) {
      return false;
    }
  }
}
