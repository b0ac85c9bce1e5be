package dev.accesslink.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.port.out.DeliveryResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("TwilioStatusCallbacks: signed status callbacks to delivery results")
class TwilioStatusCallbacksTest {
  private static final String URL = "https://app.example.com/twilio/status?tenant=acme";
  private static final String SID = "SM0123456789abcdef0123456789abcdef";

  private final TwilioStatusCallbacks callbacks =
      TwilioStatusCallbacks.create(
          TwilioSettings.builder()
              .accountSid(FakeTwilio.ACCOUNT_SID)
              .authToken(FakeTwilio.AUTH_TOKEN)
              .fromNumber(FakeTwilio.FROM)
              .build());

  /** Twilio's algorithm, written out independently: URL + params sorted by name, HMAC-SHA1. */
  private static String sign(String token, String url, Map<String, String> params) throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, String> callback(String status, String errorCode) {
    Map<String, String> p = new HashMap<>();
    p.put("AccountSid", FakeTwilio.ACCOUNT_SID);
    p.put("MessageSid", SID);
    p.put("SmsSid", SID);
    p.put("MessageStatus", status);
    p.put("SmsStatus", status);
    p.put("To", "+12025550123");
    p.put("From", FakeTwilio.FROM);
    p.put("ApiVersion", "2010-04-01");
    if (errorCode != null) {
      p.put("ErrorCode", errorCode);
    }
    return p;
  }

  @Nested
  @DisplayName("signature")
  class Signature {
    @Test
    void acceptsTwilioPublishedExample() {
      TwilioStatusCallbacks withToken12345 =
          TwilioStatusCallbacks.create(
              TwilioSettings.builder()
                  .accountSid(FakeTwilio.ACCOUNT_SID)
                  .authToken("12345")
                  .fromNumber(FakeTwilio.FROM)
                  .build());
      Map<String, String> params =
          Map.of(
              "CallSid", "CA1234567890ABCDE",
              "Caller", "+14158675309",
              "Digits", "1234",
              "From", "+14158675309",
              "To", "+18005551212");
      assertThat(
              withToken12345.verify(
                  "https://mycompany.com/myapp.php?foo=1&bar=2", params, "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
          .isTrue();
    }

    @Test
    void acceptsAValidCallback() throws Exception {
      Map<String, String> params = callback("delivered", null);
      String signature = sign(FakeTwilio.AUTH_TOKEN, URL, params);
      assertThat(callbacks.verify(URL, params, signature)).isTrue();
      assertThat(callbacks.handle(URL, params, signature))
          .isEqualTo(new TwilioStatusCallbacks.Outcome.Final(SID, new DeliveryResult.Sent(SID)));
    }

    @Test
    void rejectsATamperedParameter() throws Exception {
      Map<String, String> params = callback("undelivered", "30005");
      String signature = sign(FakeTwilio.AUTH_TOKEN, URL, params);
      params.put("MessageStatus", "delivered");
      assertThat(callbacks.verify(URL, params, signature)).isFalse();
      assertThat(callbacks.handle(URL, params, signature))
          .isEqualTo(new TwilioStatusCallbacks.Outcome.Rejected());
    }

    @Test
    void rejectsAnAddedParameter() throws Exception {
      Map<String, String> params = callback("delivered", null);
      String signature = sign(FakeTwilio.AUTH_TOKEN, URL, params);
      params.put("Extra", "1");
      assertThat(callbacks.verify(URL, params, signature)).isFalse();
    }

    @Test
    void rejectsAnotherUrl() throws Exception {
      Map<String, String> params = callback("delivered", null);
      String signature = sign(FakeTwilio.AUTH_TOKEN, URL, params);
      assertThat(callbacks.verify(URL.replace("acme", "evil"), params, signature)).isFalse();
    }

    @Test
    void rejectsAnotherToken() throws Exception {
      Map<String, String> params = callback("delivered", null);
      String signature = sign("another-token", URL, params);
      assertThat(callbacks.verify(URL, params, signature)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not-base64!", "RSOYDt4T1cUTdK1PDd93/VVr8B8="})
    void rejectsMissingOrForgedSignatures(String signature) {
      assertThat(callbacks.verify(URL, callback("delivered", null), signature)).isFalse();
    }

    @Test
    void acceptsTheUrlWithTheDefaultPortSpelledOut() throws Exception {
      Map<String, String> params = callback("delivered", null);
      String signature = sign(FakeTwilio.AUTH_TOKEN, URL, params);
      URI withPort = URI.create("https://app.example.com:443/twilio/status?tenant=acme");
      assertThat(callbacks.verify(withPort.toString(), params, signature)).isTrue();
    }

    @Test
    void toStringHidesTheToken() {
      assertThat(callbacks.toString()).doesNotContain(FakeTwilio.AUTH_TOKEN);
    }
  }

  @Nested
  @DisplayName("status mapping")
  class Mapping {
    @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
    @CsvSource({
      "undelivered, 30003, transient",
      "undelivered, 30004, permanent",
      "undelivered, 30005, permanent",
      "undelivered, 30006, permanent",
      "undelivered, 30007, permanent",
      "undelivered, 30008, transient",
      "failed,      30003, transient",
      "failed,      30004, permanent",
      "failed,      30005, permanent",
      "failed,      30006, permanent",
      "failed,      30007, permanent",
      "failed,      30008, transient",
      "failed,      21610, permanent",
      "failed,      39999, transient",
      "failed,      ,      transient",
    })
    void failures(String status, String errorCode, String kind) {
      DeliveryResult result = callbacks.deliveryResult(callback(status, errorCode)).orElseThrow();
      if (kind.equals("permanent")) {
        assertThat(result).isInstanceOf(DeliveryResult.PermanentFailure.class);
        assertThat(((DeliveryResult.PermanentFailure) result).reason()).startsWith("twilio." + errorCode + " ");
      } else {
        assertThat(result).isInstanceOf(DeliveryResult.TransientFailure.class);
        assertThat(((DeliveryResult.TransientFailure) result).reason()).startsWith("twilio.");
      }
    }

    @Test
    void deliveredIsSentWithTheMessageSid() {
      assertThat(callbacks.deliveryResult(callback("delivered", null)))
          .contains(new DeliveryResult.Sent(SID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"queued", "accepted", "sending", "sent", "scheduled"})
    void otherStatusesAreNotFinal(String status) throws Exception {
      Map<String, String> params = callback(status, null);
      assertThat(callbacks.deliveryResult(params)).isEmpty();
      assertThat(callbacks.handle(URL, params, sign(FakeTwilio.AUTH_TOKEN, URL, params)))
          .isEqualTo(new TwilioStatusCallbacks.Outcome.Pending(SID, status));
    }

    @Test
    void theStopOptOutMessageSaysSo() {
      DeliveryResult result = callbacks.deliveryResult(callback("failed", "21610")).orElseThrow();
      assertThat(((DeliveryResult.PermanentFailure) result).reason()).contains("replied STOP");
    }
  }
}
