package dev.accesslink.email;

import static dev.accesslink.email.TestMessages.T0;
import static dev.accesslink.email.TestMessages.message;
import static dev.accesslink.email.TestMessages.occurrences;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkUrl;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.LinkMessage;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("the standard e-mail template")
class StandardEmailTemplateTest {
  private final EmailTemplate template = EmailTemplate.standard();

  @Nested
  @DisplayName("describes the validity window in the organization's zone")
  class Window {
    final ZoneId berlin = ZoneId.of("Europe/Berlin");

    @Test
    @DisplayName("open on both ends: valid at once, never expires")
    void open() {
      assertThat(StandardEmailTemplate.describe(ValidityWindow.always(), berlin))
          .isEqualTo("valid at once, never expires");
    }

    @Test
    @DisplayName("a start only")
    void startOnly() {
      assertThat(StandardEmailTemplate.describe(ValidityWindow.startingAt(T0), berlin))
          .isEqualTo("valid from Sunday 15 March 2026, 13:00 (Europe/Berlin, UTC+01:00), never expires");
    }

    @Test
    @DisplayName("an end only, across a daylight-saving change")
    void endOnly() {
      assertThat(StandardEmailTemplate.describe(
              ValidityWindow.endingAt(T0.plus(Duration.ofDays(30))), berlin))
          .isEqualTo("valid at once, until Tuesday 14 April 2026, 14:00 (Europe/Berlin, UTC+02:00)");
    }

    @Test
    @DisplayName("both ends, in UTC and in a fixed offset")
    void both() {
      ValidityWindow w = ValidityWindow.between(T0, T0.plus(Duration.ofHours(3)));
      assertThat(StandardEmailTemplate.describe(w, ZoneOffset.UTC))
          .isEqualTo("valid from Sunday 15 March 2026, 12:00 (UTC) until Sunday 15 March 2026, 15:00 (UTC)");
      assertThat(StandardEmailTemplate.describe(w, ZoneId.of("UTC")))
          .isEqualTo("valid from Sunday 15 March 2026, 12:00 (UTC) until Sunday 15 March 2026, 15:00 (UTC)");
      assertThat(StandardEmailTemplate.describe(w, ZoneOffset.ofHours(-5)))
          .startsWith("valid from Sunday 15 March 2026, 07:00 (UTC-05:00) until");
    }
  }

  @Test
  @DisplayName("the link is once in the text; in the HTML as a button and as text beside the QR code")
  void linkOnce() {
    LinkMessage m = message("ada@example.com");
    RenderedEmail r = template.render(m);
    String url = m.url().reveal();
    assertThat(occurrences(r.text(), url)).isEqualTo(1);
    assertThat(occurrences(r.html(), url)).isEqualTo(2);
    assertThat(r.html()).contains("<a href=\"" + url + "\"");
    assertThat(r.subject()).doesNotContain(url);
    assertThat(r.toString()).doesNotContain(url);
  }

  @Test
  @DisplayName("a link with markup characters is escaped in the href, and a non-web URL is never clickable")
  void hostileUrl() {
    SecureRandom random = new SecureRandom();
    LinkMessage odd = new LinkMessage(AccessLinkId.generate(T0, random), "Acme", Recipient.email("Ada", "ada@example.com"),
        "G", List.of(), ValidityWindow.always(), ZoneOffset.UTC,
        AccessLinkUrl.of(URI.create("https://acme.example/l?a=1&b=%22x%22"), LinkSecret.generate(random)),
        AdminId.of("alice"));
    String html = template.render(odd).html();
    assertThat(html).contains("href=\"https://acme.example/l?a=1&amp;b=%22x%22/");

    LinkMessage js = new LinkMessage(AccessLinkId.generate(T0, random), "Acme", Recipient.email("Ada", "ada@example.com"),
        "G", List.of(), ValidityWindow.always(), ZoneOffset.UTC,
        AccessLinkUrl.of(URI.create("javascript:alert(1)//"), LinkSecret.generate(random)),
        AdminId.of("alice"));
    assertThat(template.render(js).html()).doesNotContain("href=").contains("<code>javascript:alert(1)//");
  }

  @Test
  @DisplayName("the subject is one line and bounded; many doors are summarized")
  void bounded() {
    List<String> doors = IntStream.rangeClosed(1, 25).mapToObj(i -> "Door " + i).toList();
    RenderedEmail r = template.render(message("ada@example.com", "Ada", "Org\r\n" + "O".repeat(500),
        "Group\n" + "G".repeat(500), doors, ValidityWindow.always(), ZoneOffset.UTC));
    assertThat(r.subject()).doesNotContain("\r", "\n").hasSizeLessThanOrEqualTo(150)
        .startsWith("Your access link for Group GGG").contains("\u2026 at Org OOO");
    assertThat(r.text()).contains("  - Door 20\n", "  - and 5 more\n").doesNotContain("Door 21");
    assertThat(r.html()).contains("<li>and 5 more</li>");
  }

  @Test
  @DisplayName("a group without doors says so instead of an empty list")
  void noDoors() {
    RenderedEmail r = template.render(message("ada@example.com", "Ada", "Acme", "Empty", List.of(),
        ValidityWindow.always(), ZoneOffset.UTC));
    assertThat(r.text()).contains("(no doors are in this group yet)");
    assertThat(r.html()).contains("<li>(no doors are in this group yet)</li>");
  }

  @Test
  @DisplayName("escapeHtml escapes the five markup characters")
  void escape() {
    assertThat(EmailTemplate.escapeHtml("<a href=\"x\">'&'</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  }
}
