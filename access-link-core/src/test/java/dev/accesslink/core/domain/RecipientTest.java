package dev.accesslink.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Recipient")
class RecipientTest {

  @Nested
  @DisplayName("name")
  class Name {
    @Test
    @DisplayName("is required for every channel and trimmed")
    void trimmed() {
      assertThat(Recipient.manual("  Ada Lovelace ").name()).isEqualTo("Ada Lovelace");
    }

    @ParameterizedTest(name = "[{0}] is refused with {1}")
    @CsvSource(delimiter = '|', value = {
        "''|recipient.name.blank",
        "'   '|recipient.name.blank",
        "'Ada\nBcc: x'|recipient.name.control_characters",
        "'Ada\u0000'|recipient.name.control_characters",
        "'Ada\u2028Bcc: x'|recipient.name.control_characters",
        "'Ada\u2029Smith'|recipient.name.control_characters",
        "'Ali\u202Ecod.exe'|recipient.name.bidi_controls",
        "'Ali\u2066x\u2069'|recipient.name.bidi_controls",
        "'Ada\u200F'|recipient.name.bidi_controls",
        "'\u200B\u200B'|recipient.name.invisible",
        "'\u200D\u2060\uFEFF'|recipient.name.invisible",
        "'\u3164'|recipient.name.invisible",
        "'\u00AD'|recipient.name.invisible",
        "'Ada\uD800'|recipient.name.unpaired_surrogate",
        "'\uDC00Ada'|recipient.name.unpaired_surrogate"})
    void refused(String name, String code) {
      assertThatThrownBy(() -> Recipient.manual(name))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo("recipientName");
          });
    }

    @Test
    @DisplayName("keeps names of every script, emoji sequences and joiners inside words")
    void accepted() {
      assertThat(Recipient.manual("Zoë Ødegård").name()).isEqualTo("Zoë Ødegård");
      assertThat(Recipient.manual("محمد").name()).isEqualTo("محمد");
      assertThat(Recipient.manual("👩\u200D👩\u200D👧").name()).isEqualTo("👩\u200D👩\u200D👧");
      assertThat(Recipient.manual("李\u200B小龙").name()).isEqualTo("李\u200B小龙");
    }

    @Test
    @DisplayName("has at most 200 characters, counting an emoji as one")
    void length() {
      assertThat(Recipient.manual("😀".repeat(200)).name()).hasSize(400);
      assertThatThrownBy(() -> Recipient.manual("a".repeat(201)))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("recipient.name.too_long"));
    }
  }

  @Test
  @DisplayName("EMAIL and SMS need an address; MANUAL has none")
  void addressRules() {
    assertThatThrownBy(() -> new Recipient("Ada", DeliveryChannel.EMAIL, null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("address.required"));
    assertThatThrownBy(() -> new Recipient("Ada", DeliveryChannel.SMS, " "))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("address.required"));
    assertThatThrownBy(() -> new Recipient("Ada", DeliveryChannel.MANUAL, "ada@example.com"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("address.not_applicable"));
    assertThat(Recipient.email("Ada", "ada@example.com").addressIfAny()).contains("ada@example.com");
    assertThat(Recipient.manual("Ada").addressIfAny()).isEmpty();
  }
}
