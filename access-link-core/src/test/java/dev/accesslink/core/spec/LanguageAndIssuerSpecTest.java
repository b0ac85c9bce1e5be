package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.LinkResolution;
import dev.accesslink.core.port.in.SaveOrganizationCommand;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.out.LinkMessage;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A link's language and its sender's name")
class LanguageAndIssuerSpecTest {
  final SurfaceFixture f = new SurfaceFixture();
  final AccessLinks links = f.withOrganization(
      f.builder().notifier(f.email).dispatchEvery(Duration.ZERO).build());

  SendAccessLinkCommand email() {
    return SendAccessLinkCommand.email(f.org, f.admin, "Ada", "ada@example.com", f.visitors, ValidityWindow.always());
  }

  @Nested
  @DisplayName("the sender's name")
  class Issuer {
    @Test
    @DisplayName("is stored with the link and put into the message, beside the id")
    void inMessage() {
      SentAccessLink sent = links.send(email().withIssuerName(" Grace Hopper "));

      assertThat(sent.link().issuerName()).isEqualTo("Grace Hopper");
      assertThat(f.persistence.links().findById(f.org, sent.link().id()).map(AccessLink::issuerName))
          .contains("Grace Hopper");
      LinkMessage m = f.email.delivered().get(0);
      assertThat(m.issuerNameIfAny()).contains("Grace Hopper");
      assertThat(m.issuedBy()).isEqualTo(f.admin);
    }

    @Test
    @DisplayName("is shown on the visitor page")
    void onVisitorPage() {
      SentAccessLink sent = links.send(
          SendAccessLinkCommand.manual(f.org, f.admin, "Ada", f.visitors, ValidityWindow.always())
              .withIssuerName("Grace Hopper").withLanguage(Language.GERMAN));
      String secret = sent.manualUrlIfAny().orElseThrow().reveal().replaceAll(".*/", "");

      assertThat(links.resolve(secret)).isInstanceOfSatisfying(LinkResolution.Found.class, found -> {
        assertThat(found.view().issuerNameIfAny()).contains("Grace Hopper");
        assertThat(found.view().language()).isEqualTo(Language.GERMAN);
      });
    }

    @Test
    @DisplayName("may be left out: the message then has none, never the id")
    void absent() {
      links.send(email());
      assertThat(f.email.delivered().get(0).issuerNameIfAny()).isEmpty();
    }

    @Test
    @DisplayName("with a control character cannot be built, so nothing is sent")
    void invalid() {
      assertThatThrownBy(() -> email().withIssuerName("Grace\u202E"))
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.code()).isEqualTo("issuer.name.bidi_controls"));
      assertThat(f.email.delivered()).isEmpty();
    }
  }

  @Nested
  @DisplayName("the language")
  class Languages {
    @Test
    @DisplayName("comes from the send")
    void fromSend() {
      SentAccessLink sent = links.send(email().withLanguage(Language.SPANISH));
      assertThat(sent.link().language()).isEqualTo(Language.SPANISH);
      assertThat(f.persistence.links().findById(f.org, sent.link().id()).map(AccessLink::language))
          .contains(Language.SPANISH);
      assertThat(f.email.delivered().get(0).language()).isEqualTo(Language.SPANISH);
    }

    @Test
    @DisplayName("else from the organization's default, English unless set")
    void fromOrganization() {
      assertThat(links.send(email()).link().language()).isEqualTo(Language.ENGLISH);

      links.saveOrganization(new SaveOrganizationCommand(f.org, f.admin, "Acme HQ", ZoneId.of("Europe/Paris"),
          URI.create("https://doors.acme.example/l"), Language.FRENCH));
      assertThat(links.send(email()).link().language()).isEqualTo(Language.FRENCH);

      links.saveOrganization(new SaveOrganizationCommand(f.org, f.admin, "Acme Tower", ZoneId.of("Europe/Paris"),
          URI.create("https://doors.acme.example/l")));
      assertThat(f.organizations.find(f.org).orElseThrow().defaultLanguage())
          .as("a save that names no language keeps the stored one").isEqualTo(Language.FRENCH);
    }

    @Test
    @DisplayName("one the application does not offer is refused, and nothing is stored or sent")
    void unsupported() {
      assertThatThrownBy(() -> links.send(email().withLanguage(Language.of("it"))))
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.code()).isEqualTo("language.unsupported"));
      assertThatThrownBy(() -> links.saveOrganization(new SaveOrganizationCommand(f.org, f.admin, "Acme HQ",
          ZoneId.of("UTC"), URI.create("https://doors.acme.example/l"), Language.of("it"))))
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.code()).isEqualTo("language.unsupported"));

      assertThat(f.email.delivered()).isEmpty();
      assertThat(links.recentEvents(f.org, 10)).noneMatch(e -> e.link() != null);
      assertThat(f.organizations.find(f.org).orElseThrow().defaultLanguage()).isEqualTo(Language.ENGLISH);
    }

    @Test
    @DisplayName("a regional tag (a browser's es-MX) is written in its offered language")
    void regional() {
      assertThat(links.send(email().withLanguage(Language.of("es-MX"))).link().language()).isEqualTo(Language.SPANISH);
      assertThat(f.email.delivered().get(0).language()).isEqualTo(Language.SPANISH);
    }

    @Test
    @DisplayName("an application may offer more languages")
    void offerMore() {
      AccessLinks italian = f.builder().notifier(f.email).dispatchEvery(Duration.ZERO)
          .languages(Set.of(Language.ENGLISH, Language.of("it"))).build();
      assertThat(italian.send(email().withLanguage(Language.of("it"))).link().language())
          .isEqualTo(Language.of("it"));
    }
  }
}
