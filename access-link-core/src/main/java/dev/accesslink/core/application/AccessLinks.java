package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.AccessLinkPage;
import dev.accesslink.core.port.in.DispatchDeliveriesUseCase;
import dev.accesslink.core.port.in.DispatchReport;
import dev.accesslink.core.port.in.GetAccessLinkUseCase;
import dev.accesslink.core.port.in.LinkResolution;
import dev.accesslink.core.port.in.ListAccessLinksQuery;
import dev.accesslink.core.port.in.ListAccessLinksUseCase;
import dev.accesslink.core.port.in.ListGroupsUseCase;
import dev.accesslink.core.port.in.RecentEventsUseCase;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.port.in.QuotaUsageReport;
import dev.accesslink.core.port.in.QuotaUsageUseCase;
import dev.accesslink.core.port.in.ResolveAccessLinkUseCase;
import dev.accesslink.core.port.in.RevokeAccessLinkCommand;
import dev.accesslink.core.port.in.RevokeAccessLinkUseCase;
import dev.accesslink.core.port.in.SaveOrganizationCommand;
import dev.accesslink.core.port.in.SaveOrganizationUseCase;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SendAccessLinkUseCase;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.SetQuotaLimitsCommand;
import dev.accesslink.core.port.in.SetQuotaLimitsUseCase;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockDoorUseCase;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.AccessLinkPersistence;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.AccessLinkTelemetry;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.core.port.out.SecretGenerator;
import dev.accesslink.core.port.out.UseLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The access-link library in one object: every use case, built from the out-ports you give it.
 *
 * <pre>{@code
 * AccessLinks links = AccessLinks.builder()
 *     .persistence(persistence)
 *     .notifier(emailNotifier).notifier(smsNotifier)
 *     .doors(doorController)
 *     .clock(Clock.systemUTC())
 *     .build();
 * SentAccessLink sent = links.send(SendAccessLinkCommand.manual(org, admin, "Ada", group, ValidityWindow.always()));
 * }</pre>
 *
 * <p>Thread-safe once built: share one instance. It implements every use-case interface of {@code
 * port.in} ({@link SendAccessLinkUseCase}, {@link UnlockDoorUseCase} ...): pass it as the one
 * interface a piece of code should depend on.
 *
 * <p>An instance owns up to two daemon threads: the delivery dispatcher ({@link
 * Builder#dispatchEvery}, on whenever a notifier is configured) and the writer of unlock
 * bookkeeping ({@link UnlockBookkeeping#IN_BACKGROUND}). {@link #close()} it when the application
 * stops, before closing the adapters you passed in (they are yours to close).
 */
public final class AccessLinks
    implements AutoCloseable, SendAccessLinkUseCase, ResolveAccessLinkUseCase, UnlockDoorUseCase,
        RevokeAccessLinkUseCase, ListAccessLinksUseCase, QuotaUsageUseCase, SetQuotaLimitsUseCase,
        DispatchDeliveriesUseCase, ListGroupsUseCase, RecentEventsUseCase, GetAccessLinkUseCase,
        SaveOrganizationUseCase {

  private final SendAccessLinkUseCase send;
  private final ResolveAccessLinkUseCase resolve;
  private final UnlockDoorUseCase unlock;
  private final RevokeAccessLinkUseCase revoke;
  private final ListAccessLinksUseCase list;
  private final QuotaUsageUseCase quota;
  private final SetQuotaLimitsUseCase setQuota;
  private final DispatchDeliveriesUseCase dispatch;
  private final ListGroupsUseCase groupList;
  private final RecentEventsUseCase recentEvents;
  private final GetAccessLinkUseCase getLink;
  private final SaveOrganizationUseCase saveOrganization;
  private final UseRecorder uses;
  private final @Nullable Dispatcher dispatcher;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private AccessLinks(Builder b) {
    WiredPorts ports = WiredPorts.resolve(b.persistence, b.links, b.outbox, b.uses, b.groups, b.organizations);
    LinkRecords links = ports.links();
    GroupDirectory groups = ports.groups();
    Organizations organizationPort = ports.organizations();
    AccessEvents events = ports.events();
    if (!b.directoryCacheTtl.isZero()) {
      DirectoryCache cache = new DirectoryCache(b.directoryCacheTtl, b.clock);
      groups = cache.wrap(groups);
      organizationPort = cache.wrap(organizationPort);
    }
    OrganizationLookup organizations = new OrganizationLookup(organizationPort);
    Audit audit = new Audit(events);
    AccessLinkTelemetry telemetry = GuardedTelemetry.guard(b.telemetry);
    DoorController doors = Instrumentation.doors(require(b.doors, "doors"), telemetry);
    this.uses = UseRecorder.create(b.unlockBookkeeping, ports.uses());
    Notifiers notifiers = new Notifiers(Instrumentation.notifiers(b.notifiers, telemetry));
    DeliveryAttempts attempts =
        new DeliveryAttempts(ports.outbox(), notifiers, b.secrets, audit, b.deliveryPolicy, b.clock);
    this.send = Instrumentation.send(new SendAccessLinkService(organizations, groups, links, notifiers, b.secrets,
        attempts, b.deliveryPolicy, b.clock, b.random), telemetry);
    this.resolve = new ResolveAccessLinkService(links, groups, organizations, b.clock);
    this.unlock = Instrumentation.unlock(
        new UnlockDoorService(links, uses, groups, doors, audit, b.doorPolicy, b.clock), telemetry);
    this.revoke = new RevokeAccessLinkService(organizations, links, audit, b.clock);
    this.list = new ListAccessLinksService(organizations, uses, links);
    this.quota = new QuotaUsageService(organizations, links, b.clock);
    this.setQuota = new SetQuotaLimitsService(organizations, audit, b.clock);
    this.dispatch = Instrumentation.dispatch(new DispatchDeliveriesService(ports.outbox(), links, groups,
        organizations, attempts, b.deliveryPolicy, b.clock), telemetry);
    this.groupList = new ListGroupsService(organizations, groups);
    this.recentEvents = new RecentEventsService(organizations, uses, events);
    this.getLink = new GetAccessLinkService(organizations, uses, links);
    this.saveOrganization = new SaveOrganizationService(organizations, audit, b.clock);
    Duration every = b.dispatchEvery != null ? b.dispatchEvery
        : b.notifiers.isEmpty() ? Duration.ZERO : Builder.DEFAULT_DISPATCH_PERIOD;
    this.dispatcher = every.isZero() ? null : Dispatcher.start(dispatch, every);
  }

  private static <T> T require(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalStateException("AccessLinks.builder(): " + name + "(...) is required");
    }
    return value;
  }

  /** A builder; persistence and doors are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SentAccessLink send(SendAccessLinkCommand command) {
    return send.send(command);
  }

  @Override
  public LinkResolution resolve(String presentedSecret) {
    return resolve.resolve(presentedSecret);
  }

  @Override
  public UnlockOutcome unlock(UnlockDoorCommand command) {
    return unlock.unlock(command);
  }

  @Override
  public AccessLink revoke(RevokeAccessLinkCommand command) {
    return revoke.revoke(command);
  }

  @Override
  public AccessLinkPage list(ListAccessLinksQuery query) {
    return list.list(query);
  }

  @Override
  public QuotaUsageReport quotaUsage(OrganizationId organization) {
    return quota.quotaUsage(organization);
  }

  @Override
  public void setQuotaLimits(SetQuotaLimitsCommand command) {
    setQuota.setQuotaLimits(command);
  }

  @Override
  public DispatchReport dispatchDue() {
    return dispatch.dispatchDue();
  }

  @Override
  public List<Group> groups(OrganizationId organization) {
    return groupList.groups(organization);
  }

  @Override
  public List<AccessEvent> recentEvents(OrganizationId organization, int limit) {
    return recentEvents.recentEvents(organization, limit);
  }

  @Override
  public AccessLink getLink(OrganizationId organization, AccessLinkId link) {
    return getLink.getLink(organization, link);
  }

  @Override
  public OrganizationSettings saveOrganization(SaveOrganizationCommand command) {
    return saveOrganization.saveOrganization(command);
  }

  /**
   * Waits until the bookkeeping (last use and {@code DOOR_UNLOCKED} event) of every unlock that
   * this instance answered before the call is stored. Reads through this instance ({@link #list},
   * {@link #recentEvents}) already do this; call it before reading the store another way, e.g. in
   * a test. Returns at once with {@link UnlockBookkeeping#BEFORE_ANSWER}.
   *
   * @return false if that did not happen within {@code timeout} (the store keeps failing)
   */
  public boolean awaitBookkeeping(Duration timeout) {
    return uses.await(Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * Stops this instance's threads, in this order:
   *
   * <ol>
   *   <li>the delivery dispatcher, if it runs: no further pass starts, and a running pass may
   *       finish (up to ten seconds; then it is interrupted, and its claims are retried after
   *       their lease by whichever dispatcher runs next);
   *   <li>the unlock bookkeeping writer: what is still queued is stored, waiting up to ten seconds
   *       for the store (an error is logged naming how many unlocks' bookkeeping could not be
   *       stored if the store kept failing).
   * </ol>
   *
   * <p>It closes no adapter: the store, directories, notifiers and door controller you passed to
   * the builder are yours to close, after this call (both steps above still use the store). Stop
   * taking requests before calling it. The use cases keep working after {@code close} (unlocks
   * then write their bookkeeping before answering; {@link #dispatchDue()} still runs when called),
   * but nothing runs in the background any more. Idempotent.
   */
  @Override
  public void close() {
    if (dispatcher != null) {
      dispatcher.close(CLOSE_WAIT);
    }
    uses.close(CLOSE_WAIT);
  }

  /** Builds {@link AccessLinks}. Not thread-safe; use once. */
  public static final class Builder {
    /** The default time-to-live of the organization and group cache: one second. */
    public static final Duration DEFAULT_DIRECTORY_CACHE = Duration.ofSeconds(1);
    /** The default delay between two passes of the delivery dispatcher: five seconds. */
    public static final Duration DEFAULT_DISPATCH_PERIOD = Duration.ofSeconds(5);

    private @Nullable AccessLinkPersistence persistence;
    private @Nullable LinkRecords links;
    private @Nullable DeliveryOutbox outbox;
    private @Nullable UseLog uses;
    private @Nullable GroupDirectory groups;
    private @Nullable Organizations organizations;
    private @Nullable DoorController doors;
    private final List<LinkNotifier> notifiers = new ArrayList<>();
    private SecretGenerator secrets = SecretGenerator.secureRandom();
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new SecureRandom();
    private DeliveryPolicy deliveryPolicy = DeliveryPolicy.defaults();
    private DoorPolicy doorPolicy = DoorPolicy.defaults();
    private Duration directoryCacheTtl = DEFAULT_DIRECTORY_CACHE;
    private UnlockBookkeeping unlockBookkeeping = UnlockBookkeeping.IN_BACKGROUND;
    private @Nullable Duration dispatchEvery;
    private AccessLinkTelemetry telemetry = AccessLinkTelemetry.none();

    private Builder() {}

    /**
     * Required: where everything is kept (links, outbox, unlock bookkeeping, groups, organizations
     * and the audit log), e.g. {@code JdbcAccessLinkPersistence} or {@link
     * dev.accesslink.core.memory.InMemoryAccessLinkPersistence}. The audit log comes only from here:
     * the stored ports append their events to it atomically with their writes, so the builder
     * offers no way to pass another one.
     */
    public Builder persistence(AccessLinkPersistence persistence) {
      this.persistence = Objects.requireNonNull(persistence);
      return this;
    }

    /**
     * Replaces the persistence's {@link LinkRecords}, e.g. by a decorator of them ({@link
     * dev.accesslink.core.port.out.ForwardingLinkRecords}). It must keep the same data and audit log.
     */
    public Builder links(LinkRecords links) {
      this.links = Objects.requireNonNull(links);
      return this;
    }

    /** Replaces the persistence's {@link DeliveryOutbox}, e.g. by a decorator of it. */
    public Builder outbox(DeliveryOutbox outbox) {
      this.outbox = Objects.requireNonNull(outbox);
      return this;
    }

    /** Replaces the persistence's {@link UseLog}, e.g. by a decorating lambda. */
    public Builder uses(UseLog uses) {
      this.uses = Objects.requireNonNull(uses);
      return this;
    }

    /** Replaces the persistence's groups, e.g. by the product's own directory. */
    public Builder groups(GroupDirectory groups) {
      this.groups = Objects.requireNonNull(groups);
      return this;
    }

    /** Replaces the persistence's organization settings. */
    public Builder organizations(Organizations organizations) {
      this.organizations = Objects.requireNonNull(organizations);
      return this;
    }

    /** Required: what opens doors. */
    public Builder doors(DoorController doors) {
      this.doors = Objects.requireNonNull(doors);
      return this;
    }

    /** A notifier for EMAIL or SMS; one per channel. Channels without one refuse to send. */
    public Builder notifier(LinkNotifier notifier) {
      notifiers.add(Objects.requireNonNull(notifier));
      return this;
    }

    /** Where secrets come from; default {@link SecretGenerator#secureRandom()}. */
    public Builder secrets(SecretGenerator secrets) {
      this.secrets = Objects.requireNonNull(secrets);
      return this;
    }

    /** The clock every instant comes from; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Randomness for link ids; default a {@link SecureRandom}. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /** Delivery attempts and retries; default {@link DeliveryPolicy#defaults()}. */
    public Builder deliveryPolicy(DeliveryPolicy policy) {
      this.deliveryPolicy = Objects.requireNonNull(policy);
      return this;
    }

    /** Unlock timeouts; default {@link DoorPolicy#defaults()}. */
    public Builder doorPolicy(DoorPolicy policy) {
      this.doorPolicy = Objects.requireNonNull(policy);
      return this;
    }

    /**
     * Caches organization settings and groups (with their doors) for {@code ttl}, saving one or two
     * reads on every send, resolve and unlock; {@link Duration#ZERO} turns the cache off. Default:
     * {@link #DEFAULT_DIRECTORY_CACHE} (one second). With a cache, a change made outside this
     * instance (a door removed from a group, a quota limit raised on another instance) takes effect
     * after at most {@code ttl}; revocations and quota counts are never cached and always take
     * effect at once.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    public Builder directoryCache(Duration ttl) {
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("ttl must not be negative");
      }
      this.directoryCacheTtl = ttl;
      return this;
    }

    /**
     * When an unlock's bookkeeping (last use and {@code DOOR_UNLOCKED} event) is written: by
     * default {@link UnlockBookkeeping#IN_BACKGROUND}, after the visitor has the answer, many
     * unlocks per store write; {@link UnlockBookkeeping#BEFORE_ANSWER} makes the visitor wait for
     * it.
     */
    public Builder unlockBookkeeping(UnlockBookkeeping when) {
      this.unlockBookkeeping = Objects.requireNonNull(when);
      return this;
    }

    /**
     * How often the instance's own dispatcher runs {@link AccessLinks#dispatchDue()}: the retries of failed
     * deliveries and the first attempts a crash left behind. By default it runs every {@link
     * #DEFAULT_DISPATCH_PERIOD} (five seconds) when at least one {@link #notifier} is configured,
     * and not at all without one; {@link Duration#ZERO} turns it off (schedule {@code
     * dispatchDue()} yourself then, or no failed delivery is ever retried). Each pass claims up
     * to {@link DeliveryPolicy#batchSize()} deliveries; {@code every} is the delay from the end of
     * one pass to the start of the next, the first pass starting one period after {@code build()}.
     *
     * <p>The dispatcher is one daemon thread named {@code access-links-dispatcher}, so a
     * forgotten {@link AccessLinks#close()} does not keep the JVM alive (a pass cut short by the
     * JVM's exit is taken up again after its lease). A pass that throws is logged through {@link
     * System.Logger} (logger {@code dev.accesslink.core.application.AccessLinks}, level {@code
     * WARNING}) and the next pass runs as planned. Several instances, in one process or many, may
     * dispatch at once: the store's claims keep them from sending a delivery twice.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    public Builder dispatchEvery(Duration every) {
      if (every.isNegative()) {
        throw new IllegalArgumentException("every must not be negative");
      }
      this.dispatchEvery = every;
      return this;
    }

    /**
     * Where metrics and traces go (the module {@code access-link-micrometer} has one); default
     * {@link AccessLinkTelemetry#none()}. Sends, dispatcher passes, unlocks and door commands run
     * inside {@link AccessLinkTelemetry#observe}, and their outcomes are reported to it; what it
     * throws is logged and does not fail a use case.
     */
    public Builder telemetry(AccessLinkTelemetry telemetry) {
      this.telemetry = Objects.requireNonNull(telemetry);
      return this;
    }

    /**
     * Builds the library.
     *
     * @throws IllegalStateException when {@link #persistence} or {@link #doors} was not given
     */
    public AccessLinks build() {
      return new AccessLinks(this);
    }
  }
}
