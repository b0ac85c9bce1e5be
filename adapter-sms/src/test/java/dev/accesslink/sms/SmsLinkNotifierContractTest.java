package dev.accesslink.sms;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.testkit.contract.LinkNotifierContract;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The testkit's LinkNotifier contract, with WireMock as Twilio. */
class SmsLinkNotifierContractTest extends LinkNotifierContract {
  private static WireMockServer twilio;
  private static SmsLinkNotifier notifier;
  private static SmsLinkNotifier unreachable;

  @BeforeAll
  static void start() {
    twilio = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    twilio.start();
    FakeTwilio.acceptAll(twilio);
    notifier = SmsLinkNotifier.create(FakeTwilio.settings(twilio).build());
    unreachable = SmsLinkNotifier.create(FakeTwilio.unreachableSettings().build());
  }

  @AfterAll
  static void stop() {
    twilio.stop();
  }

  @Override
  protected LinkNotifier notifier() {
    return notifier;
  }

  @Override
  protected LinkNotifier unreachableNotifier() {
    return unreachable;
  }

  @Override
  protected String validRawAddress() {
    return "(787) 555-0123";
  }

  @Override
  protected List<String> invalidRawAddresses() {
    return List.of(
        "+1 876 927 1234", "1-800-234-5678", "202-555-0123 ext. 12", "1-800-FLOWERS", "hello");
  }

  @Override
  protected Optional<String> lastDeliveredContent(String normalizedAddress) {
    return FakeTwilio.lastBodyTo(twilio, normalizedAddress);
  }
}
