package dev.accesslink.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Language and the issuer's display name")
class LanguageTest {
  @Test
  @DisplayName("a tag is normalized")
  void normalized() {
    assertThat(Language.of(" ES ")).isEqualTo(Language.SPANISH);
    assertThat(Language.of("pt_br").tag()).isEqualTo("pt-BR");
    assertThat(Language.of("de").locale()).isEqualTo(Locale.GERMAN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "e", "english", "es-", "es-MEX", "<b>", "e s", "1234"})
  @DisplayName("a malformed tag is language.unsupported")
  void malformed(String tag) {
    assertThatThrownBy(() -> Language.of(tag)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.code()).isEqualTo("language.unsupported"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u202Ees<b>", "e\u0000s", "\uD800es", "es\u200B", "\u00E9s"})
  @DisplayName("the refusal's message shows only printable ASCII of the tag (no bidi override, control or half pair)")
  void messageIsSafe(String tag) {
    assertThatThrownBy(() -> Language.of(tag)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.getMessage()).matches("[\\x20-\\x7E]*"));
  }

  @Test
  @DisplayName("a well-formed tag outside the offered set is language.unsupported")
  void notOffered() {
    assertThat(Language.FRENCH.requireOneOf(Language.BUILT_IN)).isEqualTo(Language.FRENCH);
    assertThatThrownBy(() -> Language.of("it").requireOneOf(Language.BUILT_IN))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.code()).isEqualTo("language.unsupported"));
    assertThat(Language.of("it").requireOneOf(Set.of(Language.ENGLISH, Language.of("it")))).isNotNull();
  }

  @Test
  @DisplayName("a region that is not offered falls back to its language when that is offered")
  void regionFallsBack() {
    assertThat(Language.of("es-ES").requireOneOf(Language.BUILT_IN)).isEqualTo(Language.SPANISH);
    assertThat(Language.of("de_at").requireOneOf(Language.BUILT_IN)).isEqualTo(Language.GERMAN);
    Language brazilian = Language.of("pt-BR");
    assertThat(brazilian.requireOneOf(Set.of(Language.of("pt"), brazilian))).isEqualTo(brazilian);
    assertThat(brazilian.requireOneOf(Set.of(Language.of("pt")))).isEqualTo(Language.of("pt"));
    assertThatThrownBy(() -> Language.of("it-IT").requireOneOf(Language.BUILT_IN))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.code()).isEqualTo("language.unsupported");
          assertThat(e.getMessage()).contains("it-IT");
        });
    // a region-less tag never widens to a regional one
    assertThatThrownBy(() -> Language.of("pt").requireOneOf(Set.of(brazilian)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  @DisplayName("an issuer name is stripped; blank is none")
  void issuerName() {
    assertThat(AccessLink.checkIssuerName("  Grace Hopper ")).isEqualTo("Grace Hopper");
    assertThat(AccessLink.checkIssuerName("  ")).isNull();
    assertThat(AccessLink.checkIssuerName(null)).isNull();
    assertThat(AccessLink.checkIssuerName("Zoë O\u2019Brien \uD83D\uDC69\u200D\uD83D\uDD2C")).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Grace\nHopper|control_characters", "Grace\u0000|control_characters",
      "Grace\u2028Hopper|control_characters", "Grace \u202EreppoH|bidi_controls",
      "Gr\u200Bace|zero_width", "Grace\uFEFF Hopper|zero_width", "\u200D\u200C|invisible",
      "Grace\uD800|unpaired_surrogate"})
  @DisplayName("an issuer name with control, bidi or zero-width characters is a typed error")
  void badIssuerName(String row) {
    String[] parts = row.split("\\|");
    assertThatThrownBy(() -> AccessLink.checkIssuerName(parts[0]))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.code()).isEqualTo("issuer.name." + parts[1]);
          assertThat(e.field()).isEqualTo("issuerName");
        });
  }

  @Test
  @DisplayName("an issuer name longer than 200 characters is a typed error")
  void tooLong() {
    assertThatThrownBy(() -> AccessLink.checkIssuerName("x".repeat(201)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.code()).isEqualTo("issuer.name.too_long"));
  }
}
