package dev.accesslink.core.memory;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.port.out.AddressCheck;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.LinkNotifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A notifier that keeps every message it is asked to deliver instead of sending it, with
 * scriptable results ({@link #failNext}). Its address check is deliberately simple: for EMAIL a
 * {@code local@domain.tld} shape, lower-cased; for SMS a North American number written with
 * digits, spaces, dots, dashes and parentheses, normalized to {@code +1NXXNXXXXXX}. Thread-safe.
 */
public final class RecordingLinkNotifier implements LinkNotifier {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
  private static final Pattern NANP = Pattern.compile("1?[2-9]\\d{2}[2-9]\\d{6}");

  private final DeliveryChannel channel;
  private final List<LinkMessage> delivered = new ArrayList<>();
  private final Deque<DeliveryResult> scripted = new ArrayDeque<>();

  /** A recording notifier for EMAIL or SMS. */
  public RecordingLinkNotifier(DeliveryChannel channel) {
    if (channel == DeliveryChannel.MANUAL) {
      throw new IllegalArgumentException("MANUAL links are not delivered");
    }
    this.channel = channel;
  }

  @Override
  public DeliveryChannel channel() {
    return channel;
  }

  @Override
  public AddressCheck normalize(String raw) {
    if (raw.chars().anyMatch(Character::isISOControl)) {
      return AddressCheck.invalid(
          prefix() + ".control_characters", "An address cannot contain line breaks or control characters.");
    }
    String s = raw.strip();
    if (s.isEmpty()) {
      return AddressCheck.invalid(prefix() + ".blank", "Enter an address.");
    }
    if (s.length() > 254) {
      return AddressCheck.invalid(prefix() + ".syntax", "That address is not valid.");
    }
    if (channel == DeliveryChannel.EMAIL) {
      return EMAIL.matcher(s).matches()
          ? AddressCheck.valid(s.toLowerCase(Locale.ROOT))
          : AddressCheck.invalid("email.syntax", "That e-mail address is not valid.");
    }
    String digits = s.startsWith("+") ? s.substring(1) : s;
    if (!digits.matches("[0-9 ().-]+")) {
      return AddressCheck.invalid("phone.invalid", "That phone number is not valid.");
    }
    digits = digits.replaceAll("[^0-9]", "");
    if (!NANP.matcher(digits).matches()) {
      return AddressCheck.invalid("phone.invalid", "That phone number is not valid.");
    }
    return AddressCheck.valid("+" + (digits.length() == 10 ? "1" + digits : digits));
  }

  private String prefix() {
    return channel == DeliveryChannel.EMAIL ? "email" : "phone";
  }

  @Override
  public synchronized DeliveryResult deliver(LinkMessage message) {
    DeliveryResult next = scripted.poll();
    if (next == null || next instanceof DeliveryResult.Sent || next instanceof DeliveryResult.OutcomeUnknown) {
      // an unknown outcome: the message was handed over, but the answer got lost
      delivered.add(message);
      return next == null ? new DeliveryResult.Sent("rec-" + delivered.size()) : next;
    }
    return next;
  }

  /**
   * The next deliveries return these results, in order, then deliveries succeed again. A scripted
   * {@link DeliveryResult.OutcomeUnknown} keeps its message, as if the provider had taken it.
   */
  public synchronized RecordingLinkNotifier failNext(DeliveryResult... results) {
    scripted.addAll(List.of(results));
    return this;
  }

  /**
   * Every message handed over, oldest first: delivered successfully, or scripted as {@link
   * DeliveryResult.OutcomeUnknown} (handed over, answer lost).
   */
  public synchronized List<LinkMessage> delivered() {
    return List.copyOf(delivered);
  }

  /** The last message delivered to {@code normalizedAddress}. */
  public synchronized Optional<LinkMessage> lastTo(String normalizedAddress) {
    for (int i = delivered.size() - 1; i >= 0; i--) {
      if (delivered.get(i).address().equals(normalizedAddress)) {
        return Optional.of(delivered.get(i));
      }
    }
    return Optional.empty();
  }
}
