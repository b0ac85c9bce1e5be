package dev.accesslink.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.accesslink.sms.FakeTwilio.ACCOUNT_SID;
import static dev.accesslink.sms.FakeTwilio.AUTH_TOKEN;
import static dev.accesslink.sms.FakeTwilio.MESSAGES_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.port.out.AddressCheck;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.LinkMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("SmsLinkNotifier against a WireMock Twilio")
class SmsLinkNotifierTest {
  private static final String TO = "+12025550123";
  private static WireMockServer twilio;
  private SmsLinkNotifier notifier;

  @BeforeAll
  static void startTwilio() {
    twilio = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    twilio.start();
  }

  @AfterAll
  static void stopTwilio() {
    twilio.stop();
  }

  @BeforeEach
  void reset() {
    twilio.resetAll();
    notifier = SmsLinkNotifier.create(FakeTwilio.settings(twilio).build());
  }

  private static LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = FakeTwilio.messageRequests(twilio);
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static void assertNoSecretsIn(DeliveryResult result, LinkMessage message) {
    assertThat(result.toString())
        .doesNotContain(message.url().reveal())
        .doesNotContain(ACCOUNT_SID)
        .doesNotContain(AUTH_TOKEN)
        .doesNotContain(message.address());
  }

  @Test
  void servesTheSmsChannel() {
    assertThat(notifier.channel()).isEqualTo(DeliveryChannel.SMS);
    assertThat(notifier.normalize("(787) 555-0123")).isEqualTo(AddressCheck.valid("+17875550123"));
  }

  @Nested
  @DisplayName("a message Twilio accepts")
  class Accepted {
    @Test
    @org.junit.jupiter.api.DisplayName("posts the SMS in the link's language with the sender's name; segmentsOf reports its one GSM-7 segment")
    void inTheLinksLanguage() {
      FakeTwilio.acceptAll(twilio);
      LinkMessage message = Messages.to(TO).withIssuerName("Grace Hopper")
          .inLanguage(dev.accesslink.core.domain.Language.GERMAN);

      assertThat(notifier.deliver(message)).isInstanceOf(DeliveryResult.Sent.class);

      String body = FakeTwilio.param(onlyRequest(), "Body");
      assertThat(body).isEqualTo("Acme HQ: Hallo Jane, Zugangslink von Grace Hopper: "
          + message.url().reveal());
      assertThat(notifier.segmentsOf(message))
          .isEqualTo(new SmsSegments(SmsSegments.Encoding.GSM_7, body.length(), 1));
    }

    @ParameterizedTest(name = "{0}, to {1}: {2} {3} segment(s)")
    @CsvSource({
      "en, Jane Doe,    GSM_7, 1",
      "es, Jane Doe,    GSM_7, 1",
      "en, Ольга Петрова, UCS_2, 2"
    })
    @DisplayName("reports the billable segments of the body it posted (Twilio bills per segment)")
    void reportsTheSegments(String language, String name, SmsSegments.Encoding encoding, int segments) {
      FakeTwilio.acceptAll(twilio);
      LinkMessage message = Messages.message("Acme HQ", name, TO)
          .inLanguage(dev.accesslink.core.domain.Language.of(language));

      DeliveryResult result = notifier.deliver(message);

      String body = FakeTwilio.param(onlyRequest(), "Body");
      assertThat(SmsSegments.of(body).encoding()).as(body).isEqualTo(encoding);
      assertThat(result).isInstanceOfSatisfying(DeliveryResult.Sent.class,
          sent -> assertThat(sent.segments()).as(body).isEqualTo(segments)
              .isEqualTo(SmsSegments.of(body).segments()));
    }

