package dev.accesslink.core.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.Language;
import java.util.Locale;
import java.util.MissingResourceException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Translations from resource bundles")
class TranslationsTest {
  final ClassLoader loader = TranslationsTest.class.getClassLoader();
  final Translations builtIn = Translations.of("dev.accesslink.core.port.out.builtin", loader);
  final Translations product = builtIn.withOverrides("dev.accesslink.core.port.out.product", loader);

  @Test
  @DisplayName("reads a language's UTF-8 text and fills in arguments")
  void inLanguage() {
    assertThat(builtIn.format(Language.SPANISH, "greeting", "Ada")).isEqualTo("Hola Ada");
    assertThat(builtIn.text(Language.SPANISH, "farewell")).isEqualTo("Adiós");
    assertThat(builtIn.text(Language.of("es-MX"), "farewell")).as("a region falls back to its language")
        .isEqualTo("Adiós");
  }

  @Test
  @DisplayName("a key missing in a language falls back to English, never to the key's name")
  void missingKeyFallsBackToEnglish() {
    assertThat(builtIn.text(Language.SPANISH, "only.english")).isEqualTo("Only in English");
    assertThat(builtIn.text(Language.GERMAN, "farewell")).as("a language without a bundle").isEqualTo("Goodbye");
  }

  @Test
  @DisplayName("the JVM's default locale plays no part")
  void defaultLocaleIgnored() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("es"));
      assertThat(builtIn.text(Language.FRENCH, "farewell")).isEqualTo("Goodbye");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  @DisplayName("a product's bundle overrides per language and adds languages, but its English never hides a built-in translation")
  void overrides() {
    assertThat(product.text(Language.SPANISH, "farewell")).isEqualTo("Hasta luego");
    assertThat(product.format(Language.ENGLISH, "greeting", "Ada")).isEqualTo("Welcome Ada");
    assertThat(product.format(Language.SPANISH, "greeting", "Ada")).isEqualTo("Hola Ada");
    assertThat(product.format(Language.of("it"), "greeting", "Ada")).isEqualTo("Ciao Ada");
    assertThat(product.text(Language.of("it"), "farewell")).isEqualTo("Goodbye");
  }

  @Test
  @DisplayName("a key no bundle has is a programming error, not a key name in a message")
  void unknownKey() {
    assertThatThrownBy(() -> product.text(Language.SPANISH, "no.such.key"))
        .isInstanceOf(MissingResourceException.class);
  }
}
