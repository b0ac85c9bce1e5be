package dev.accesslink.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.port.out.AddressCheck;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PhoneNumbers: libphonenumber rules for US, CA and PR")
class PhoneNumbersTest {
  private final PhoneNumbers numbers = PhoneNumbers.defaultRegions();

  private static String valid(AddressCheck check) {
    assertThat(check).isInstanceOf(AddressCheck.Valid.class);
    return ((AddressCheck.Valid) check).normalized();
  }

  private static String code(AddressCheck check) {
    assertThat(check).isInstanceOf(AddressCheck.Invalid.class);
    return ((AddressCheck.Invalid) check).code();
  }

  @Nested
  @DisplayName("accepts numbers of the United States, Canada and Puerto Rico, as people write them")
  class Accepted {
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "(202) 555-0123         | +12025550123",
          "202.555.0123           | +12025550123",
          "202-555-0123           | +12025550123",
          "2025550123             | +12025550123",
          "12025550123            | +12025550123",
          "1-202-555-0123         | +12025550123",
          "1 (202) 555-0123       | +12025550123",
          "+1 202 555 0123        | +12025550123",
          "+1-202-555-0123        | +12025550123",
          "+12025550123           | +12025550123",
          "'  +1 (202) 555 0123  '| +12025550123",
          "011 1 202 555 0123     | +12025550123",
          "tel:+1-202-555-0123    | +12025550123",
          "(212) 555-1234         | +12125551234",
          "+1 (416) 555-0199      | +14165550199",
          "604-555-0142           | +16045550142",
          "1 613 555 0123         | +16135550123",
          "(787) 555-0123         | +17875550123",
          "787.555.0123           | +17875550123",
          "+1 939 555 0123        | +19395550123",
          "１２０２５５５０１２３       | +12025550123",
        })
    void normalizesToE164(String raw, String e164) {
      assertThat(valid(numbers.check(raw))).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+12025550123", "+14165550199", "+17875550123"})
    void isIdempotent(String e164) {
      String once = valid(numbers.check(e164));
      assertThat(valid(numbers.check(once))).isEqualTo(once).isEqualTo(e164);
    }
  }

  @Nested
  @DisplayName("refuses other +1 regions by region, not by prefix")
  class OtherRegions {
    @ParameterizedTest(name = "[{index}] \"{0}\" is in {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "+1 876 555 0123     | Jamaica",
          "(876) 927-1234      | Jamaica",
          "+1 809 221 1234     | Dominican Republic",
          "1-829-555-0123      | Dominican Republic",
          "+1 671 472 1234     | Guam",
          "+1 340 774 1234     | U.S. Virgin Islands",
          "+44 20 7946 0958    | United Kingdom",
          "011 44 20 7946 0958 | United Kingdom",
        })
    void refused(String raw, String regionName) {
      AddressCheck check = numbers.check(raw);
      assertThat(code(check)).isEqualTo("phone.region.not_allowed");
      assertThat(((AddressCheck.Invalid) check).message())
          .contains(regionName)
          .contains("United States", "Canada", "Puerto Rico");
    }

    @Test
    void anAllowedRegionCanBeAdded() {
      PhoneNumbers withVirginIslands = PhoneNumbers.allowing(Set.of("US", "CA", "PR", "vi"));
      assertThat(valid(withVirginIslands.check("+1 340 774 1234"))).isEqualTo("+13407741234");
      assertThat(code(withVirginIslands.check("+1 876 927 1234")))
          .isEqualTo("phone.region.not_allowed");
    }

    @Test
    void regionsCanBeNarrowed() {
      PhoneNumbers usOnly = PhoneNumbers.allowing(Set.of("US"));
      assertThat(code(usOnly.check("(787) 555-0123"))).isEqualTo("phone.region.not_allowed");
      assertThat(code(usOnly.check("+1 416 555 0199"))).isEqualTo("phone.region.not_allowed");
    }

    @Test
    void unknownRegionCodesAreAConfigurationError() {
      assertThatThrownBy(() -> PhoneNumbers.allowing(Set.of("XX")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> PhoneNumbers.allowing(Set.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("refuses everything else with a typed code")
  class Refused {
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "1-800-234-5678            | phone.type.not_sms_capable",
          "(888) 555-0123            | phone.type.not_sms_capable",
          "+1 888 234 5678           | phone.type.not_sms_capable",
          "+1 877 234 5678           | phone.type.not_sms_capable",
          "+1 900 234 5678           | phone.type.not_sms_capable",
          "202-555-0123 ext. 12      | phone.extension",
          "202-555-0123 x12          | phone.extension",
          "+1 202 555 0123 #77       | phone.extension",
          "202 555 0123;ext=5        | phone.extension",
          "1-800-FLOWERS             | phone.letters",
          "202-555-CALL              | phone.letters",
          "hello                     | phone.invalid",
          "n/a                       | phone.invalid",
          "12                        | phone.invalid",
          "555-0123                  | phone.invalid",
          "+1 123 456 7890           | phone.invalid",
          "(202) 055-0123            | phone.invalid",
          "+44 7700 900123           | phone.invalid",
          "+1 202 555 01234567       | phone.too_long",
          "12345678901234567890      | phone.too_long",
          "''                        | phone.blank",
          "'   '                     | phone.blank",
        })
    void refusedWithCode(String raw, String expectedCode) {
      assertThat(code(numbers.check(raw))).isEqualTo(expectedCode);
    }

    @Test
    void hostileInputIsRefusedNotThrown() {
      assertThat(code(numbers.check("202-555-0123\r\nBcc: x"))).isEqualTo("phone.invalid");
      assertThat(code(numbers.check("202\u0000555\u00000123"))).isEqualTo("phone.invalid");
      assertThat(code(numbers.check("202\u2028555 0123"))).isEqualTo("phone.invalid");
      assertThat(code(numbers.check("202-555-0123\n"))).isEqualTo("phone.invalid");
      assertThat(code(numbers.check("\t202-555-0123"))).isEqualTo("phone.invalid");
      assertThat(code(numbers.check("1".repeat(100_000)))).isEqualTo("phone.too_long");
      assertThat(code(numbers.check(null))).isEqualTo("phone.blank");
    }

    @Test
    void messagesDoNotQuoteTheInput() {
      AddressCheck check = numbers.check("hello <script>");
      assertThat(((AddressCheck.Invalid) check).message()).doesNotContain("<script>");
    }
  }
}
