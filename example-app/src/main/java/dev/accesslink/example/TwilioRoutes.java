package dev.accesslink.example;

import dev.accesslink.core.port.in.DeliveryReportCommand;
import dev.accesslink.core.port.in.RecordDeliveryReportUseCase;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.sms.TwilioStatusCallbacks;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's message status callback, {@code POST /api/twilio/status} (form-encoded, as Twilio sends
 * it). The {@code X-Twilio-Signature} is checked against the callback URL the app gave Twilio and
 * the auth token: a missing or wrong one is 403 and changes nothing. An authentic {@code
 * undelivered} or {@code failed} report goes to the library's {@link RecordDeliveryReportUseCase}
 * (which revokes the link and gives the SMS unit back, or ignores a stale report); everything
 * authentic is answered 204. Without a Twilio account configured the route answers 404. Thread-safe.
 */
final class TwilioRoutes {
  private final RecordDeliveryReportUseCase reports;
  private final @Nullable TwilioStatusCallbacks callbacks;
  private final @Nullable URI callbackUrl;

  private TwilioRoutes(RecordDeliveryReportUseCase reports, @Nullable TwilioStatusCallbacks callbacks,
      @Nullable URI callbackUrl) {
    this.reports = reports;
    this.callbacks = callbacks;
    this.callbackUrl = callbackUrl;
  }

  /** Checks callbacks posted to {@code callbackUrl} (exactly as Twilio was told it) with {@code callbacks}. */
  static TwilioRoutes enabled(RecordDeliveryReportUseCase reports, TwilioStatusCallbacks callbacks, URI callbackUrl) {
    return new TwilioRoutes(reports, callbacks, callbackUrl);
  }

  /** No Twilio account: the route answers 404. */
  static TwilioRoutes disabled(RecordDeliveryReportUseCase reports) {
    return new TwilioRoutes(reports, null, null);
  }

  void register(Routes routes) {
    routes.path("/api/twilio/status").on(HandlerType.POST, this::status).register();
  }

  private void status(Exchange ex) throws IOException {
    if (callbacks == null || callbackUrl == null) {
      throw new ApiProblem(404, "twilio.disabled", "No Twilio account is configured: there are no status callbacks.");
    }
    Map<String, String> params = ex.form();
    TwilioStatusCallbacks.Outcome outcome =
        callbacks.handle(callbackUrl.toString(), params, ex.header(TwilioStatusCallbacks.SIGNATURE_HEADER).orElse(""));
    if (outcome instanceof TwilioStatusCallbacks.Outcome.Rejected) {
      throw new ApiProblem(403, "twilio.signature_invalid", "The X-Twilio-Signature header is missing or wrong.");
    }
    if (outcome instanceof TwilioStatusCallbacks.Outcome.Final f && !f.messageSid().isBlank()
        && f.messageSid().length() <= 255 && !(f.result() instanceof DeliveryResult.Sent)) {
      String reason = f.result() instanceof DeliveryResult.PermanentFailure p ? p.reason()
          : f.result() instanceof DeliveryResult.TransientFailure t ? t.reason() : "twilio.undelivered";
      reports.recordDeliveryReport(DeliveryReportCommand.undelivered(f.messageSid(), reason));
    }
    ex.sendJson(204, null);
  }
}
