package dev.accesslink.example;

import dev.accesslink.core.port.in.DeliveryReportCommand;
import dev.accesslink.core.port.in.RecordDeliveryReportUseCase;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's message status callback, {@code POST /api/twilio/status} (form-encoded, as Twilio sends
 * it). The {@code X-Twilio-Signature} is checked against the callback URL the app gave Twilio and
 * the auth token (by the SMS adapter, which {@link CompositionRoot} plugs in as a {@link Checker}):
 * a missing or wrong one is 403 and changes nothing. An authentic {@code undelivered} or {@code
 * failed} report goes to the library's {@link RecordDeliveryReportUseCase} (which revokes the link
 * and gives the SMS unit back, or ignores a stale report); everything authentic is answered 204.
 * Without a Twilio account configured the route answers 404. Thread-safe.
 */
final class TwilioRoutes {

  /** Verifies and reads one callback. */
  @FunctionalInterface
  interface Checker {
    /**
     * Empty when the signature is missing or wrong; else the report to record, if the callback
     * reports a message undelivered (an {@code Optional} that is empty for every other status).
     */
    Optional<Optional<DeliveryReportCommand>> check(String url, Map<String, String> params, String signature);
  }

  /** The header Twilio signs its callbacks with. */
  static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  private final RecordDeliveryReportUseCase reports;
  private final @Nullable Checker checker;
  private final @Nullable URI callbackUrl;
  private final String disabledMessage;

  private TwilioRoutes(RecordDeliveryReportUseCase reports, @Nullable Checker checker, @Nullable URI callbackUrl,
      String disabledMessage) {
    this.reports = reports;
    this.checker = checker;
    this.callbackUrl = callbackUrl;
    this.disabledMessage = disabledMessage;
  }

  /** Checks callbacks posted to {@code callbackUrl} (exactly as Twilio was told it) with {@code checker}. */
  static TwilioRoutes enabled(RecordDeliveryReportUseCase reports, Checker checker, URI callbackUrl) {
    return new TwilioRoutes(reports, checker, callbackUrl, "");
  }

  /** No Twilio account: the route answers 404. */
  static TwilioRoutes disabled(RecordDeliveryReportUseCase reports) {
    return new TwilioRoutes(reports, null, null, "No Twilio account is configured: there are no status callbacks.");
  }

  /**
   * A Twilio account but no URL Twilio could call back (neither {@code ACCESSLINK_TWILIO_STATUS_CALLBACK_URL}
   * nor {@code ACCESSLINK_PUBLIC_URL}): the route answers 404 and says what to set.
   */
  static TwilioRoutes withoutCallbackUrl(RecordDeliveryReportUseCase reports) {
    return new TwilioRoutes(reports, null, null, "Twilio status callbacks are off: set ACCESSLINK_PUBLIC_URL "
        + "(or ACCESSLINK_TWILIO_STATUS_CALLBACK_URL) to the address Twilio can reach this app at.");
  }

  void register(Routes routes) {
    routes.path("/api/twilio/status").on(HandlerType.POST, this::status).register();
  }

  private void status(Exchange ex) throws IOException {
    if (checker == null || callbackUrl == null) {
      throw new ApiProblem(404, "twilio.disabled", disabledMessage);
    }
    Map<String, String> params = ex.form();
    Optional<Optional<DeliveryReportCommand>> verdict =
        checker.check(callbackUrl.toString(), params, ex.header(SIGNATURE_HEADER).orElse(""));
    if (verdict.isEmpty()) {
      throw new ApiProblem(403, "twilio.signature_invalid", "The X-Twilio-Signature header is missing or wrong.");
    }
    verdict.get().ifPresent(reports::recordDeliveryReport);
    ex.sendJson(204, null);
  }
}
