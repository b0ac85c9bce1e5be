package dev.accesslink.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.port.out.LinkMessage;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("SmsTemplate: short, GSM-7 where possible, one or two segments")
class SmsTemplateTest {
  private final SmsTemplate standard = SmsTemplate.standard();

  @Nested
  @DisplayName("the standard template")
  class Standard {
    @Test
    void greetsByFirstNameAndCarriesTheUrl() {
      LinkMessage m = Messages.to("+12025550123");
      String body = standard.render(m);
      assertThat(body).isEqualTo("Acme HQ: Hi Jane, your access link: " + m.url().reveal());
      assertThat(SmsText.isGsm7(body)).isTrue();
      assertThat(SmsText.segments(body)).isEqualTo(1);
    }

    @ParameterizedTest(name = "[{index}] {0} / {1} -> GSM-7 {2}, {3} segment(s)")
    @CsvSource(
        delimiter = '|',
        value = {
          "Acme HQ                       | Jane Doe             | true  | 1",
          "Bäckerei Müller               | Jörg Schäfer         | true  | 1",
          "Café “Le Coin” – Montréal     | François Lefèvre     | true  | 1",
          "St. Mary’s Hospital — East Wing | Siobhán O’Connor   | true  | 1",
          "Warehouse 7                   | Łukasz Żółć          | true  | 1",
          "Sunrise Dental                | 李小龍                | false | 2",
          "Sunrise Dental                | Ана Иванова          | false | 2",
          "Sunrise Dental 🦷              | Ana                  | true  | 1",
        })
    void typicalInputsFitTwoSegments(String org, String name, boolean gsm7, int segments) {
      String body = standard.render(Messages.message(org, name, "+12025550123"));
      assertThat(SmsText.isGsm7(body)).as(body).isEqualTo(gsm7);
      assertThat(SmsText.segments(body)).as(body).isEqualTo(segments);
    }

    @Test
    void longNamesAreShortenedButTheUrlIsKept() {
      LinkMessage m =
          Messages.message(
              "The Very Long Name of an Organization With Many Buildings Incorporated",
              "Maximiliana Theodora Wilhelmina von und zu Hohenzollern-Sigmaringen",
              "+12025550123");
      String body = standard.render(m);
      assertThat(body).endsWith(m.url().reveal()).startsWith("The Very Long Name");
      assertThat(SmsText.segments(body)).isLessThanOrEqualTo(2);
    }

    @Test
    void nonGsmLongNamesAreShortenedToTwoUcs2Segments() {
      LinkMessage m =
          Messages.message("東京国際フォーラム ホールA 受付センター", "山田 太郎", "+12025550123");
      String body = standard.render(m);
      assertThat(SmsText.isGsm7(body)).isFalse();
      assertThat(SmsText.segments(body)).isLessThanOrEqualTo(2);
      assertThat(body).contains(m.url().reveal());
    }

    @Test
    void aVeryLongBaseUrlIsNeverCut() {
      URI base = URI.create("https://access.example.com/" + "x".repeat(300) + "/");
      LinkMessage m = Messages.message("Acme", "Jane", "+12025550123", base);
      assertThat(standard.render(m)).contains(m.url().reveal());
    }

    @Test
    void controlCharactersInValuesAreStripped() {
      LinkMessage m = Messages.message("Acme\r\nHQ\u0007", "Jane\u200BDoe", "+12025550123"); // names refuse bidi controls since issue 14; format characters still reach the template
      String body = standard.render(m);
      assertThat(body).isEqualTo("Acme HQ: Hi Jane, your access link: " + m.url().reveal());
      assertThat(SmsText.isGsm7(body)).isTrue();
    }
  }

  @Nested
  @DisplayName("a pattern")
  class Patterns {
    @Test
    void supportsEveryPlaceholder() {
      LinkMessage m = Messages.to("+12025550123");
      String body = SmsTemplate.of("{name} ({group}) at {org}:\n{url}").render(m);
      assertThat(body).isEqualTo("Jane Doe (Visitors) at Acme HQ:\n" + m.url().reveal());
      assertThat(SmsText.isGsm7(body)).isTrue();
    }

    @Test
    void mustContainTheUrl() {
      assertThatThrownBy(() -> SmsTemplate.of("Hi {firstName}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("{url}");
    }

    @Test
    void refusesUnknownPlaceholders() {
      assertThatThrownBy(() -> SmsTemplate.of("Hi {first_name} {url}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("{first_name}");
    }

    @Test
    void toStringShowsThePatternOnly() {
      assertThat(SmsTemplate.of("{org} {url}")).hasToString("SmsTemplate[{org} {url}]");
    }
  }

  @Nested
  @DisplayName("segment counting (GSM 03.38)")
  class Segments {
    @Test
    void gsm7Limits() {
      assertThat(SmsText.segments("a".repeat(160))).isEqualTo(1);
      assertThat(SmsText.segments("a".repeat(161))).isEqualTo(2);
      assertThat(SmsText.segments("a".repeat(306))).isEqualTo(2);
      assertThat(SmsText.segments("a".repeat(307))).isEqualTo(3);
    }

    @Test
    void extensionCharactersCountTwice() {
      assertThat(SmsText.isGsm7("€[]")).isTrue();
      assertThat(SmsText.segments("€".repeat(80))).isEqualTo(1);
      assertThat(SmsText.segments("€".repeat(81))).isEqualTo(2);
    }

    @Test
    void ucs2Limits() {
      assertThat(SmsText.isGsm7("ç")).isFalse();
      assertThat(SmsText.segments("ж".repeat(70))).isEqualTo(1);
      assertThat(SmsText.segments("ж".repeat(71))).isEqualTo(2);
      assertThat(SmsText.segments("ж".repeat(134))).isEqualTo(2);
      assertThat(SmsText.segments("ж".repeat(135))).isEqualTo(3);
    }

    @Test
    void cleanValueKeepsGsmWherePossible() {
      assertThat(SmsText.cleanValue("“Café” – çà")).isEqualTo("\"Café\" - cà");
      assertThat(SmsText.cleanValue("a\u00a0b\tc\nd")).isEqualTo("a b c d");
    }
  }
}
