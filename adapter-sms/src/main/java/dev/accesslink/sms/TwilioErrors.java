package dev.accesslink.sms;

import com.twilio.exception.ApiException;
import dev.accesslink.core.port.out.DeliveryResult;
import java.util.Map;

/**
 * Classifies Twilio's answers into the core's {@link DeliveryResult}. Reasons are short codes
 * ({@code twilio.21610}) and our own words: never Twilio's message, which may quote the number.
 * Not API.
 */
final class TwilioErrors {
  private TwilioErrors() {}

  /** Errors about the recipient: retrying the same message cannot help. */
  static final Map<Integer, String> PERMANENT =
      Map.of(
          21211, "invalid 'To' phone number",
          21214, "'To' phone number cannot be reached",
          21408, "permission to send an SMS has not been enabled for the region of this number",
          21610, "the recipient replied STOP and has opted out of messages from this sender",
          21612, "the 'To' number cannot be reached from this sender",
          21614, "'To' number is not a mobile number that can receive SMS");

  /** Twilio's code for "too many requests". */
  static final int TOO_MANY_REQUESTS = 20429;

  static DeliveryResult classify(ApiException e) {
    Integer code = e.getCode();
    int status = httpStatus(e);
    if (code != null && PERMANENT.containsKey(code)) {
      return new DeliveryResult.PermanentFailure("twilio." + code + " " + PERMANENT.get(code));
    }
    if ((code != null && code == TOO_MANY_REQUESTS) || status == 429) {
      return new DeliveryResult.TransientFailure("twilio.429 rate limited by Twilio");
    }
    if (status >= 500) {
      return new DeliveryResult.TransientFailure(
          "twilio.http." + status + " Twilio is unavailable" + codeSuffix(code));
    }
    if (status == 401 || status == 403) {
      // An operator can fix credentials without losing the links already queued.
      return new DeliveryResult.TransientFailure(
          "twilio.http." + status + " authentication or permission failed; check the account SID"
              + " and auth token" + codeSuffix(code));
    }
    if (status >= 400 && code != null) {
      return new DeliveryResult.PermanentFailure("twilio." + code + " refused by Twilio");
    }
    if (status >= 400) {
      return new DeliveryResult.PermanentFailure("twilio.http." + status + " refused by Twilio");
    }
    // No status: the answer could not be read (or a client-side failure); it may have been sent,
    // but a retry is the better risk than a lost link.
    return new DeliveryResult.TransientFailure("twilio.error unreadable answer from Twilio");
  }

  private static int httpStatus(ApiException e) {
    Integer status = e.getStatusCode();
    if (status != null && status > 0) {
      return status;
    }
    Integer http = e.getHttpStatusCode();
    return http == null ? 0 : http;
  }

  private static String codeSuffix(Integer code) {
    return code == null ? "" : " (code " + code + ")";
  }
}
