package dev.accesslink.micrometer;

import static dev.accesslink.micrometer.DefaultAccessLinkObservationConvention.lower;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.port.out.AccessLinkTelemetry.DeliveryOutcome;
import dev.accesslink.core.port.out.AccessLinkTelemetry.DoorOutcome;
import dev.accesslink.core.port.out.AccessLinkTelemetry.SendOutcome;
import dev.accesslink.core.port.out.AccessLinkTelemetry.UnlockResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The counters and timers, registered once up front (so that every series exists, at zero, from
 * the start, and the hot path only looks one up in an {@link EnumMap}). Thread-safe after
 * construction.
 */
final class Meters {
  private final Map<DeliveryChannel, Map<SendOutcome, Counter>> sent = new EnumMap<>(DeliveryChannel.class);
  private final Map<DeliveryChannel, Map<DeliveryOutcome, Counter>> deliveries = new EnumMap<>(DeliveryChannel.class);
  private final Map<UnlockResult, Counter> unlocks = new EnumMap<>(UnlockResult.class);
  private final Map<DenialReason, Counter> denials = new EnumMap<>(DenialReason.class);
  private final Map<DoorOutcome, Timer> door = new EnumMap<>(DoorOutcome.class);
  private final Counter smsSegments;

  Meters(MeterRegistry registry) {
    for (DeliveryChannel channel : DeliveryChannel.values()) {
      Map<SendOutcome, Counter> byOutcome = new EnumMap<>(SendOutcome.class);
      for (SendOutcome outcome : SendOutcome.values()) {
        byOutcome.put(outcome, Counter.builder(AccessLinkMetrics.LINKS_SENT)
            .description("Send calls: links issued, or refused, by channel and outcome")
            .tag("channel", lower(channel)).tag("outcome", lower(outcome))
            .register(registry));
      }
      sent.put(channel, byOutcome);
      if (channel == DeliveryChannel.MANUAL) {
        continue; // a manual link has no delivery
      }
      Map<DeliveryOutcome, Counter> byResult = new EnumMap<>(DeliveryOutcome.class);
      for (DeliveryOutcome result : DeliveryOutcome.values()) {
        byResult.put(result, Counter.builder(AccessLinkMetrics.DELIVERIES)
            .description("Delivery attempts of EMAIL and SMS links, by channel and the notifier's answer")
            .tag("channel", lower(channel)).tag("result", lower(result))
            .register(registry));
      }
      deliveries.put(channel, byResult);
    }
    for (UnlockResult outcome : UnlockResult.values()) {
      if (outcome == UnlockResult.DENIED) {
        for (DenialReason reason : DenialReason.values()) {
          denials.put(reason, unlockCounter(registry, outcome, lower(reason)));
        }
      } else {
        unlocks.put(outcome, unlockCounter(registry, outcome, "none"));
      }
    }
    for (DoorOutcome outcome : DoorOutcome.values()) {
      door.put(outcome, Timer.builder(AccessLinkMetrics.DOOR_COMMAND)
          .description("Unlock commands to doors, from sending to the lock's answer or the timeout")
          .tag("outcome", lower(outcome))
          .register(registry));
    }
    smsSegments = Counter.builder(AccessLinkMetrics.SMS_SEGMENTS)
        .description("Billable segments of the SMS the provider accepted (Twilio bills per segment)")
        .register(registry);
  }

  private static Counter unlockCounter(MeterRegistry registry, UnlockResult outcome, String reason) {
    return Counter.builder(AccessLinkMetrics.UNLOCKS)
        .description("Unlock calls, by outcome and, for a denied one, the reason")
        .tag("outcome", lower(outcome)).tag("reason", reason)
        .register(registry);
  }

  void sent(DeliveryChannel channel, SendOutcome outcome) {
    sent.get(channel).get(outcome).increment();
  }

  void delivered(DeliveryChannel channel, DeliveryOutcome outcome) {
    Map<DeliveryOutcome, Counter> byResult = deliveries.get(channel);
    if (byResult != null) {
      byResult.get(outcome).increment();
    }
  }

  void segmentsSent(DeliveryChannel channel, int segments) {
    if (channel == DeliveryChannel.SMS) {
      smsSegments.increment(segments);
    }
  }

  void unlocked(UnlockResult outcome, @Nullable DenialReason reason) {
    Counter counter = outcome != UnlockResult.DENIED ? unlocks.get(outcome)
        : reason == null ? null : denials.get(reason);
    if (counter != null) {
      counter.increment();
    }
  }

  Timer door(DoorOutcome outcome) {
    return door.get(outcome);
  }
}
