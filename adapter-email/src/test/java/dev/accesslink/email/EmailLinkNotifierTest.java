package dev.accesslink.email;

import static dev.accesslink.email.TestMessages.T0;
import static dev.accesslink.email.TestMessages.freshAddress;
import static dev.accesslink.email.TestMessages.html;
import static dev.accesslink.email.TestMessages.message;
import static dev.accesslink.email.TestMessages.occurrences;
import static dev.accesslink.email.TestMessages.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.LinkMessage;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("EmailLinkNotifier against a real SMTP server (GreenMail)")
class EmailLinkNotifierTest {
  static final String SENDER = "sender@acme.example";
  static final String PASSWORD = "s3cret-Pa55";

  @RegisterExtension
  static final GreenMailExtension GREENMAIL =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withUser(SENDER, SENDER, PASSWORD))
          .withPerMethodLifecycle(false);

  static SmtpSettings.Builder plain() {
    return SmtpSettings.builder()
        .host("127.0.0.1")
        .port(GREENMAIL.getSmtp().getPort())
        .security(SmtpSecurity.NONE)
        .fromAddress("access@acme.example")
        .fromName("Acme Access")
        .localHostName("test.acme.example")
        .timeouts(Duration.ofSeconds(5));
  }

  static EmailLinkNotifier notifier() {
    return EmailLinkNotifier.create(plain().build(), EmailTemplate.standard(),
        Clock.fixed(T0, ZoneOffset.UTC));
  }

  /** The message GreenMail received for {@code address}, polling briefly for it. */
  static MimeMessage receivedFor(String address) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<MimeMessage> m = find(address);
      if (m.isPresent()) {
        return m.get();
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // poll, gently
    }
    throw new AssertionError("no message for " + address);
  }

  static Optional<MimeMessage> find(String address) {
    return Arrays.stream(GREENMAIL.getReceivedMessages())
        .filter(m -> {
          try {
            return m.getRecipients(Message.RecipientType.TO) != null
                && Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> ((InternetAddress) a).getAddress().equals(address));
          } catch (Exception e) {
            return false;
          }
        })
        .reduce((first, second) -> second);
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Nested
  @DisplayName("a delivered message")
  class Delivered {
    final String to = freshAddress();
    final LinkMessage link = message(to);
    final DeliveryResult result = notifier().deliver(link);
    final MimeMessage received = receivedFor(to);

    @Test
    @DisplayName("is multipart/alternative: text/plain first, then text/html with its QR code as multipart/related, UTF-8")
    void structure() throws Exception {
      assertThat(result).isInstanceOf(DeliveryResult.Sent.class);
      assertThat(received.isMimeType("multipart/alternative")).isTrue();
      Multipart mp = (Multipart) received.getContent();
      assertThat(mp.getCount()).isEqualTo(2);
      assertThat(mp.getBodyPart(0).isMimeType("text/plain")).isTrue();
      assertThat(mp.getBodyPart(0).getContentType()).containsIgnoringCase("charset=UTF-8");
      assertThat(mp.getBodyPart(1).isMimeType("multipart/related")).isTrue();
      Multipart related = (Multipart) mp.getBodyPart(1).getContent();
      assertThat(related.getCount()).isEqualTo(2);
      assertThat(related.getBodyPart(0).isMimeType("text/html")).isTrue();
      assertThat(related.getBodyPart(0).getContentType()).containsIgnoringCase("charset=UTF-8");
      assertThat(related.getBodyPart(1).isMimeType("image/png")).isTrue();
    }

    @Test
    @DisplayName("carries the link as a QR code: an inline PNG the HTML shows by cid:, which decodes to the URL")
    void qrCode() throws Exception {
      jakarta.mail.internet.MimeBodyPart image =
          (jakarta.mail.internet.MimeBodyPart) TestMessages.part(received, "image/png").orElseThrow();
      assertThat(image.getContentID()).isEqualTo("<" + InlineImage.QR_CODE_CONTENT_ID + ">");
      assertThat(image.getDisposition()).isEqualTo(jakarta.mail.Part.INLINE);
      assertThat(html(received)).contains("<img src=\"cid:" + InlineImage.QR_CODE_CONTENT_ID + "\"");
      byte[] png;
      try (java.io.InputStream in = image.getInputStream()) {
        png = in.readAllBytes();
      }
      assertThat(QrDecoder.decode(png)).isEqualTo(link.url().reveal());
    }

    @Test
    @DisplayName("has From, To with the name, one-line Subject, Date from the clock, our Message-ID")
    void headers() throws Exception {
      assertThat(received.getFrom()).hasSize(1);
      InternetAddress from = (InternetAddress) received.getFrom()[0];
      assertThat(from.getAddress()).isEqualTo("access@acme.example");
      assertThat(from.getPersonal()).isEqualTo("Acme Access");
      InternetAddress rcpt = (InternetAddress) received.getRecipients(Message.RecipientType.TO)[0];
      assertThat(rcpt.getAddress()).isEqualTo(to);
      assertThat(rcpt.getPersonal()).isEqualTo("Ada Lovelace");
      assertThat(received.getAllRecipients()).hasSize(1);
      assertThat(received.getSubject()).isEqualTo("Your access link for Visitors at Acme HQ");
      assertThat(received.getSentDate().toInstant()).isEqualTo(T0);
      assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
      String id = ((DeliveryResult.Sent) result).providerMessageId();
      assertThat(id).startsWith("<" + link.link() + ".").endsWith("@acme.example>");
      assertThat(received.getMessageID()).isEqualTo(id);
    }

    @Test
    @DisplayName("holds the link once in the text part; in the HTML part as a button and as text beside the QR code")
    void linkOnceAndClickable() {
      String url = link.url().reveal();
      assertThat(occurrences(text(received), url)).isEqualTo(1);
      assertThat(occurrences(html(received), url)).isEqualTo(2);
      assertThat(html(received)).contains("<a href=\"" + url + "\"");
    }

    @Test
    @DisplayName("says who sent it, for which place, group and doors, when it is valid, and what to do if it fails")
    void content() {
      for (String body : List.of(text(received), html(received))) {
        assertThat(body).contains("Grace Hopper of Acme HQ", "Visitors", "Front door", "Lab")
            .as("the sender by name, never by id").doesNotContain("alice@acme.example");
        assertThat(body).contains(
            "valid from Sunday 15 March 2026, 13:00 (Europe/Berlin, UTC+01:00)"
                + " until Tuesday 17 March 2026, 13:00 (Europe/Berlin, UTC+01:00)");
        assertThat(body).contains("does not work", "Ask Grace Hopper of Acme HQ for a new one");
      }
    }
  }

  @Test
  @DisplayName("an open window reads \"valid at once, never expires\"")
  void openWindow() {
    String to = freshAddress();
    notifier().deliver(message(to, "Ada", "Acme HQ", "Visitors", List.of("Front door"),
        ValidityWindow.always(), ZoneId.of("UTC")));
    MimeMessage m = receivedFor(to);
    assertThat(text(m)).contains("valid at once, never expires");
    assertThat(html(m)).contains("valid at once, never expires");
  }

  @Test
  @DisplayName("names in any script survive in headers and bodies")
  void unicode() throws Exception {
    String to = freshAddress();
    notifier().deliver(message(to, "Zoë Ñúñez 李小龍", "Café Zürich", "Gäste 🚪", List.of("Tür 1"),
        ValidityWindow.always(), ZoneId.of("Europe/Zurich")));
    MimeMessage m = receivedFor(to);
    assertThat(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
        .isEqualTo("Zoë Ñúñez 李小龍");
    assertThat(m.getSubject()).isEqualTo("Your access link for Gäste 🚪 at Café Zürich");
    assertThat(text(m)).contains("Hello Zoë Ñúñez 李小龍,", "Tür 1");
    assertThat(html(m)).contains("Zoë Ñúñez 李小龍", "Gäste 🚪");
  }

  @Nested
  @DisplayName("hostile values")
  class Hostile {
    @Test
    @DisplayName("markup is escaped in the HTML part")
    void markupEscaped() {
      String to = freshAddress();
      String script = "<script>alert('x')</script>";
      notifier().deliver(message(to, "Eve " + script, "Org " + script, "Group \"><img src=x>",
          List.of("Door <b>1</b> & co"), ValidityWindow.always(), ZoneId.of("UTC")));
      String html = html(receivedFor(to));
      assertThat(html).doesNotContain("<script>", "<img src=x", "<b>");
      assertThat(html).contains("Eve &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
          "Group &quot;&gt;&lt;img src=x&gt;", "Door &lt;b&gt;1&lt;/b&gt; &amp; co");
    }

    @Test
    @DisplayName("CR/LF in place or group names cannot inject a header")
    void crlfInjection() throws Exception {
      String to = freshAddress();
      String victim = freshAddress();
      DeliveryResult r = notifier().deliver(message(to, "Mallory",
          "Acme\r\nBcc: " + victim, "Visitors\nX-Injected: yes", List.of("Front\r\ndoor"),
          ValidityWindow.always(), ZoneId.of("UTC")));
      assertThat(r).isInstanceOf(DeliveryResult.Sent.class);
      MimeMessage m = receivedFor(to);
      assertThat(m.getHeader("Bcc")).isNull();
      assertThat(m.getHeader("X-Injected")).isNull();
      assertThat(m.getAllRecipients()).hasSize(1);
      assertThat(m.getSubject()).doesNotContain("\r", "\n");
      assertThat(find(victim)).isEmpty();
    }

    @Test
    @DisplayName("very long values are sent, with a bounded subject")
    void veryLong() throws Exception {
      String to = freshAddress();
      String longName = "N".repeat(Recipient.MAX_NAME_LENGTH);
      DeliveryResult r = notifier().deliver(message(to, longName, "O".repeat(5_000),
          "G".repeat(5_000), List.of("D".repeat(5_000)), ValidityWindow.always(), ZoneId.of("UTC")));
      assertThat(r).isInstanceOf(DeliveryResult.Sent.class);
      MimeMessage m = receivedFor(to);
      assertThat(m.getSubject()).hasSizeLessThan(150);
      assertThat(text(m)).contains(longName, "O".repeat(5_000));
    }

    @Test
    @DisplayName("a template that puts a line break in the subject fails permanently, and nothing is sent")
    void templateSubjectInjection() {
      String to = freshAddress();
      EmailLinkNotifier n = EmailLinkNotifier.create(plain().build(),
          m -> new RenderedEmail("Hi\r\nBcc: x@evil.example", m.url().reveal(), m.url().reveal()));
      assertThat(n.deliver(message(to)))
          .isEqualTo(new DeliveryResult.PermanentFailure("email.template.subject"));
      assertThat(find(to)).isEmpty();
    }

    @Test
    @DisplayName("a template that throws fails permanently without its message")
    void templateThrows() {
      LinkMessage msg = message(freshAddress());
      EmailLinkNotifier n = EmailLinkNotifier.create(plain().build(), m -> {
        throw new IllegalStateException("boom " + m.url().reveal());
      });
      assertThat(n.deliver(msg)).isEqualTo(new DeliveryResult.PermanentFailure("email.template"));
    }

    @Test
    @DisplayName("an address that is not valid fails permanently with its code, before any I/O")
    void invalidAddress() {
      assertThat(notifier().deliver(message("not an address")))
          .isEqualTo(new DeliveryResult.PermanentFailure("email.syntax"));
    }
  }

  @Nested
  @DisplayName("authentication")
  class Authentication {
    @Test
    @DisplayName("sends with the right user name and password")
    void authenticated() {
      String to = freshAddress();
      EmailLinkNotifier n =
          EmailLinkNotifier.create(plain().credentials(SENDER, PASSWORD.toCharArray()).build());
      assertThat(n.deliver(message(to))).isInstanceOf(DeliveryResult.Sent.class);
      assertThat(receivedFor(to)).isNotNull();
    }

    @Test
    @DisplayName("a wrong password is a transient failure (fix the settings, keep the link)")
    void wrongPassword() {
      String to = freshAddress();
      EmailLinkNotifier n =
          EmailLinkNotifier.create(plain().credentials(SENDER, "wrong".toCharArray()).build());
      DeliveryResult r = n.deliver(message(to));
      assertThat(r).isEqualTo(new DeliveryResult.TransientFailure("smtp.auth"));
      assertThat(find(to)).isEmpty();
    }

    @Test
    @DisplayName("sends without credentials when the server allows it")
    void unauthenticated() {
      String to = freshAddress();
      assertThat(notifier().deliver(message(to))).isInstanceOf(DeliveryResult.Sent.class);
      assertThat(receivedFor(to)).isNotNull();
    }
  }

  @Nested
  @DisplayName("failures")
  class Failures {
    @Test
    @DisplayName("a server that is gone is transient, and the reason has no secret")
    void serverGone() throws IOException {
      LinkMessage msg = message(freshAddress());
      EmailLinkNotifier n = EmailLinkNotifier.create(plain().port(closedPort()).build());
      DeliveryResult r = n.deliver(msg);
      assertThat(r).isEqualTo(new DeliveryResult.TransientFailure("smtp.connect"));
    }

    @Test
    @DisplayName("a server that accepts but never answers times out: transient")
    void silentServer() throws IOException {
      try (ScriptedSmtpServer server = ScriptedSmtpServer.silent()) {
        EmailLinkNotifier n = EmailLinkNotifier.create(
            plain().port(server.port()).readTimeout(Duration.ofMillis(300)).build());
        assertThat(n.deliver(message(freshAddress())))
            .isEqualTo(new DeliveryResult.TransientFailure("smtp.timeout"));
      }
    }

    @Test
    @DisplayName("550 no such user is permanent, with a reason free of link and address")
    void noSuchUser() throws IOException {
      String to = freshAddress();
      LinkMessage msg = message(to);
      try (ScriptedSmtpServer server =
          ScriptedSmtpServer.rejectingRecipient("550 5.1.1 <" + to + ">: " + msg.url().reveal()
              + " no such user")) {
        DeliveryResult r = EmailLinkNotifier.create(plain().port(server.port()).build()).deliver(msg);
        assertThat(r).isEqualTo(new DeliveryResult.PermanentFailure("smtp.550 5.1.1"));
        assertThat(server.commands()).anyMatch(c -> c.startsWith("RCPT TO:<" + to + ">"));
      }
    }

    @Test
    @DisplayName("450 mailbox busy is transient")
    void mailboxBusy() throws IOException {
      try (ScriptedSmtpServer server =
          ScriptedSmtpServer.rejectingRecipient("450 4.2.1 mailbox busy, try later")) {
        assertThat(EmailLinkNotifier.create(plain().port(server.port()).build())
                .deliver(message(freshAddress())))
            .isEqualTo(new DeliveryResult.TransientFailure("smtp.450 4.2.1"));
      }
    }

    @Test
    @DisplayName("a 5xx after DATA is permanent, a 4xx after DATA transient")
    void dataRejected() throws IOException {
      try (ScriptedSmtpServer server = ScriptedSmtpServer.rejectingData("554 5.7.1 rejected as spam")) {
        assertThat(EmailLinkNotifier.create(plain().port(server.port()).build())
                .deliver(message(freshAddress())))
            .isEqualTo(new DeliveryResult.PermanentFailure("smtp.554 5.7.1"));
      }
      try (ScriptedSmtpServer server = ScriptedSmtpServer.rejectingData("451 local error")) {
        assertThat(EmailLinkNotifier.create(plain().port(server.port()).build())
                .deliver(message(freshAddress())))
            .isEqualTo(new DeliveryResult.TransientFailure("smtp.451"));
      }
    }

    @Test
    @DisplayName("a refused sender (MAIL FROM) is transient: our settings, not the recipient")
    void senderRefused() throws IOException {
      try (ScriptedSmtpServer server =
          ScriptedSmtpServer.rejectingSender("530 5.7.0 Authentication required")) {
        assertThat(EmailLinkNotifier.create(plain().port(server.port()).build())
                .deliver(message(freshAddress())))
            .isEqualTo(new DeliveryResult.TransientFailure("smtp.sender.530 5.7.0"));
      }
    }

    @Test
    @DisplayName("STARTTLS required but not offered: transient, and nothing is sent in clear")
    void startTlsRequired() {
      String to = freshAddress();
      EmailLinkNotifier n =
          EmailLinkNotifier.create(plain().security(SmtpSecurity.STARTTLS_REQUIRED).build());
      assertThat(n.deliver(message(to)))
          .isEqualTo(new DeliveryResult.TransientFailure("smtp.starttls"));
      assertThat(find(to)).isEmpty();
    }

    @Test
    @DisplayName("STARTTLS optional but not offered: sent in clear")
    void startTlsOptional() {
      String to = freshAddress();
      EmailLinkNotifier n =
          EmailLinkNotifier.create(plain().security(SmtpSecurity.STARTTLS_OPTIONAL).build());
      assertThat(n.deliver(message(to))).isInstanceOf(DeliveryResult.Sent.class);
    }
  }
}
