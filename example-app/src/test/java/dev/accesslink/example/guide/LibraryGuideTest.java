package dev.accesslink.example.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import dev.accesslink.mqtt.simulator.SimulatedLock;
import dev.accesslink.testsupport.ExternalServices;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guide's program cannot rot: {@code docs/library-guide.md} shows exactly {@link
 * LibraryGuide}, and the program runs here against PostgreSQL (a fresh schema), an SMTP server
 * (GreenMail, in this JVM) and Mosquitto with a simulated lock answering.
 */
@DisplayName("docs/library-guide.md")
class LibraryGuideTest {
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String MQTT = "tcp://127.0.0.1:1883";
  private static final Pattern LINK = Pattern.compile("https://doors\\.acme\\.example/l/\\S+");

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @Test
  @DisplayName("shows LibraryGuide.java as it is")
  void the_page_shows_the_program() {
    String shown = DocSnippets.javaBlockAfter("docs/library-guide.md", "<!-- LibraryGuide.java -->");
    String program = DocSnippets.region("LibraryGuide.java", "docs/library-guide.md shows this file", null);
    assertThat(DocSnippets.normalized(shown)).isEqualTo(DocSnippets.normalized(program));
  }

  @Test
  @DisplayName("its program e-mails a link that opens the door, and refuses the link once revoked")
  void the_program_runs() throws Exception {
    ExternalServices.assumeTcp("PostgreSQL", "127.0.0.1", 5432, "start PostgreSQL with db 'test', trust auth");
    ExternalServices.assumeTcp("Mosquitto", "127.0.0.1", 1883, "start Mosquitto on 127.0.0.1:1883");
    String schema = "al_guide_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin("CREATE SCHEMA " + schema);
    List<String> mailboxesRead = new ArrayList<>();
    try (MqttLockSimulator locks = MqttLockSimulator.builder(MQTT).build()) {
      SimulatedLock frontDoor = locks.addLock(OrganizationId.of("acme"), DoorId.of("front-door"));

      List<UnlockOutcome> outcomes = LibraryGuide.run(PG + "?user=postgres&currentSchema=" + schema,
          "127.0.0.1", SMTP.getSmtp().getPort(), MQTT, address -> {
            mailboxesRead.add(address);
            return linkIn(mailTo(address));
          });

      assertThat(mailboxesRead).containsExactly("ada@example.com");
      assertThat(outcomes.get(0)).isInstanceOfSatisfying(UnlockOutcome.Unlocked.class,
          unlocked -> assertThat(unlocked.door()).isEqualTo(DoorId.of("front-door")));
      // at least: the program's organization and door are fixed ("acme", "front-door"), so another
      // build running this test at the same moment on the shared broker may open this lock too
      assertThat(frontDoor.executions()).as("the simulated lock opened").isNotEmpty();
      assertThat(outcomes.get(1)).isEqualTo(new UnlockOutcome.Denied(DenialReason.REVOKED));
    } finally {
      admin("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  /** The one message GreenMail received for {@code address}, waiting for it if need be. */
  private static MimeMessage mailTo(String address) {
    assertThat(SMTP.waitForIncomingEmail(30_000, 1)).as("an e-mail arrived").isTrue();
    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(1);
    try {
      assertThat(received[0].getRecipients(Message.RecipientType.TO))
          .extracting(a -> ((InternetAddress) a).getAddress()).containsExactly(address);
      assertThat(received[0].getFrom())
          .extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("doors@acme.example");
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
    return received[0];
  }

  /** The link in the message's plain-text part, as a visitor would copy it. */
  private static String linkIn(MimeMessage message) {
    try {
      Matcher m = LINK.matcher(plainText(message));
      assertThat(m.find()).as("the e-mail's text has the link").isTrue();
      return m.group();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String plainText(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = plainText(multipart.getBodyPart(i));
        if (!text.isEmpty()) {
          return text;
        }
      }
    }
    return "";
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(PG, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
