/**
 * The SMS {@link dev.accesslink.core.port.out.LinkNotifier} on Twilio, with libphonenumber
 * validation that admits only numbers of allowed regions (United States, Canada and Puerto Rico by
 * default).
 *
 * <p>Entry points: {@link dev.accesslink.sms.SmsLinkNotifier}, its settings {@link
 * dev.accesslink.sms.TwilioSettings}, {@link dev.accesslink.sms.TwilioClients} (a Twilio client
 * that never retries a POST), {@link dev.accesslink.sms.PhoneNumbers}, {@link
 * dev.accesslink.sms.SmsTemplate} and {@link dev.accesslink.sms.TwilioStatusCallbacks}.
 */
@org.jspecify.annotations.NullMarked
package dev.accesslink.sms;
