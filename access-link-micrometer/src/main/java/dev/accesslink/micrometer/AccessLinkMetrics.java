package dev.accesslink.micrometer;

import static dev.accesslink.micrometer.DefaultAccessLinkObservationConvention.lower;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.OutboxBacklogUseCase;
import dev.accesslink.core.port.in.QuotaUsageUseCase;
import dev.accesslink.core.port.out.AccessLinkTelemetry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer metrics and observations of one {@code AccessLinks} instance: give it to the
 * builder, and its sends, deliveries, unlocks and door commands are counted and timed, and sends,
 * dispatcher passes and unlocks become observations (spans, when a tracer is set up).
 *
 * <pre>{@code
 * AccessLinkMetrics metrics = AccessLinkMetrics.of(meterRegistry, observationRegistry);
 * AccessLinks links = AccessLinks.builder()...telemetry(metrics).build();
 * metrics.bindQuotaUsage(links, OrganizationId.of("acme"));   // optional: accesslink.quota.used
 * }</pre>
 *
 * <p>The meters (names in the constants below; {@code docs/metrics.md} has the table) have only
 * low-cardinality tags: {@code channel}, {@code outcome}, {@code reason}, {@code result}; never an
 * organization, link, address or secret. They are registered when this object is built, so every
 * series exists from the start. One instance per {@code AccessLinks} and registry: two instances
 * on one registry share (and so add up in) the same counters and timers, and the outbox gauge
 * follows the first of them. Thread-safe.
 */
public final class AccessLinkMetrics implements AccessLinkTelemetry {
  /** Counter of send calls; tags {@code channel}, {@code outcome}. */
  public static final String LINKS_SENT = "accesslink.links.sent";
  /** Counter of delivery attempts; tags {@code channel}, {@code result}. */
  public static final String DELIVERIES = "accesslink.deliveries";
  /** Counter of unlock calls; tags {@code outcome}, {@code reason}. */
  public static final String UNLOCKS = "accesslink.unlocks";
  /**
   * Counter of the billable segments of the SMS the provider accepted, as the SMS notifier counts
   * them ({@code DeliveryResult.Sent#segments}); no tags.
   */
  public static final String SMS_SEGMENTS = "accesslink.sms.segments";
  /** Timer of door commands; tag {@code outcome}. */
  public static final String DOOR_COMMAND = "accesslink.door.command";
  /**
   * Gauge of pending deliveries; no tags. Bound with {@link #bindOutboxBacklog}: every pending
   * delivery in the store; otherwise: those the last dispatcher pass of this instance left pending.
   */
  public static final String OUTBOX_PENDING = "accesslink.outbox.pending";
  /** Gauge of quota units in use, for the organization given to {@link #bindQuotaUsage}; tag {@code channel}. */
  public static final String QUOTA_USED = "accesslink.quota.used";

  private final MeterRegistry registry;
  private final ObservationRegistry observations;
  private final @Nullable AccessLinkObservationConvention convention;
  private final Meters meters;
  private final Clock clock;
  private final ThreadLocal<@Nullable Frame> frames = new ThreadLocal<>();
  private final AtomicBoolean quotaBound = new AtomicBoolean();
  private final AtomicBoolean backlogBound = new AtomicBoolean();
  private volatile double outboxPending = Double.NaN;
  private volatile @Nullable BacklogProbe backlog;

  private AccessLinkMetrics(Builder b) {
    this.registry = b.registry;
    this.observations = b.observations;
    this.convention = b.convention;
    this.clock = registry.config().clock();
    this.meters = new Meters(registry);
    Gauge.builder(OUTBOX_PENDING, this, AccessLinkMetrics::pendingDeliveries)
        .description("Pending deliveries: in the store, once bound to the outbox backlog; otherwise those "
            + "the last dispatcher pass of this instance left pending (NaN before the first pass)")
        .strongReference(true)
        .register(registry);
  }

