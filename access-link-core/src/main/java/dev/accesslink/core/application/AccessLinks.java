package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.AccessLinkPage;
import dev.accesslink.core.port.in.DispatchDeliveriesUseCase;
import dev.accesslink.core.port.in.DispatchReport;
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
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SendAccessLinkUseCase;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.SetQuotaLimitsCommand;
import dev.accesslink.core.port.in.SetQuotaLimitsUseCase;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockDoorUseCase;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.AccessLinkStore;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.core.port.out.SecretGenerator;
import dev.accesslink.core.port.out.UnlockJournal;
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
 *     .store(store).groups(groups).organizations(organizations).events(events)
 *     .notifier(emailNotifier).notifier(smsNotifier)
 *     .doors(doorController)
 *     .unlockJournal(journal)
 *     .clock(Clock.systemUTC())
 *     .build();
 * SentAccessLink sent = links.send(SendAccessLinkCommand.manual(org, admin, "Ada", group, ValidityWindow.always()));
 * }</pre>
 *
 * <p>Thread-safe once built: share one instance. Each use case is also available as its own
 * interface ({@link #sendUseCase()} ...) for code that should depend on just one. {@link #close()}
 * it when the application stops: by default an unlock's bookkeeping is written in the background
 * (see {@link UnlockBookkeeping}), and {@code close} writes what is still queued. With an unlock
 * journal, {@link #build} first settles the unlock intents that a crash left behind (see {@link
 * #reconcileUnlocks()}), and a daemon thread repeats that every 30 seconds until {@code close}.
 */
public final class AccessLinks
    implements AutoCloseable, SendAccessLinkUseCase, ResolveAccessLinkUseCase, UnlockDoorUseCase,
        RevokeAccessLinkUseCase, ListAccessLinksUseCase, QuotaUsageUseCase, SetQuotaLimitsUseCase,
        DispatchDeliveriesUseCase, ListGroupsUseCase, RecentEventsUseCase {

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
  private final UseRecorder uses;
  private final @Nullable UnlockReconciler reconciler;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private AccessLinks(Builder b) {
    AccessLinkStore store = require(b.store, "store");
    GroupDirectory groups = require(b.groups, "groups");
    Organizations organizationPort = require(b.organizations, "organizations");
    if (!b.directoryCacheTtl.isZero()) {
      DirectoryCache cache = new DirectoryCache(b.directoryCacheTtl, b.clock);
      groups = cache.wrap(groups);
      organizationPort = cache.wrap(organizationPort);
    }
    OrganizationLookup organizations = new OrganizationLookup(organizationPort);
    AccessEvents events = require(b.events, "events");
    Audit audit = new Audit(events);
    DoorController doors = require(b.doors, "doors");
    UnlockJournal journal = b.unlockJournal;
    boolean guaranteed = b.unlockBookkeeping != UnlockBookkeeping.MAY_LOSE_OPENINGS_ON_CRASH;
    if (guaranteed && journal == null) {
      throw new IllegalStateException("AccessLinks.builder(): unlockJournal(...) is required with UnlockBookkeeping."
          + b.unlockBookkeeping + " (the default is GUARANTEED); or opt in to"
          + " unlockBookkeeping(UnlockBookkeeping.MAY_LOSE_OPENINGS_ON_CRASH)");
    }
    this.uses = UseRecorder.create(b.unlockBookkeeping, store, guaranteed ? journal : null);
    Notifiers notifiers = new Notifiers(b.notifiers);
    DeliveryAttempts attempts =
        new DeliveryAttempts(store, notifiers, b.secrets, audit, b.deliveryPolicy, b.clock);
    this.send = new SendAccessLinkService(organizations, groups, store, notifiers, b.secrets, attempts,
        b.deliveryPolicy, b.clock, b.random);
    this.resolve = new ResolveAccessLinkService(store, groups, organizations, b.clock);
    this.unlock = new UnlockDoorService(store, uses, groups, doors, audit, b.doorPolicy, b.clock,
        guaranteed ? new JournalWriter(journal) : null);
    this.revoke = new RevokeAccessLinkService(organizations, store, audit, b.clock);
    this.list = new ListAccessLinksService(organizations, uses, store);
    this.quota = new QuotaUsageService(organizations, store, b.clock);
    this.setQuota = new SetQuotaLimitsService(organizations, audit, b.clock);
    this.dispatch = new DispatchDeliveriesService(store, groups, organizations, attempts, b.deliveryPolicy, b.clock);
    this.groupList = new ListGroupsService(organizations, groups);
    this.recentEvents = new RecentEventsService(organizations, uses, events);
    // also in MAY_LOSE_OPENINGS_ON_CRASH: intents an earlier, guaranteed run left behind
    this.reconciler = journal == null ? null : new UnlockReconciler(journal, b.clock);
    if (reconciler != null) {
      reconciler.start();
    }
  }

  private static <T> T require(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalStateException("AccessLinks.builder(): " + name + "(...) is required");
    }
    return value;
  }

  /**
   * A builder; store, groups, organizations, events, doors and (unless unlocks may go unrecorded on
   * a crash) the unlock journal are required.
   */
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
   * Settles every unlock intent left behind, now: an intent whose command expired 30 seconds ago or
   * more and whose outcome was never stored (its instance crashed, or lost the database, between
   * writing the intent and storing the outcome) becomes an {@code UNLOCK_OUTCOME_UNKNOWN} event,
   * credited to the recipient, at the instant the command was sent; an intent whose outcome event
   * is stored is settled silently. Exactly once per intent, also with several instances
   * reconciling at the same time. {@link #build} does this once and a daemon thread every 30
   * seconds; call it to settle at a moment of your choosing.
   *
   * @return how many {@code UNLOCK_OUTCOME_UNKNOWN} events this call wrote (0 without a journal)
   * @throws dev.accesslink.core.domain.AccessLinkInfrastructureException if the journal fails
   */
  public int reconcileUnlocks() {
    return reconciler == null ? 0 : reconciler.reconcile();
  }

  /**
   * Stores the unlock bookkeeping still queued, waiting up to ten seconds for the store, and stops
   * the background writer; logs an error naming how many unlocks' bookkeeping could not be stored
   * if the store kept failing, and stops the reconciler thread. Does not close any port. The use
   * cases keep working after {@code close}: unlocks then write their bookkeeping before answering.
   * Idempotent.
   */
  @Override
  public void close() {
    uses.close(CLOSE_WAIT);
    if (reconciler != null) {
      reconciler.close();
    }
  }

  /** The send use case alone. */
  public SendAccessLinkUseCase sendUseCase() {
    return send;
  }

  /** The resolve use case alone. */
  public ResolveAccessLinkUseCase resolveUseCase() {
    return resolve;
  }

  /** The unlock use case alone. */
  public UnlockDoorUseCase unlockUseCase() {
    return unlock;
  }

  /** The revoke use case alone. */
  public RevokeAccessLinkUseCase revokeUseCase() {
    return revoke;
  }

  /** The list use case alone. */
  public ListAccessLinksUseCase listUseCase() {
    return list;
  }

  /** The quota usage use case alone. */
  public QuotaUsageUseCase quotaUsageUseCase() {
    return quota;
  }

  /** The set-quota-limits use case alone. */
  public SetQuotaLimitsUseCase setQuotaLimitsUseCase() {
    return setQuota;
  }

  /** The list-groups use case alone. */
  public ListGroupsUseCase listGroupsUseCase() {
    return groupList;
  }

  /** The audit-log use case alone. */
  public RecentEventsUseCase recentEventsUseCase() {
    return recentEvents;
  }

  /** The dispatcher alone. */
  public DispatchDeliveriesUseCase dispatchUseCase() {
    return dispatch;
  }

  /** Builds {@link AccessLinks}. Not thread-safe; use once. */
  public static final class Builder {
    /** The default time-to-live of the organization and group cache: one second. */
    public static final Duration DEFAULT_DIRECTORY_CACHE = Duration.ofSeconds(1);

    private @Nullable AccessLinkStore store;
    private @Nullable GroupDirectory groups;
    private @Nullable Organizations organizations;
    private @Nullable AccessEvents events;
    private @Nullable DoorController doors;
    private @Nullable UnlockJournal unlockJournal;
    private final List<LinkNotifier> notifiers = new ArrayList<>();
    private SecretGenerator secrets = SecretGenerator.secureRandom();
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new SecureRandom();
    private DeliveryPolicy deliveryPolicy = DeliveryPolicy.defaults();
    private DoorPolicy doorPolicy = DoorPolicy.defaults();
    private Duration directoryCacheTtl = DEFAULT_DIRECTORY_CACHE;
    private UnlockBookkeeping unlockBookkeeping = UnlockBookkeeping.GUARANTEED;

    private Builder() {}

    /** Required: where links live. */
    public Builder store(AccessLinkStore store) {
      this.store = Objects.requireNonNull(store);
      return this;
    }

    /** Required: groups and their doors. */
    public Builder groups(GroupDirectory groups) {
      this.groups = Objects.requireNonNull(groups);
      return this;
    }

    /** Required: organization settings. */
    public Builder organizations(Organizations organizations) {
      this.organizations = Objects.requireNonNull(organizations);
      return this;
    }

    /** Required: the audit log. */
    public Builder events(AccessEvents events) {
      this.events = Objects.requireNonNull(events);
      return this;
    }

    /** Required: what opens doors. */
    public Builder doors(DoorController doors) {
      this.doors = Objects.requireNonNull(doors);
      return this;
    }

    /**
     * Where unlock intents go before each door command (see {@link UnlockBookkeeping}): required
     * unless {@code unlockBookkeeping(MAY_LOSE_OPENINGS_ON_CRASH)}. Share it with the audit log of
     * {@link #events}; a JDBC adapter provides one on the same database.
     */
    public Builder unlockJournal(UnlockJournal journal) {
      this.unlockJournal = Objects.requireNonNull(journal);
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
     * How unlocks are recorded: by default {@link UnlockBookkeeping#GUARANTEED}, an intent in the
     * {@link #unlockJournal} before each command and the bookkeeping (last use and outcome event)
     * after the visitor has the answer, many unlocks per store write; {@link
     * UnlockBookkeeping#BEFORE_ANSWER} makes the visitor wait for the bookkeeping too; {@link
     * UnlockBookkeeping#MAY_LOSE_OPENINGS_ON_CRASH} writes no intent, and a crash can leave an
     * opened door without a record.
     */
    public Builder unlockBookkeeping(UnlockBookkeeping when) {
      this.unlockBookkeeping = Objects.requireNonNull(when);
      return this;
    }

    /**
     * Builds the library and settles the unlock intents left behind (a failure of that is logged
     * and retried by the reconciler thread, never thrown).
     *
     * @throws IllegalStateException when a required port is missing
     */
    public AccessLinks build() {
      return new AccessLinks(this);
    }
  }
}
