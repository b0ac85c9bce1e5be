package dev.accesslink.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.Language;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.Translations;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("the SMS in the link's language, naming its sender, and its segment count")
class LocalizedSmsTest {
  final SmsTemplate standard = SmsTemplate.standard();

  static LinkMessage named(String tag, String name) {
    return Messages.message("Demo HQ", name, "+12025550123").withIssuerName("Grace Hopper").inLanguage(Language.of(tag));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "en|Demo HQ: Hi Ada, Grace Hopper sent you an access link: ",
      "es|Demo HQ: Hola Ada, Grace Hopper te ha enviado un enlace de acceso: ",
      "fr|Demo HQ : Bonjour Ada, Grace Hopper vous a envoyé un lien d'accès : ",
      "de|Demo HQ: Hallo Ada, Zugangslink von Grace Hopper:"})
  @DisplayName("is written in the language and fits one GSM-7 segment")
  void inLanguage(String tag, String text) {
    LinkMessage m = named(tag, "Ada Lovelace");
    String body = standard.render(m);
    assertThat(body).isEqualTo(text + " " + m.url().reveal());
    assertThat(SmsSegments.of(body)).isEqualTo(new SmsSegments(SmsSegments.Encoding.GSM_7, body.length(), 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es", "fr", "de"})
  @DisplayName("long names are shortened to keep one GSM-7 segment, the link never")
  void longNamesStayInOneSegment(String tag) {
    LinkMessage m = Messages.message("Städtisches Klinikum München-Schwabing, Haus B", "Maximiliana Theodora Wilhelmina",
        "+12025550123").withIssuerName("Françoise Dupont-Lefèvre de Saint-Exupéry").inLanguage(Language.of(tag));
    String body = standard.render(m);
    assertThat(body).endsWith(m.url().reveal());
    assertThat(SmsSegments.of(body).encoding()).isEqualTo(SmsSegments.Encoding.GSM_7);
    assertThat(SmsSegments.of(body).segments()).as(body).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es", "fr", "de"})
  @DisplayName("a name outside GSM-7 makes the whole message UCS-2 (70 units in one segment, 67 per part); names are then shortened to fit two")
  void ucs2(String tag) {
    LinkMessage m = named(tag, "Дмитрий");
    String body = standard.render(m);
    SmsSegments s = SmsSegments.of(body);
    assertThat(s.encoding()).isEqualTo(SmsSegments.Encoding.UCS_2);
    assertThat(s.units()).isEqualTo(body.length());
    assertThat(s.segments()).isEqualTo((body.length() + 66) / 67).isEqualTo(2);
    assertThat(body).contains("Дмитрий", "Grace", m.url().reveal());
  }

  @Nested
  @DisplayName("segment rules")
  class Rules {
    @Test
    @DisplayName("GSM-7: 160 septets in one segment, 153 per part; extension characters count twice")
    void gsm7() {
      assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(new SmsSegments(SmsSegments.Encoding.GSM_7, 160, 1));
      assertThat(SmsSegments.of("a".repeat(161)).segments()).isEqualTo(2);
      assertThat(SmsSegments.of("a".repeat(306)).segments()).isEqualTo(2);
      assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
      assertThat(SmsSegments.of("€".repeat(80))).isEqualTo(new SmsSegments(SmsSegments.Encoding.GSM_7, 160, 1));
      assertThat(SmsSegments.of("ñüäöéèàßÑÜ".repeat(16)).encoding()).isEqualTo(SmsSegments.Encoding.GSM_7);
    }

    @Test
    @DisplayName("UCS-2: 70 units in one segment, 67 per part")
    void ucs2Rules() {
      assertThat(SmsSegments.of("á".repeat(70))).isEqualTo(new SmsSegments(SmsSegments.Encoding.UCS_2, 70, 1));
      assertThat(SmsSegments.of("á".repeat(71)).segments()).isEqualTo(2);
      assertThat(SmsSegments.of("ç".repeat(134)).segments()).isEqualTo(2);
      assertThat(SmsSegments.of("ê".repeat(135)).segments()).isEqualTo(3);
      assertThat(SmsSegments.of("").segments()).isZero();
    }
  }

  @Test
  @DisplayName("without a sender's name the message names the organization alone")
  void anonymous() {
    LinkMessage m = Messages.message("Demo HQ", "Ada", "+12025550123").inLanguage(Language.SPANISH);
    assertThat(standard.render(m)).isEqualTo("Demo HQ: Hola Ada, tu enlace de acceso: " + m.url().reveal())
        .doesNotContain("admin-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"es", "fr", "de"})
  @DisplayName("every built-in language has every English key")
  void bundlesComplete(String tag) throws Exception {
    assertThat(keys("messages_" + tag)).isEqualTo(keys("messages"));
  }

  @Test
  @DisplayName("a product's bundle overrides and adds languages; a missing key falls back to English, never to its name")
  void productBundle() {
    Translations acme = SmsTemplate.builtInTranslations()
        .withOverrides("com.acme.sms", LocalizedSmsTest.class.getClassLoader());
    SmsTemplate custom = SmsTemplate.standard(acme);

    LinkMessage italian = named("it", "Ada");
    assertThat(custom.render(italian)).isEqualTo("Demo HQ: Ciao Ada, Grace Hopper ti ha inviato un link: "
        + italian.url().reveal());
    LinkMessage anonymousItalian = Messages.message("Demo HQ", "Ada", "+12025550123").inLanguage(Language.of("it"));
    assertThat(custom.render(anonymousItalian)).as("the Italian bundle lacks sms.anonymous")
        .isEqualTo("Demo HQ: Hi Ada, your access link: " + anonymousItalian.url().reveal());
  }

  private static Set<Object> keys(String file) throws Exception {
    Properties p = new Properties();
    try (InputStream in = SmsTemplate.class.getResourceAsStream(file + ".properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p.keySet();
  }
}
