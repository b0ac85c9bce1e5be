package dev.accesslink.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.accesslink.core.port.out.AddressCheck;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("e-mail address corpus: each input gives a normalized address or a stable code")
class EmailAddressCorpusTest {
  private static final EmailLinkNotifier NOTIFIER = EmailLinkNotifier.create(
      SmtpSettings.builder().host("smtp.example.com").fromAddress("access@acme.example").build());

  /** Valid: input and its normalized form. */
  static Stream<Arguments> valid() {
    return Stream.of(
        arguments("jane@example.com", "jane@example.com"),
        arguments("  Jane.Doe@Example.COM  ", "Jane.Doe@example.com"),
        arguments("JANE@EXAMPLE.COM", "JANE@example.com"),
        arguments("jane+tag@example.co.uk", "jane+tag@example.co.uk"),
        arguments("o'brien@example.ie", "o'brien@example.ie"),
        arguments("a{b}|c~d!#$%&*/=?^_`-x@example.com", "a{b}|c~d!#$%&*/=?^_`-x@example.com"),
        arguments("1234@123.example", "1234@123.example"),
        arguments("x@a.io", "x@a.io"),
        arguments("first.last@sub.domain.example", "first.last@sub.domain.example"),
        arguments("user@münchen.de", "user@xn--mnchen-3ya.de"),
        arguments("user@BÜCHER.example", "user@xn--bcher-kva.example"),
        arguments("user@例え.jp", "user@xn--r8jz45g.jp"),
        arguments("user@example。com", "user@example.com"),
        arguments("user@XN--MNCHEN-3YA.DE", "user@xn--mnchen-3ya.de"),
        arguments("a".repeat(64) + "@example.com", "a".repeat(64) + "@example.com"),
        arguments("j@" + ("a".repeat(63) + ".").repeat(3) + "a".repeat(56),
            "j@" + ("a".repeat(63) + ".").repeat(3) + "a".repeat(56)));
  }

