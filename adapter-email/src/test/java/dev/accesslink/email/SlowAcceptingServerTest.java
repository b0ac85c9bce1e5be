package dev.accesslink.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.DeliveryPolicy;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.memory.InMemoryAccessEvents;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 5: an SMTP server that takes the message but answers the end of DATA after the
 * notifier's read timeout. The attempt's outcome is unknown, so the dispatcher's retry sends a
 * second e-mail, and the links of both e-mails open the door.
 */
@DisplayName("a slow-accepting SMTP server: the retry's e-mail and the first one both open the door")
class SlowAcceptingServerTest {
  private static final Pattern LINK = Pattern.compile("https://slow\\.example/l/([A-Za-z0-9_-]{43})");

  @Test
  @DisplayName("the first answer comes after the read timeout; both messages' links work")
  void bothEmailsOpen() throws Exception {
    OrganizationId org = OrganizationId.of("slow-co");
    DoorId front = DoorId.of("front");
    InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence(new InMemoryAccessEvents());
    persistence.organizations().save(new OrganizationSettings(org, "Slow Co", ZoneId.of("UTC"),
        QuotaLimits.defaults(), URI.create("https://slow.example/l/")));
    persistence.groups().put(new Group(org, GroupId.of("visitors"), "Visitors", List.of(new Door(front, "Front"))));

    try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptingFirstSlowly(Duration.ofSeconds(2))) {
      EmailLinkNotifier email = EmailLinkNotifier.create(SmtpSettings.builder()
          .host("127.0.0.1").port(server.port()).security(SmtpSecurity.NONE)
          .fromAddress("access@slow.example").localHostName("test.slow.example")
          .timeouts(Duration.ofSeconds(10)).readTimeout(Duration.ofMillis(400)).build());
      // retries are due at once, so that the test dispatches by hand without waiting
      DeliveryPolicy policy = new DeliveryPolicy(Duration.ofMinutes(2), 5, Duration.ZERO, Duration.ZERO, 50);
      try (AccessLinks links = AccessLinks.builder().persistence(persistence).notifier(email)
          .doors(new RecordingDoorController()).deliveryPolicy(policy).dispatchEvery(Duration.ZERO).build()) {
        SentAccessLink sent = links.send(SendAccessLinkCommand.email(org, AdminId.of("admin"), "Ada Lovelace",
            "ada@example.com", GroupId.of("visitors"), ValidityWindow.always()));
        assertThat(sent.link().delivery().status()).as("first attempt: outcome unknown, retry pending")
            .isEqualTo(DeliveryStatus.PENDING);

        assertThat(links.dispatchDue().sent()).isEqualTo(1);
        assertThat(links.getLink(org, sent.link().id()).delivery().status()).isEqualTo(DeliveryStatus.SENT);

        List<String> messages = server.messages();
        assertThat(messages).as("two e-mails reached the server").hasSize(2);
        String first = secretIn(messages.get(0));
        String second = secretIn(messages.get(1));
        assertThat(first).isNotEqualTo(second);
        for (String secret : List.of(first, second)) {
          assertThat(links.unlock(new UnlockDoorCommand(secret, front)))
              .as("the door opens with each e-mail's link").isInstanceOf(UnlockOutcome.Unlocked.class);
        }
        assertThat(links.recentEvents(org, 50)).extracting(AccessEvent::type)
            .contains(AccessEventType.DELIVERY_RETRY_SCHEDULED, AccessEventType.DELIVERY_SENT);
      }
    }
  }

  /** The link's secret in a raw message as the server took it (dot-stuffing undone, MIME decoded). */
  private static String secretIn(String raw) throws Exception {
    String unstuffed = raw.replace("\n..", "\n.");
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(unstuffed.getBytes(StandardCharsets.UTF_8)));
    Matcher matcher = LINK.matcher(TestMessages.fullText(m));
    assertThat(matcher.find()).as("a link in the message").isTrue();
    return matcher.group(1);
  }
}
