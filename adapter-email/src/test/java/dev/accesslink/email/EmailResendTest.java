package dev.accesslink.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
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
import dev.accesslink.core.port.in.ResendAccessLinkCommand;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 16: an e-mail resend through a real SMTP server (GreenMail). */
@DisplayName("resending an e-mail link: a second e-mail whose link works; the first e-mail's link is dead")
class EmailResendTest {
  private static final Pattern LINK = Pattern.compile("https://resend\\.example/l/([A-Za-z0-9_-]{43})");

  @RegisterExtension
  static final GreenMailExtension GREENMAIL =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @Test
  void resend() throws Exception {
    OrganizationId org = OrganizationId.of("resend-co");
    DoorId front = DoorId.of("front");
    InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence(new InMemoryAccessEvents());
    persistence.organizations().save(new OrganizationSettings(org, "Resend Co", ZoneId.of("UTC"),
        QuotaLimits.defaults(), URI.create("https://resend.example/l/")));
    persistence.groups().put(new Group(org, GroupId.of("visitors"), "Visitors", List.of(new Door(front, "Front"))));
    EmailLinkNotifier email = EmailLinkNotifier.create(SmtpSettings.builder()
        .host("127.0.0.1").port(GREENMAIL.getSmtp().getPort()).security(SmtpSecurity.NONE)
        .fromAddress("access@resend.example").localHostName("test.resend.example")
        .timeouts(Duration.ofSeconds(10)).build());
    try (AccessLinks links = AccessLinks.builder().persistence(persistence).notifier(email)
        .doors(new RecordingDoorController()).dispatchEvery(Duration.ZERO).build()) {
      SentAccessLink sent = links.send(SendAccessLinkCommand.email(org, AdminId.of("admin"), "Ada Lovelace",
          "ada@example.com", GroupId.of("visitors"), ValidityWindow.always()));
      SentAccessLink resent = links.resend(new ResendAccessLinkCommand(org, AdminId.of("admin"), sent.link().id()));
      assertThat(resent.link().delivery().status()).isEqualTo(DeliveryStatus.SENT);

      MimeMessage[] received = GREENMAIL.getReceivedMessages();
      assertThat(received).hasSize(2);
      List<String> secrets = Arrays.stream(received).map(EmailResendTest::secretIn).toList();
      assertThat(secrets.get(0)).isNotEqualTo(secrets.get(1));
      assertThat(links.unlock(new UnlockDoorCommand(secrets.get(0), front))).as("the first e-mail's link")
          .isInstanceOf(UnlockOutcome.Denied.class);
      assertThat(links.unlock(new UnlockDoorCommand(secrets.get(1), front))).as("the resent e-mail's link")
          .isInstanceOf(UnlockOutcome.Unlocked.class);
      assertThat(links.recentEvents(org, 20)).extracting(AccessEvent::type).contains(AccessEventType.LINK_RESENT);
    }
  }

  private static String secretIn(MimeMessage m) {
    Matcher matcher = LINK.matcher(TestMessages.fullText(m));
    assertThat(matcher.find()).as("a link in the message").isTrue();
    return matcher.group(1);
  }
}
