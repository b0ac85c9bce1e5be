package dev.accesslink.micrometer;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.port.out.AccessLinkTelemetry.Operation;
import dev.accesslink.core.port.out.AccessLinkTelemetry.SendOutcome;
import dev.accesslink.core.port.out.AccessLinkTelemetry.UnlockResult;
import io.micrometer.observation.Observation;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link AccessLinkObservationConvention} sees of one observed operation: which one it is
 * and, once the library has reported it, how it ended. Only low-cardinality values (enums and
 * counts): never a link, organization, address or secret. Filled on the thread that runs the
 * operation, read by the convention when the observation stops.
 */
public final class AccessLinkObservationContext extends Observation.Context {
  private final Operation operation;
  private @Nullable DeliveryChannel channel;
  private @Nullable SendOutcome sendOutcome;
  private @Nullable UnlockResult unlockResult;
  private @Nullable DenialReason denialReason;
  private int claimed = -1;
  private int leftPending = -1;

  /** A context for one run of {@code operation}, named {@link #nameOf}{@code (operation)}. */
  public AccessLinkObservationContext(Operation operation) {
    this.operation = Objects.requireNonNull(operation, "operation");
    setName(nameOf(operation));
  }

  /**
   * The observation name of {@code operation}: {@code accesslink.send}, {@code accesslink.dispatch},
   * {@code accesslink.unlock} (and {@code accesslink.door_command}, which this module times with a
   * plain timer instead).
   */
  public static String nameOf(Operation operation) {
    return NAMES.get(operation);
  }

  private static final java.util.Map<Operation, String> NAMES = names();

  private static java.util.Map<Operation, String> names() {
    java.util.Map<Operation, String> names = new java.util.EnumMap<>(Operation.class);
    for (Operation o : Operation.values()) {
      names.put(o, "accesslink." + o.name().toLowerCase(Locale.ROOT));
    }
    return java.util.Collections.unmodifiableMap(names);
  }

  /** The operation observed: {@code SEND}, {@code DISPATCH} or {@code UNLOCK}. */
  public Operation operation() {
    return operation;
  }

  /** For a send: the channel, once the send has ended. */
  public Optional<DeliveryChannel> channel() {
    return Optional.ofNullable(channel);
  }

  /** For a send: how it ended, once it has. */
  public Optional<SendOutcome> sendOutcome() {
    return Optional.ofNullable(sendOutcome);
  }

  /** For an unlock: how it ended, once it has. */
  public Optional<UnlockResult> unlockResult() {
    return Optional.ofNullable(unlockResult);
  }

  /** For a denied unlock: why. */
  public Optional<DenialReason> denialReason() {
    return Optional.ofNullable(denialReason);
  }

  /** For a dispatcher pass: the deliveries it claimed, or -1 before it has ended. */
  public int claimed() {
    return claimed;
  }

  /** For a dispatcher pass: the claimed deliveries still pending after it, or -1 before it has ended. */
  public int leftPending() {
    return leftPending;
  }

  void sent(DeliveryChannel channel, SendOutcome outcome) {
    this.channel = channel;
    this.sendOutcome = outcome;
  }

  void unlocked(UnlockResult result, @Nullable DenialReason reason) {
    this.unlockResult = result;
    this.denialReason = reason;
  }

  void dispatched(int claimed, int leftPending) {
    this.claimed = claimed;
    this.leftPending = leftPending;
  }
}