  /** Metrics on {@code meters} and observations on {@code observations}: the one-call wiring. */
  public static AccessLinkMetrics of(MeterRegistry meters, ObservationRegistry observations) {
    return builder(meters).observationRegistry(observations).build();
  }

  /** A builder for metrics on {@code meters}; no observations unless you add a registry. */
  public static Builder builder(MeterRegistry meters) {
    return new Builder(meters);
  }

  /**
   * Registers the gauges {@code accesslink.quota.used} (one per channel, tag {@code channel}):
   * the quota units {@code organization} has in use, read through {@code quota} (the {@code
   * AccessLinks} instance itself) when the registry is scraped, at most once a second. A failing
   * read shows as NaN. The gauges carry no organization tag, so only one organization can be
   * bound.
   *
   * @return this
   * @throws IllegalStateException when an organization is already bound
   */
  public AccessLinkMetrics bindQuotaUsage(QuotaUsageUseCase quota, OrganizationId organization) {
    Objects.requireNonNull(quota, "quota");
    Objects.requireNonNull(organization, "organization");
    if (!quotaBound.compareAndSet(false, true)) {
      throw new IllegalStateException("quota usage is already bound to an organization");
    }
    QuotaProbe probe = new QuotaProbe(quota, organization, clock);
    for (DeliveryChannel channel : DeliveryChannel.values()) {
      Gauge.builder(QUOTA_USED, probe, p -> p.used(channel))
          .description("Quota units in use by the configured organization (live links for EMAIL "
              + "and MANUAL, links created this month for SMS)")
          .tag("channel", lower(channel))
          .strongReference(true)
          .register(registry);
    }
    return this;
  }

  /**
   * Makes the gauge {@code accesslink.outbox.pending} show every pending delivery in the store (due,
   * waiting for a retry or being attempted, by any instance), read through {@code backlog} (the
   * {@code AccessLinks} instance itself) when the registry is scraped, at most once a second;
   * NaN when the read fails. Unbound, the gauge follows this instance's dispatcher passes.
   *
   * @return this
   * @throws IllegalStateException when a backlog is already bound
   */
  public AccessLinkMetrics bindOutboxBacklog(OutboxBacklogUseCase backlog) {
    Objects.requireNonNull(backlog, "backlog");
    if (!backlogBound.compareAndSet(false, true)) {
      throw new IllegalStateException("the outbox backlog is already bound");
    }
    this.backlog = new BacklogProbe(backlog, clock);
    return this;
  }

  private double pendingDeliveries() {
    BacklogProbe probe = backlog;
    return probe != null ? probe.pending() : outboxPending;
  }

  @Override
  public <T> T observe(Operation operation, Supplier<T> work) {
    if (operation == Operation.DOOR_COMMAND) {
      return timeDoorCommand(work);
    }
    if (observations.isNoop()) {
      return work.get();
    }
    AccessLinkObservationContext context = new AccessLinkObservationContext(operation);
    AccessLinkObservationConvention custom =
        convention != null && convention.supportsContext(context) ? convention : null;
    Observation observation = Observation.createNotStarted(
        custom, DefaultAccessLinkObservationConvention.INSTANCE, () -> context, observations).start();
    Frame frame = push(operation, context);
    try (Observation.Scope scope = observation.openScope()) {
      return work.get();
    } catch (RuntimeException | Error e) {
      observation.error(e);
      throw e;
    } finally {
      pop(frame);
      observation.stop();
    }
  }

