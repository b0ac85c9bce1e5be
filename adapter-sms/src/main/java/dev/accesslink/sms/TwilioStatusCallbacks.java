package dev.accesslink.sms;

import com.twilio.security.RequestValidator;
import dev.accesslink.core.port.out.DeliveryResult;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns Twilio's message status callbacks into the core's {@link DeliveryResult}, so that a
 * product can expose them as a webhook (set {@link TwilioSettings#statusCallbackUrl()} to its
 * address).
 *
 * <p>A callback is a form POST signed with the account's auth token: the {@code
 * X-Twilio-Signature} header is the Base64 HMAC-SHA1 of the full callback URL followed by every
 * POST parameter name and value, sorted by name. {@link #verify} checks it with the SDK's {@link
 * RequestValidator} (constant-time comparison, with and without the default port). Pass the URL
 * exactly as Twilio called it (scheme, host, port, path and query as configured, even behind a
 * proxy) and the decoded form parameters.
 *
 * <p>{@code MessageStatus} {@code delivered} (or {@code read}) becomes {@link
 * DeliveryResult.Sent}; {@code undelivered} and {@code failed} become a failure chosen by {@code
 * ErrorCode}: 30003 (handset unreachable) and 30008 (unknown error) are transient; 30004
 * (blocked), 30005 (unknown or inactive number), 30006 (landline or unreachable carrier) and 30007
 * (filtered by the carrier) are permanent (see {@link #deliveryResult}). Every other status
 * (queued, sending, sent, ...) is not final.
 *
 * <p>Immutable and thread-safe. {@link #toString()} does not show the token.
 */
public final class TwilioStatusCallbacks {
  /** The header that carries the signature. */
  public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  private static final Map<Integer, String> TRANSIENT =
      Map.of(
          30001, "Twilio's queue overflowed",
          30003, "the handset is unreachable (switched off or out of coverage)",
          30008, "unknown delivery error",
          30009, "a segment of the message went missing");

  private static final Map<Integer, String> PERMANENT =
      Map.of(
          30002, "the Twilio account is suspended",
          30004, "the message was blocked (by the recipient or the carrier)",
          30005, "the number is unknown or no longer in service",
          30006, "a landline or a carrier that cannot receive SMS",
          30007, "the carrier filtered the message",
          30010, "the message price exceeded the maximum price set",
          21610, "the recipient replied STOP and has opted out of messages from this sender");

  private final RequestValidator validator;

  private TwilioStatusCallbacks(String authToken) {
    this.validator = new RequestValidator(authToken);
  }

  /** Verifies callbacks with the auth token of {@code settings}. */
  public static TwilioStatusCallbacks create(TwilioSettings settings) {
    return new TwilioStatusCallbacks(Objects.requireNonNull(settings, "settings").authToken());
  }

  /**
   * True when {@code signature} (the {@value #SIGNATURE_HEADER} header; empty when absent) is
   * Twilio's signature of {@code url} and {@code params} under the auth token. Never throws.
   *
   * @param url the full URL Twilio posted to, query string included
   * @param params the decoded form parameters of the POST
   * @param signature the header's value
   */
  public boolean verify(String url, Map<String, String> params, String signature) {
    if (url == null || params == null || signature == null || signature.isBlank()) {
      return false;
    }
    try {
      return validator.validate(url, params, signature.strip());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The delivery result a callback reports, or empty when its status is not final yet.
   *
   * @param params the callback's form parameters ({@code MessageSid}, {@code MessageStatus},
   *     {@code ErrorCode})
   */
  public Optional<DeliveryResult> deliveryResult(Map<String, String> params) {
    String status = params.getOrDefault("MessageStatus", params.getOrDefault("SmsStatus", ""));
    switch (status.strip().toLowerCase(Locale.ROOT)) {
      case "delivered":
      case "read":
        return Optional.of(new DeliveryResult.Sent(params.getOrDefault("MessageSid", "")));
      case "undelivered":
      case "failed":
        return Optional.of(failure(status.strip().toLowerCase(Locale.ROOT), params.get("ErrorCode")));
      default:
        return Optional.empty();
    }
  }

  /**
   * Verifies and reads a callback in one step, for a webhook: answer {@link Outcome.Rejected} with
   * HTTP 403, anything else with 200 (or 204) and record a {@link Outcome.Final} result.
   */
  public Outcome handle(String url, Map<String, String> params, String signature) {
    if (!verify(url, params, signature)) {
      return new Outcome.Rejected();
    }
    String sid = params.getOrDefault("MessageSid", "");
    String status = params.getOrDefault("MessageStatus", params.getOrDefault("SmsStatus", ""));
    return deliveryResult(params)
        .<Outcome>map(r -> new Outcome.Final(sid, r))
        .orElseGet(() -> new Outcome.Pending(sid, status));
  }

  private static DeliveryResult failure(String status, String errorCode) {
    Integer code = null;
    try {
      code = errorCode == null || errorCode.isBlank() ? null : Integer.valueOf(errorCode.strip());
    } catch (NumberFormatException e) {
      code = null;
    }
    if (code == null) {
      return new DeliveryResult.TransientFailure("twilio." + status + " without an error code");
    }
    if (PERMANENT.containsKey(code)) {
      return new DeliveryResult.PermanentFailure("twilio." + code + " " + PERMANENT.get(code));
    }
    if (TRANSIENT.containsKey(code)) {
      return new DeliveryResult.TransientFailure("twilio." + code + " " + TRANSIENT.get(code));
    }
    // Unknown codes: the dispatcher's bounded retries are the safer guess than revoking the link.
    return new DeliveryResult.TransientFailure("twilio." + code + " " + status);
  }

  /** Shows no token. */
  @Override
  public String toString() {
    return "TwilioStatusCallbacks[authToken=[redacted]]";
  }

  /** What {@link #handle} made of a callback. */
  public sealed interface Outcome {
    /** The signature is missing or wrong: ignore the callback and answer 403. */
    record Rejected() implements Outcome {}

    /**
     * Authentic, but the message is not delivered or failed yet (queued, sending, sent, ...).
     *
     * @param messageSid Twilio's message SID
     * @param status Twilio's status as sent
     */
    record Pending(String messageSid, String status) implements Outcome {
      /** Requires both values. */
      public Pending {
        Objects.requireNonNull(messageSid, "messageSid");
        Objects.requireNonNull(status, "status");
      }
    }

    /**
     * Authentic and final.
     *
     * @param messageSid Twilio's message SID, as returned in {@link DeliveryResult.Sent} by
     *     {@link SmsLinkNotifier#deliver}
     * @param result what became of the message
     */
    record Final(String messageSid, DeliveryResult result) implements Outcome {
      /** Requires both values. */
      public Final {
        Objects.requireNonNull(messageSid, "messageSid");
        Objects.requireNonNull(result, "result");
      }
    }
  }
}
