package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.Language;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("the visitor page's texts")
class VisitorTextsTest {
  final VisitorTexts texts = new VisitorTexts(VisitorTexts.BUILT_IN);

  @ParameterizedTest
  @ValueSource(strings = {"es", "fr", "de"})
  @DisplayName("every built-in language has every English key, and no other")
  void complete(String tag) throws Exception {
    assertThat(keys("visitor_" + tag)).isEqualTo(keys("visitor"));
  }

  @Test
  @DisplayName("a language without a bundle gets English, key by key, never a key's name")
  void fallback() {
    Map<String, String> italian = texts.page(Language.of("it"));
    assertThat(italian).isEqualTo(texts.page(Language.ENGLISH));
    assertThat(italian.get("greeting")).isEqualTo("Hello, {name}");
    assertThat(italian.values()).noneMatch(v -> italian.containsKey(v));
  }

  @Test
  @DisplayName("dates are in the language's words and the organization's zone")
  void dates() {
    Instant at = Instant.parse("2035-03-15T12:00:00Z");
    assertThat(texts.when(Language.FRENCH, at, ZoneId.of("Europe/Paris")))
        .isEqualTo("jeudi 15 mars 2035, 13:00 (Europe/Paris)");
    assertThat(texts.when(Language.SPANISH, at, ZoneId.of("America/Mexico_City")))
        .isEqualTo("jueves 15 de marzo de 2035, 06:00 (America/Mexico_City)");
  }

  private static Set<Object> keys(String file) throws Exception {
    Properties p = new Properties();
    try (InputStream in = VisitorTexts.class.getResourceAsStream(file + ".properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p.keySet();
  }
}