  private <T> T timeDoorCommand(Supplier<T> work) {
    Frame frame = push(Operation.DOOR_COMMAND, null);
    long start = clock.monotonicTime();
    try {
      return work.get();
    } finally {
      pop(frame);
      DoorOutcome outcome = frame.door == null ? DoorOutcome.ERROR : frame.door;
      meters.door(outcome).record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void onSend(DeliveryChannel channel, SendOutcome outcome) {
    meters.sent(channel, outcome);
    AccessLinkObservationContext context = contextOf(Operation.SEND);
    if (context != null) {
      context.sent(channel, outcome);
    }
  }

  @Override
  public void onDelivery(DeliveryChannel channel, DeliveryOutcome outcome) {
    meters.delivered(channel, outcome);
  }

  @Override
  public void onSegmentsSent(DeliveryChannel channel, int segments) {
    meters.segmentsSent(channel, segments);
  }

  @Override
  public void onUnlock(UnlockResult outcome, Optional<DenialReason> reason) {
    DenialReason denial = reason.orElse(null);
    meters.unlocked(outcome, denial);
    AccessLinkObservationContext context = contextOf(Operation.UNLOCK);
    if (context != null) {
      context.unlocked(outcome, denial);
    }
  }

  @Override
  public void onDoorCommand(DoorOutcome outcome) {
    Frame frame = find(Operation.DOOR_COMMAND);
    if (frame != null) {
      frame.door = outcome;
    }
  }

  @Override
  public void onDispatch(int claimed, int leftPending) {
    outboxPending = leftPending;
    AccessLinkObservationContext context = contextOf(Operation.DISPATCH);
    if (context != null) {
      context.dispatched(claimed, leftPending);
    }
  }

  @Override
  public String toString() {
    return "AccessLinkMetrics[" + registry.getClass().getSimpleName() + "]";
  }

  // The operations running on this thread, innermost first: the events of an operation come on
  // its thread, inside its observe() (AccessLinkTelemetry's contract), and find it here.

  private Frame push(Operation operation, @Nullable AccessLinkObservationContext context) {
    Frame frame = new Frame(operation, context, frames.get());
    frames.set(frame);
    return frame;
  }

  private void pop(Frame frame) {
    if (frame.parent == null) {
      frames.remove();
    } else {
      frames.set(frame.parent);
    }
  }

  private @Nullable Frame find(Operation operation) {
    for (Frame f = frames.get(); f != null; f = f.parent) {
      if (f.operation == operation) {
        return f;
      }
    }
    return null;
  }

  private @Nullable AccessLinkObservationContext contextOf(Operation operation) {
    Frame frame = find(operation);
    return frame == null ? null : frame.context;
  }

  /** One operation running on a thread. */
  private static final class Frame {
    final Operation operation;
    final @Nullable AccessLinkObservationContext context;
    final @Nullable Frame parent;
    @Nullable DoorOutcome door;

    Frame(Operation operation, @Nullable AccessLinkObservationContext context, @Nullable Frame parent) {
      this.operation = operation;
      this.context = context;
      this.parent = parent;
    }
  }

  /** Builds {@link AccessLinkMetrics}. Not thread-safe; use once. */
  public static final class Builder {
    private final MeterRegistry registry;
    private ObservationRegistry observations = ObservationRegistry.NOOP;
    private @Nullable AccessLinkObservationConvention convention;

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Where the observations go; default {@link ObservationRegistry#NOOP} (none). */
    public Builder observationRegistry(ObservationRegistry observations) {
      this.observations = Objects.requireNonNull(observations, "observations");
      return this;
    }

    /**
     * Names and tags the observations whose context it {@linkplain
     * AccessLinkObservationConvention#supportsContext supports} instead of {@link
     * DefaultAccessLinkObservationConvention}; a name it gives ({@code getName()}) replaces the
     * name of each of them, so narrow {@code supportsContext} to one operation to rename one. For the
     * others, a convention registered on the observation registry comes before the default.
     */
    public Builder observationConvention(AccessLinkObservationConvention convention) {
      this.convention = Objects.requireNonNull(convention, "convention");
      return this;
    }

    /** Registers the meters and returns the telemetry to give to {@code AccessLinks.builder()}. */
    public AccessLinkMetrics build() {
      return new AccessLinkMetrics(this);
    }
  }
}
