package dev.accesslink.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TwilioSettingsTest {
  private static TwilioSettings.Builder valid() {
    return TwilioSettings.builder()
        .accountSid(FakeTwilio.ACCOUNT_SID)
        .authToken(FakeTwilio.AUTH_TOKEN)
        .fromNumber("+15017122661");
  }

  @Test
  void defaultsToUsCanadaAndPuertoRico() {
    TwilioSettings s = valid().build();
    assertThat(s.allowedRegions()).containsExactlyInAnyOrder("US", "CA", "PR");
    assertThat(s.apiBaseUrl()).isEmpty();
    assertThat(s.sender()).isEqualTo(TwilioSettings.Sender.number("+15017122661"));
  }

  @Test
  void toStringNeverShowsTheCredentials() {
    TwilioSettings s = valid().statusCallbackUrl(URI.create("https://app.example.com/cb")).build();
    assertThat(s.toString())
        .doesNotContain(FakeTwilio.ACCOUNT_SID)
        .doesNotContain(FakeTwilio.AUTH_TOKEN)
        .contains("[redacted]", "+15017122661", "https://app.example.com/cb");
    assertThat(SmsLinkNotifier.create(s).toString())
        .doesNotContain(FakeTwilio.ACCOUNT_SID)
        .doesNotContain(FakeTwilio.AUTH_TOKEN);
  }

  @Test
  void malformedCredentialsAreRefusedWithoutQuotingThem() {
    assertThatThrownBy(() -> valid().accountSid("AC-secret-looking-value").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("AC-secret-looking-value");
    assertThatThrownBy(() -> valid().authToken("has space secret").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("has space secret");
  }

  @Test
  void regionsAreCheckedAndUpperCased() {
    assertThat(valid().allowedRegions(Set.of("us", "vi")).build().allowedRegions())
        .containsExactlyInAnyOrder("US", "VI");
    assertThatThrownBy(() -> valid().allowedRegions(Set.of("ZZ")).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> valid().allowedRegions(Set.of()).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSenderIsRequiredAndChecked() {
    assertThatThrownBy(
            () ->
                TwilioSettings.builder()
                    .accountSid(FakeTwilio.ACCOUNT_SID)
                    .authToken(FakeTwilio.AUTH_TOKEN)
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> valid().fromNumber("202-555-0123"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> valid().messagingServiceSid("MGxyz"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(valid().messagingServiceSid(FakeTwilio.SERVICE_SID).build().sender())
        .isEqualTo(TwilioSettings.Sender.messagingService(FakeTwilio.SERVICE_SID));
    assertThat(valid().fromNumber("12345").build().sender())
        .isInstanceOf(TwilioSettings.Sender.FromNumber.class);
  }

  @Test
  void urlsMustBeHttpWithoutCredentials() {
    assertThatThrownBy(() -> valid().apiBaseUrl(URI.create("ftp://example.com")).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> valid().apiBaseUrl(URI.create("http://user:pw@example.com")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("pw");
    assertThat(valid().apiBaseUrl(URI.create("http://127.0.0.1:8080")).build().apiBaseUrl())
        .contains(URI.create("http://127.0.0.1:8080"));
  }

  @Test
  void toBuilderKeepsEverything() {
    TwilioSettings s =
        valid().apiBaseUrl(URI.create("http://127.0.0.1:1")).allowedRegions(Set.of("US")).build();
    assertThat(s.toBuilder().build()).isEqualTo(s);
  }

  @Test
  void isAFinalClassBuiltOnlyByItsBuilder() {
    assertThat(TwilioSettings.class.getConstructors()).as("no public constructor").isEmpty();
    assertThat(TwilioSettings.class.isRecord()).isFalse();
    assertThat(valid().build()).isEqualTo(valid().build()).hasSameHashCodeAs(valid().build())
        .isNotEqualTo(valid().allowedRegions(Set.of("US")).build());
  }
}