  /** Invalid and hostile: input and the expected code. */
  static Stream<Arguments> invalid() {
    return Stream.of(
        arguments("", "email.blank"),
        arguments("   ", "email.blank"),
        arguments("\t\n", "email.blank"),
        arguments("jane@example.com\r\nBcc: victim@example.com", "email.control_characters"),
        arguments("jane@example.com\n", "email.control_characters"),
        arguments("\rjane@example.com", "email.control_characters"),
        arguments("jane\u0000@example.com", "email.control_characters"),
        arguments("jane@example.com\u0007", "email.control_characters"),
        arguments("jane\u0085@example.com", "email.control_characters"),
        arguments("jane@exam\u200Bple.com", "email.control_characters"),
        arguments("jane@example.com\u202Emoc.live", "email.control_characters"),
        arguments("jane@example.com\u2028", "email.control_characters"),
        arguments("x".repeat(10_000), "email.too_long"),
        arguments("a".repeat(250) + "@example.com", "email.too_long"),
        arguments("jane@example.com".repeat(50), "email.too_long"),
        arguments("Jane Doe <jane@example.com>", "email.display_name"),
        arguments("<jane@example.com>", "email.display_name"),
        arguments("\"Jane\" <jane@example.com>", "email.display_name"),
        arguments("jane@example.com, joe@example.com", "email.multiple"),
        arguments("jane@example.com;joe@example.com", "email.multiple"),
        arguments("jane@example.com joe@example.com", "email.multiple"),
        arguments("janeexample.com", "email.syntax"),
        arguments("jane@@example.com", "email.syntax"),
        arguments("jane@ex@ample.com", "email.syntax"),
        arguments("@example.com", "email.syntax"),
        arguments("jane@", "email.syntax"),
        arguments("jane doe@example.com", "email.syntax"),
        arguments("jane@exa mple.com", "email.syntax"),
        arguments("jane@example.com\u00A0x", "email.syntax"),
        arguments(".jane@example.com", "email.syntax"),
        arguments("jane.@example.com", "email.syntax"),
        arguments("ja..ne@example.com", "email.syntax"),
        arguments("jane(comment)@example.com", "email.syntax"),
        arguments("mailto:jane@example.com", "email.syntax"),
        arguments("jane,@example.com", "email.syntax"),
        arguments("\"jane\"@example.com", "email.local_part.quoted"),
        arguments("\"jane@doe\"@example.com", "email.local_part.quoted"),
        arguments("jürgen@example.com", "email.local_part.non_ascii"),
        arguments("李@example.com", "email.local_part.non_ascii"),
        arguments("a".repeat(65) + "@example.com", "email.local_part.too_long"),
        arguments("jane@localhost", "email.domain.not_dotted"),
        arguments("jane@example", "email.domain.not_dotted"),
        arguments("a@b", "email.domain.not_dotted"),
        arguments("jane@[192.0.2.1]", "email.domain.literal"),
        arguments("jane@[IPv6:2001:db8::1]", "email.domain.literal"),
        arguments("jane@192.0.2.1", "email.domain.syntax"),
        arguments("jane@-example.com", "email.domain.syntax"),
        arguments("jane@example-.com", "email.domain.syntax"),
        arguments("jane@exa_mple.com", "email.domain.syntax"),
        arguments("jane@example..com", "email.domain.syntax"),
        arguments("jane@.example.com", "email.domain.syntax"),
        arguments("jane@example.com.", "email.domain.syntax"),
        arguments("jane@exa!mple.com", "email.domain.syntax"),
        arguments("jane@" + "a".repeat(64) + ".com", "email.domain.label_too_long"),
        arguments("j@" + ("ü".repeat(55) + "a.").repeat(4) + "de", "email.domain.too_long"),
        arguments("jane@faß.de", "email.domain.idn"),
        arguments("jane@" + "ü".repeat(60) + ".de", "email.domain.idn"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("valid")
  @DisplayName("valid addresses are normalized")
  void acceptsValid(String raw, String normalized) {
    assertThat(NOTIFIER.normalize(raw)).isEqualTo(AddressCheck.valid(normalized));
    // idempotent: the normalized form is a fixed point
    assertThat(NOTIFIER.normalize(normalized)).isEqualTo(AddressCheck.valid(normalized));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("invalid")
  @DisplayName("invalid and hostile addresses are refused with a code")
  void refusesInvalid(String raw, String code) {
    AddressCheck check = NOTIFIER.normalize(raw);
    assertThat(check).isInstanceOf(AddressCheck.Invalid.class);
    AddressCheck.Invalid invalid = (AddressCheck.Invalid) check;
    assertThat(invalid.code()).isEqualTo(code);
    assertThat(invalid.message()).isNotBlank();
    if (!raw.isBlank()) {
      assertThat(invalid.message()).as("the message does not echo the input").doesNotContain(raw.strip());
    }
  }

  @Test
  @DisplayName("never throws, and every result is valid-and-idempotent or a dotted code (random input)")
  void neverThrows() {
    SplittableRandom random = new SplittableRandom(20260315);
    String alphabet = "aZ09.@-_+\"<>,; \t\r\n\u0000()[]:\\üß例\u200B\u202E。";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(40);
      for (int j = 0; j < len; j++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String raw = b.toString();
      assertThatCode(() -> NOTIFIER.normalize(raw)).doesNotThrowAnyException();
      AddressCheck check = NOTIFIER.normalize(raw);
      if (check instanceof AddressCheck.Valid valid) {
        assertThat(NOTIFIER.normalize(valid.normalized())).isEqualTo(check);
      } else {
        assertThat(((AddressCheck.Invalid) check).code()).matches("email(\\.[a-z_]+)+");
      }
    }
  }

  @Test
  @DisplayName("null is refused as blank rather than thrown")
  void nullIsBlank() {
    assertThat(EmailAddresses.normalize(null)).isEqualTo(
        AddressCheck.invalid("email.blank", "Enter an e-mail address."));
  }
}