    @Test
    void postsToFromAndBodyWithBasicAuth() {
      FakeTwilio.acceptAll(twilio);
      LinkMessage message = Messages.to(TO);

      DeliveryResult result = notifier.deliver(message);

      assertThat(result).isInstanceOf(DeliveryResult.Sent.class);
      assertThat(((DeliveryResult.Sent) result).providerMessageId()).matches("SM[0-9a-f]{32}");
      LoggedRequest request = onlyRequest();
      assertThat(FakeTwilio.param(request, "To")).isEqualTo(TO);
      assertThat(FakeTwilio.param(request, "From")).isEqualTo(FakeTwilio.FROM);
      assertThat(FakeTwilio.param(request, "MessagingServiceSid")).isNull();
      assertThat(FakeTwilio.param(request, "Body"))
          .isEqualTo("Acme HQ: Hi Jane, your access link: " + message.url().reveal());
      assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
      String basic =
          Base64.getEncoder()
              .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.US_ASCII));
      assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + basic);
      twilio.verify(
          1,
          postRequestedFor(urlEqualTo(MESSAGES_PATH))
              .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(
                  ACCOUNT_SID, AUTH_TOKEN))
              .withFormParam("To", equalTo(TO)));
      assertNoSecretsIn(result, message);
    }

    @Test
    void theFakeFindsTheLatestBodyPerNumber() {
      FakeTwilio.acceptAll(twilio);
      LinkMessage first = Messages.to(TO);
      LinkMessage second = Messages.to(TO);
      notifier.deliver(first);
      notifier.deliver(second);
      notifier.deliver(Messages.to("+14165550199"));
      assertThat(FakeTwilio.lastBodyTo(twilio, TO)).hasValueSatisfying(
          body -> assertThat(body).contains(second.url().reveal()));
    }

    @Test
    void sendsThroughAMessagingService() {
      FakeTwilio.acceptAll(twilio);
      SmsLinkNotifier viaService =
          SmsLinkNotifier.create(
              FakeTwilio.settings(twilio).messagingServiceSid(FakeTwilio.SERVICE_SID).build());

      assertThat(viaService.deliver(Messages.to(TO))).isInstanceOf(DeliveryResult.Sent.class);

      LoggedRequest request = onlyRequest();
      assertThat(FakeTwilio.param(request, "MessagingServiceSid")).isEqualTo(FakeTwilio.SERVICE_SID);
      assertThat(FakeTwilio.param(request, "From")).isNull();
    }

    @Test
    void asksForStatusCallbacksWhenConfigured() {
      FakeTwilio.acceptAll(twilio);
      URI callback = URI.create("https://app.example.com/twilio/status");
      SmsLinkNotifier withCallback =
          SmsLinkNotifier.create(FakeTwilio.settings(twilio).statusCallbackUrl(callback).build());

      withCallback.deliver(Messages.to(TO));

      assertThat(FakeTwilio.param(onlyRequest(), "StatusCallback")).isEqualTo(callback.toString());
    }

    @Test
    void usesAReplacementTemplate() {
      FakeTwilio.acceptAll(twilio);
      LinkMessage message = Messages.to(TO);
      notifier.withTemplate(SmsTemplate.of("{url} for {name}")).deliver(message);
      assertThat(FakeTwilio.param(onlyRequest(), "Body"))
          .isEqualTo(message.url().reveal() + " for Jane Doe");
    }

    @Test
    void stripsControlCharactersFromACustomTemplate() {
      FakeTwilio.acceptAll(twilio);
      LinkMessage message = Messages.to(TO);
      notifier.withTemplate(m -> "Hi\u0007 there\r\n" + m.url().reveal()).deliver(message);
      assertThat(FakeTwilio.param(onlyRequest(), "Body"))
          .isEqualTo("Hi there\n" + message.url().reveal());
    }

    @Test
    void refusesATemplateThatDropsTheUrl() {
      DeliveryResult result = notifier.withTemplate(m -> "no link here").deliver(Messages.to(TO));
      assertThat(result).isInstanceOf(DeliveryResult.PermanentFailure.class);
      assertThat(FakeTwilio.messageRequests(twilio)).isEmpty();
    }

    @Test
    void refusesAnAddressOutsideTheAllowedRegionsWithoutCallingTwilio() {
      DeliveryResult result = notifier.deliver(Messages.to("+18769271234"));
      assertThat(result)
          .isEqualTo(
              new DeliveryResult.PermanentFailure(
                  "phone.region.not_allowed recipient number refused"));
      assertThat(FakeTwilio.messageRequests(twilio)).isEmpty();
    }
  }

  @Nested
  @DisplayName("Twilio's errors")
  class Errors {
    @ParameterizedTest(name = "[{index}] {0}/{1} -> permanent")
    @CsvSource({
      "400, 21211, The 'To' number +12025550123 is not a valid phone number.",
      "400, 21614, 'To' number is not a valid mobile number",
      "400, 21610, Attempt to send to unsubscribed recipient",
      "400, 21408, Permission to send an SMS has not been enabled for the region",
    })
    void recipientErrorsArePermanent(int status, int code, String twilioMessage) {
      twilio.stubFor(
          post(urlEqualTo(MESSAGES_PATH)).willReturn(FakeTwilio.error(status, code, twilioMessage)));
      LinkMessage message = Messages.to(TO);

      DeliveryResult result = notifier.deliver(message);

      assertThat(result).isInstanceOf(DeliveryResult.PermanentFailure.class);
      assertThat(((DeliveryResult.PermanentFailure) result).reason()).startsWith("twilio." + code + " ");
      assertNoSecretsIn(result, message);
      assertThat(FakeTwilio.messageRequests(twilio)).hasSize(1);
    }

    @Test
    void optedOutSaysTheRecipientRepliedStop() {
      twilio.stubFor(
          post(urlEqualTo(MESSAGES_PATH))
              .willReturn(FakeTwilio.error(400, 21610, "Attempt to send to unsubscribed recipient")));
      DeliveryResult result = notifier.deliver(Messages.to(TO));
      assertThat(((DeliveryResult.PermanentFailure) result).reason())
          .startsWith("twilio.21610")
          .contains("replied STOP");
    }

    @Test
    void aServerErrorIsTransientAndNeverRepeated() {
      twilio.stubFor(
          post(urlEqualTo(MESSAGES_PATH))
              .willReturn(FakeTwilio.error(500, 20500, "Internal Server Error")));

      DeliveryResult result = notifier.deliver(Messages.to(TO));

      assertThat(result).isInstanceOf(DeliveryResult.TransientFailure.class);
      assertThat(((DeliveryResult.TransientFailure) result).reason()).startsWith("twilio.http.500");
      twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    @Test
    void aServerErrorWithoutJsonIsTransientAndNeverRepeated() {
      twilio.stubFor(
          post(urlEqualTo(MESSAGES_PATH))
              .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));

      DeliveryResult result = notifier.deliver(Messages.to(TO));

      assertThat(result).isEqualTo(new DeliveryResult.TransientFailure("twilio.http.502 Twilio is unavailable"));
      twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    @Test
    void theSdksOwnClientWouldHaveRepeatedThePost() {
      // The reason this adapter has its own HTTP client: the SDK's default retries a 5xx POST.
      twilio.stubFor(
          post(urlEqualTo(MESSAGES_PATH))
              .willReturn(FakeTwilio.error(500, 20500, "Internal Server Error")));
      com.twilio.http.HttpClient sdkDefault = new com.twilio.http.NetworkHttpClient();
      com.twilio.http.Request request =
          new com.twilio.http.Request(
              com.twilio.http.HttpMethod.POST, twilio.baseUrl() + MESSAGES_PATH);
      request.addPostParam("To", TO);

      sdkDefault.reliableRequest(request);

      assertThat(FakeTwilio.messageRequests(twilio)).hasSizeGreaterThan(1);
    }

    @Test
    void rateLimitingIsTransient() {
      twilio.stubFor(
          post(urlEqualTo(MESSAGES_PATH)).willReturn(FakeTwilio.error(429, 20429, "Too Many Requests")));
      DeliveryResult result = notifier.deliver(Messages.to(TO));
      assertThat(result).isEqualTo(new DeliveryResult.TransientFailure("twilio.429 rate limited by Twilio"));
      twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    @Test
    void bad429WithoutJsonIsTransient() {
      twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(429)));
      assertThat(notifier.deliver(Messages.to(TO)))
          .isEqualTo(new DeliveryResult.TransientFailure("twilio.429 rate limited by Twilio"));
    }

    @Test
    void wrongCredentialsAreTransientSoAnOperatorCanFixThem() {
      twilio.stubFor(
          post(urlEqualTo(MESSAGES_PATH)).willReturn(FakeTwilio.error(401, 20003, "Authenticate")));
      DeliveryResult result = notifier.deliver(Messages.to(TO));
      assertThat(result).isInstanceOf(DeliveryResult.TransientFailure.class);
      assertThat(((DeliveryResult.TransientFailure) result).reason()).startsWith("twilio.http.401");
    }

    @Test
    void anotherClientErrorIsPermanent() {
      twilio.stubFor(
          post(urlEqualTo(MESSAGES_PATH))
              .willReturn(FakeTwilio.error(400, 21617, "The concatenated message body exceeds the 1600 character limit")));
      assertThat(notifier.deliver(Messages.to(TO)))
          .isEqualTo(new DeliveryResult.PermanentFailure("twilio.21617 refused by Twilio"));
    }

    @Test
    void aDroppedConnectionIsAnUnknownOutcomeAndNeverRepeated() {
      twilio.stubFor(
          post(urlEqualTo(MESSAGES_PATH))
              .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

      DeliveryResult result = notifier.deliver(Messages.to(TO));

      // the request reached Twilio before the connection dropped: the message may be out
      assertThat(result).isInstanceOf(DeliveryResult.OutcomeUnknown.class);
      assertThat(((DeliveryResult.OutcomeUnknown) result).reason()).startsWith("twilio.io ");
      twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    @Test
    void anEmptyAnswerIsAnUnknownOutcomeAndNeverRepeated() {
      twilio.stubFor(
          post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

      assertThat(notifier.deliver(Messages.to(TO))).isInstanceOf(DeliveryResult.OutcomeUnknown.class);
      twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    @Test
    void aSlowAnswerTimesOutAsAnUnknownOutcome() {
      twilio.stubFor(
          post(urlEqualTo(MESSAGES_PATH)).willReturn(FakeTwilio.created().withFixedDelay(3_000)));
      SmsLinkNotifier impatient =
          SmsLinkNotifier.create(
              FakeTwilio.settings(twilio).requestTimeout(Duration.ofMillis(300)).build());

      DeliveryResult result = impatient.deliver(Messages.to(TO));

      assertThat(result).isInstanceOf(DeliveryResult.OutcomeUnknown.class);
      assertThat(((DeliveryResult.OutcomeUnknown) result).reason())
          .startsWith("twilio.io HttpTimeoutException");
      twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    @Test
    void anUnreachableApiIsTransient() {
      SmsLinkNotifier down = SmsLinkNotifier.create(FakeTwilio.unreachableSettings().build());
      DeliveryResult result = down.deliver(Messages.to(TO));
      assertThat(result).isInstanceOf(DeliveryResult.TransientFailure.class);
      assertThat(((DeliveryResult.TransientFailure) result).reason()).startsWith("twilio.io ");
    }
  }
}
