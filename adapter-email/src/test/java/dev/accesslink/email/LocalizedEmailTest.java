package dev.accesslink.email;

import static dev.accesslink.email.TestMessages.T0;
import static dev.accesslink.email.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.Translations;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("the standard e-mail in the link's language, naming its sender")
class LocalizedEmailTest {
  final EmailTemplate template = EmailTemplate.standard();

  static LinkMessage inBerlin(Language language) {
    return message("ada@example.com", "Ada Lovelace", "Acme HQ", "Visitors", List.of("Front door"),
        ValidityWindow.between(T0, T0.plus(Duration.ofDays(2))), ZoneId.of("Europe/Berlin"))
        .withIssuerName("Grace Hopper").inLanguage(language);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "en|Grace Hopper of Acme HQ has sent you|Your access link for Visitors at Acme HQ|Sunday 15 March 2026, 13:00 (Europe/Berlin, UTC+01:00)",
      "es|Grace Hopper de Acme HQ te ha enviado|Tu enlace de acceso para Visitors en Acme HQ|domingo 15 de marzo de 2026, 13:00 (Europe/Berlin, UTC+01:00)",
      "fr|Grace Hopper (Acme HQ) vous a envoyé|Votre lien d'accès pour Visitors à Acme HQ|dimanche 15 mars 2026, 13:00 (Europe/Berlin, UTC+01:00)",
      "de|Grace Hopper von Acme HQ hat Ihnen|Ihr Zugangslink für Visitors bei Acme HQ|Sonntag, 15. März 2026, 13:00 (Europe/Berlin, UTC+01:00)"})
  @DisplayName("is written in the language, with dates in its words and the organization's zone")
  void inLanguage(String tag, String intro, String subject, String start) {
    RenderedEmail r = template.render(inBerlin(Language.of(tag)));

    assertThat(r.subject()).isEqualTo(subject);
    assertThat(r.text()).contains(intro, start);
    assertThat(r.html()).contains("<html lang=\"" + tag + "\">").contains(start);
    assertThat(r.text() + r.html()).as("no id, no unfilled placeholder, no MessageFormat quote left")
        .doesNotContain("alice@acme.example", "{0}", "{1}").doesNotContainPattern("[^']'[^'\\s]*''");
  }

  @Test
  @DisplayName("without a sender's name it names the organization alone, never the administrator's id")
  void noSenderName() {
    RenderedEmail r = template.render(message("ada@example.com").withIssuerName(null));
    assertThat(r.text()).contains("Acme HQ has sent you an access link")
        .contains("Sent on behalf of Acme HQ, who entered your address.")
        .doesNotContain("alice@acme.example");
    assertThat(r.html()).doesNotContain("alice@acme.example");
  }

  @Test
  @DisplayName("escapes the sender's name in the HTML body")
  void senderEscaped() {
    RenderedEmail r = template.render(inBerlin(Language.ENGLISH).withIssuerName("<b>Grace</b> & Co"));
    assertThat(r.html()).contains("&lt;b&gt;Grace&lt;/b&gt; &amp; Co of Acme HQ").doesNotContain("<b>Grace");
    assertThat(r.text()).contains("<b>Grace</b> & Co of Acme HQ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"es", "fr", "de"})
  @DisplayName("every built-in language has every English key, and no other")
  void bundlesComplete(String tag) throws Exception {
    assertThat(keys("messages_" + tag)).isEqualTo(keys("messages"));
  }

  @Test
  @DisplayName("a product's bundle overrides a text and adds a language; a missing key falls back to English, not to its name")
  void productBundle() {
    Translations acme = EmailTemplate.builtInTranslations()
        .withOverrides("com.acme.mail", LocalizedEmailTest.class.getClassLoader());
    EmailTemplate custom = EmailTemplate.standard(acme);

    RenderedEmail italian = custom.render(inBerlin(Language.of("it")));
    assertThat(italian.text()).startsWith("Ciao Ada Lovelace,")
        .contains("Grace Hopper of Acme HQ has sent you", "Keep this link to yourself")
        .doesNotContain("keep.secret", "intro");
    assertThat(italian.html()).contains("<html lang=\"it\">");

    RenderedEmail spanish = custom.render(inBerlin(Language.SPANISH));
    assertThat(spanish.html()).contains("Abrir las puertas de Acme").contains("te ha enviado");
  }

  private static Set<Object> keys(String file) throws Exception {
    Properties p = new Properties();
    try (InputStream in = LocalizedEmailTest.class.getResourceAsStream(file + ".properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p.keySet();
  }
}
