package dev.accesslink.core.domain;

import dev.accesslink.core.internal.Text;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who a link is for and where it goes.
 *
 * <p>The name is required for every channel (Kisi's advice: name each link after its person;
 * unlock events are credited to it): trimmed, 1 to 200 characters, no control characters or
 * line/paragraph separators, no bidirectional controls (which could show "Ali\u202Ecod.exe" as
 * "Aliexe.doc"), no unpaired surrogates, and at least one visible character. The
 * address is the notifier-normalized e-mail address or E.164 phone number, and absent for MANUAL.
 *
 * @param name the recipient's name
 * @param channel how the link is delivered
 * @param address normalized address; {@code null} exactly when {@code channel} is MANUAL
 */
public record Recipient(String name, DeliveryChannel channel, @Nullable String address) {
  /** Longest accepted name, in characters. */
  public static final int MAX_NAME_LENGTH = 200;

  public Recipient {
    name = checkName(name);
    checkAddressPresence(channel, address);
  }

  /**
   * Checks that an address is given exactly when the channel delivers: EMAIL and SMS need one
   * ({@code address.required}), MANUAL has none ({@code address.not_applicable}).
   */
  public static void checkAddressPresence(DeliveryChannel channel, @Nullable String address) {
    if (channel == DeliveryChannel.MANUAL && address != null) {
      throw new InvalidInputException(
          "address.not_applicable", "address", "A manual link has no e-mail address or phone number.");
    }
    if (channel != DeliveryChannel.MANUAL && (address == null || address.isBlank())) {
      throw new InvalidInputException(
          "address.required",
          "address",
          channel == DeliveryChannel.EMAIL
              ? "Enter the e-mail address to send the link to."
              : "Enter the phone number to send the link to.");
    }
  }

  /** Validates and trims a recipient name. */
  public static String checkName(@Nullable String name) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()) {
      throw new InvalidInputException(
          "recipient.name.blank", "recipientName", "Enter the recipient's name.");
    }
    Text.checkLine(trimmed, "recipient.name", "recipientName", "A recipient's name", MAX_NAME_LENGTH);
    Text.requireVisible(trimmed, "recipient.name", "recipientName", "A recipient's name");
    return trimmed;
  }

  /** A recipient of an e-mail link; {@code address} already normalized by the EMAIL notifier. */
  public static Recipient email(String name, String address) {
    return new Recipient(name, DeliveryChannel.EMAIL, address);
  }

  /** A recipient of an SMS link; {@code e164} already normalized by the SMS notifier. */
  public static Recipient sms(String name, String e164) {
    return new Recipient(name, DeliveryChannel.SMS, e164);
  }

  /** A recipient of a manual link. */
  public static Recipient manual(String name) {
    return new Recipient(name, DeliveryChannel.MANUAL, null);
  }

  /** The address, empty for MANUAL. */
  public Optional<String> addressIfAny() {
    return Optional.ofNullable(address);
  }
}
