package dev.accesslink.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.port.out.AddressCheck;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.LinkNotifier;
import java.util.Objects;

/**
 * Delivers access links by SMS through Twilio's Messages API, to numbers of the allowed regions
 * only (United States, Canada and Puerto Rico by default).
 *
 * <p>{@link #normalize} validates a number with {@link PhoneNumbers} and returns it in E.164.
 * {@link #deliver} renders the body with an {@link SmsTemplate}, makes one {@code POST
 * /2010-04-01/Accounts/{sid}/Messages.json} and classifies the answer: Twilio's message SID on
 * success; a permanent failure for an invalid or unreachable number (21211, 21614, ...), a
 * recipient who replied STOP (21610) or a region not enabled on the account (21408); a transient
 * failure for rate limiting (429, 20429), 5xx answers and I/O errors. It never retries: the core's
 * dispatcher does, and the client from {@link TwilioClients} makes one attempt per request.
 *
 * <p>Immutable and thread-safe. Neither the link URL nor the credentials are logged or put into a
 * result.
 */
public final class SmsLinkNotifier implements LinkNotifier {
  private final TwilioSettings settings;
  private final TwilioRestClient client;
  private final PhoneNumbers phoneNumbers;
  private static final System.Logger LOG = System.getLogger(SmsLinkNotifier.class.getName());

  private final SmsTemplate template;

  private SmsLinkNotifier(
      TwilioSettings settings, TwilioRestClient client, SmsTemplate template) {
    this.settings = settings;
    this.client = client;
    this.phoneNumbers = PhoneNumbers.allowing(settings.allowedRegions());
    this.template = template;
  }

  /** A notifier with the client of {@link TwilioClients#create} and the standard template. */
  public static SmsLinkNotifier create(TwilioSettings settings) {
    return create(settings, TwilioClients.create(settings));
  }

  /**
   * A notifier on {@code client}, with the standard template. The client should come from {@link
   * TwilioClients} (or use {@link TwilioClients#singleAttemptHttpClient}): the SDK's default HTTP
   * client repeats a POST after a 5xx, which can send the same SMS twice.
   */
  public static SmsLinkNotifier create(TwilioSettings settings, TwilioRestClient client) {
    return new SmsLinkNotifier(
        Objects.requireNonNull(settings, "settings"),
        Objects.requireNonNull(client, "client"),
        SmsTemplate.standard());
  }

  /** The same notifier with another body template. */
  public SmsLinkNotifier withTemplate(SmsTemplate template) {
    return new SmsLinkNotifier(settings, client, Objects.requireNonNull(template, "template"));
  }

  /**
   * The segments the SMS for {@code message} takes with this notifier's template, as {@link
   * #deliver} would send it (for a preview, or to estimate cost). {@link #deliver} reports the same
   * count in {@link DeliveryResult.Sent#segments()} (and logs it with the encoding at level DEBUG
   * on the logger {@code dev.accesslink.sms.SmsLinkNotifier}).
   *
   * @throws RuntimeException whatever the template throws
   */
  public SmsSegments segmentsOf(LinkMessage message) {
    return SmsSegments.of(SmsText.cleanBody(template.render(message)));
  }

  /** The phone number rules this notifier applies. */
  public PhoneNumbers phoneNumbers() {
    return phoneNumbers;
  }

  /** Always {@link DeliveryChannel#SMS}. */
  @Override
  public DeliveryChannel channel() {
    return DeliveryChannel.SMS;
  }

  /** See {@link PhoneNumbers#check}: E.164 or a {@link PhoneProblem} code. Never throws. */
  @Override
  public AddressCheck normalize(String rawAddress) {
    return phoneNumbers.check(rawAddress);
  }

  /**
   * Sends the link in one request. Returns {@link DeliveryResult.Sent} with Twilio's message SID
   * and the billable segments of the body (counted as {@link SmsSegments#of} does, which is how
   * the network splits it), or a classified failure; never throws for a provider failure.
   */
  @Override
  public DeliveryResult deliver(LinkMessage message) {
    AddressCheck address = phoneNumbers.check(message.address());
    if (address instanceof AddressCheck.Invalid invalid) {
      return new DeliveryResult.PermanentFailure(invalid.code() + " recipient number refused");
    }
    String to = ((AddressCheck.Valid) address).normalized();
    String url = message.url().reveal();
    String body;
    try {
      body = SmsText.cleanBody(template.render(message));
    } catch (RuntimeException e) {
      return new DeliveryResult.PermanentFailure(
          "sms.template.failed " + e.getClass().getSimpleName());
    }
    if (!body.contains(url)) {
      return new DeliveryResult.PermanentFailure("sms.template.no_url the body lacks the link");
    }
    MessageCreator creator =
        settings.sender() instanceof TwilioSettings.Sender.FromNumber n
            ? Message.creator(new PhoneNumber(to), new PhoneNumber(n.number()), body)
            : Message.creator(
                new PhoneNumber(to),
                ((TwilioSettings.Sender.MessagingService) settings.sender()).sid(),
                body);
    settings.statusCallbackUrl().ifPresent(creator::setStatusCallback);
    SmsSegments segments = SmsSegments.of(body);
    try {
      Message sent = creator.create(client);
      String sid = sent.getSid();
      // Twilio bills per segment: the count goes into the result, and the encoding into a log line
      // (never the body: it holds the link)
      LOG.log(System.Logger.Level.DEBUG, "SMS for link {0} sent: {1} segment(s), {2}, {3} units",
          message.link(), segments.segments(), segments.encoding(), segments.units());
      return new DeliveryResult.Sent(sid == null ? "" : sid, segments.segments());
    } catch (ApiException e) {
      return TwilioErrors.classify(e);
    } catch (ApiConnectionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof java.net.ConnectException
          || cause instanceof java.net.http.HttpConnectTimeoutException) {
        // the request never reached Twilio: refused for sure
        return new DeliveryResult.TransientFailure(
            "twilio.io " + cause.getClass().getSimpleName() + " Twilio could not be reached");
      }
      // the request went out and the answer was lost (timeout, reset, empty answer): Twilio may
      // have taken the message
      return new DeliveryResult.OutcomeUnknown(
          "twilio.io " + cause.getClass().getSimpleName() + " Twilio's answer was lost");
    } catch (RuntimeException e) {
      return new DeliveryResult.OutcomeUnknown(
          "twilio.error " + e.getClass().getSimpleName());
    }
  }

  /** Names the sender and allowed regions; never the credentials. */
  @Override
  public String toString() {
    return "SmsLinkNotifier[sender="
        + settings.sender()
        + ", allowedRegions="
        + new java.util.TreeSet<>(phoneNumbers.allowedRegions())
        + ", template="
        + template
        + "]";
  }
}
