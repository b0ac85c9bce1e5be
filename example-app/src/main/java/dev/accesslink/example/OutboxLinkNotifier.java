package dev.accesslink.example;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.port.out.AddressCheck;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.LinkMessage;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LinkNotifier} for the demo: it checks addresses exactly like the real adapter of its
 * channel (the normalizer is the adapter's), renders the message like the real adapter (the
 * renderer is the adapter's template where it exposes one), and delivers it into the {@link
 * DemoOutbox} instead of to an SMTP server or Twilio. Thread-safe.
 */
final class OutboxLinkNotifier implements dev.accesslink.core.port.out.LinkNotifier {

  /** A rendered message: subject ({@code null} for SMS) and text body. */
  record Rendered(@Nullable String subject, String body) {}

  private final DeliveryChannel channel;
  private final Function<String, AddressCheck> normalizer;
  private final Function<LinkMessage, Rendered> renderer;
  private final DemoOutbox outbox;
  private final Clock clock;
  private final AtomicLong sent = new AtomicLong();

  OutboxLinkNotifier(
      DeliveryChannel channel,
      Function<String, AddressCheck> normalizer,
      Function<LinkMessage, Rendered> renderer,
      DemoOutbox outbox,
      Clock clock) {
    if (channel == DeliveryChannel.MANUAL) {
      throw new IllegalArgumentException("MANUAL links are not delivered");
    }
    this.channel = channel;
    this.normalizer = Objects.requireNonNull(normalizer);
    this.renderer = Objects.requireNonNull(renderer);
    this.outbox = Objects.requireNonNull(outbox);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public DeliveryChannel channel() {
    return channel;
  }

  @Override
  public AddressCheck normalize(String rawAddress) {
    return normalizer.apply(rawAddress);
  }

  @Override
  public DeliveryResult deliver(LinkMessage message) {
    Rendered r = renderer.apply(message);
    outbox.add(new DemoOutbox.Message(clock.instant(), channel.name(), message.address(), r.subject(), r.body(),
        message.url().reveal(), message.link().toString()));
    return new DeliveryResult.Sent("demo-outbox-" + sent.incrementAndGet());
  }

  /** A plain e-mail, for when the e-mail adapter exposes no template. */
  static Rendered plainEmail(LinkMessage m) {
    return new Rendered("Your access link for " + m.organizationName(),
        "Hello " + m.recipient().name() + ",\n\n"
            + m.issuedBy() + " sent you an access link for " + m.organizationName() + " (" + m.groupName() + ": "
            + String.join(", ", m.doorNames()) + ").\n\n"
            + "Open it on your phone and press a door's button to unlock it:\n" + m.url().reveal() + "\n\n"
            + "Keep this link to yourself: anyone who has it can open these doors.\n");
  }

  /** A plain text message, for when the SMS adapter exposes no template. */
  static Rendered plainSms(LinkMessage m) {
    return new Rendered(null, m.organizationName() + ": hi " + m.recipient().name()
        + ", here is your access link (" + m.groupName() + "): " + m.url().reveal());
  }
}
