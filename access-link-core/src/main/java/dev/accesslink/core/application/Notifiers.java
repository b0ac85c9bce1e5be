package dev.accesslink.core.application;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.port.out.LinkNotifier;
import java.util.EnumMap;
import java.util.Map;

/** The configured notifier per channel. */
final class Notifiers {
  private final Map<DeliveryChannel, LinkNotifier> byChannel;

  Notifiers(Iterable<LinkNotifier> notifiers) {
    Map<DeliveryChannel, LinkNotifier> map = new EnumMap<>(DeliveryChannel.class);
    for (LinkNotifier n : notifiers) {
      DeliveryChannel c = n.channel();
      if (c == DeliveryChannel.MANUAL) {
        throw new IllegalArgumentException("MANUAL links have no notifier");
      }
      if (map.put(c, n) != null) {
        throw new IllegalArgumentException("two notifiers for " + c);
      }
    }
    this.byChannel = map;
  }

  LinkNotifier forChannel(DeliveryChannel channel) {
    LinkNotifier n = byChannel.get(channel);
    if (n == null) {
      throw new InvalidInputException(
          "channel.unsupported", "channel", "Sending links by " + channel + " is not set up here.");
    }
    return n;
  }
}
