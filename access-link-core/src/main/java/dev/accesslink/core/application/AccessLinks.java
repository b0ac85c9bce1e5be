package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.LinkPolicy;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.port.in.DoorLinkAccessUseCase;
import dev.accesslink.core.port.in.GetOrganizationUseCase;
import dev.accesslink.core.port.in.LinkPolicyUseCase;
import dev.accesslink.core.port.in.SetDoorLinkAccessCommand;
import dev.accesslink.core.port.in.SetLinkPolicyCommand;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.AccessLinkPage;
import dev.accesslink.core.port.in.DispatchDeliveriesUseCase;
import dev.accesslink.core.port.in.DispatchReport;
import dev.accesslink.core.port.in.GetAccessLinkUseCase;
import dev.accesslink.core.port.in.LinkResolution;
import dev.accesslink.core.port.in.ListAccessLinksQuery;
import dev.accesslink.core.port.in.ListAccessLinksUseCase;
import dev.accesslink.core.port.in.ListGroupsUseCase;
import dev.accesslink.core.port.in.OutboxBacklogReport;
import dev.accesslink.core.port.in.OutboxBacklogUseCase;
import dev.accesslink.core.port.in.RecentEventsUseCase;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.port.in.QuotaUsageReport;
import dev.accesslink.core.port.in.QuotaUsageUseCase;
import dev.accesslink.core.port.in.ResolveAccessLinkUseCase;
import dev.accesslink.core.port.in.RevokeAccessLinkCommand;
import dev.accesslink.core.port.in.RevokeAccessLinkUseCase;
import dev.accesslink.core.port.in.ResendAccessLinkCommand;
import dev.accesslink.core.port.in.ChangeValidityWindowCommand;
import dev.accesslink.core.port.in.ChangeValidityWindowUseCase;
import dev.accesslink.core.port.in.DeliveryReportCommand;
import dev.accesslink.core.port.in.DeliveryReportResult;
import dev.accesslink.core.port.in.RecordDeliveryReportUseCase;
import dev.accesslink.core.port.in.ResendAccessLinkUseCase;
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
import dev.accesslink.core.port.out.AccessLinkTelemetry;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.core.port.out.WebhookOutbox;
import dev.accesslink.core.port.in.CreateWebhookEndpointCommand;
import dev.accesslink.core.port.in.CreatedWebhookEndpoint;
import dev.accesslink.core.port.in.DispatchWebhooksUseCase;
import dev.accesslink.core.port.in.ManageWebhooksUseCase;
import dev.accesslink.core.port.in.WebhookDispatchReport;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.WebhookDelivery;
import dev.accesslink.core.domain.WebhookEndpoint;
import dev.accesslink.core.domain.WebhookEndpointId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
 * <p>An instance owns a few daemon threads: the delivery dispatcher ({@link
 * AccessLinksBuilder#dispatchEvery}, on whenever a notifier is configured) and, while a pass has
 * deliveries to attempt, up to {@link AccessLinksBuilder#dispatchParallelism} delivery workers
 * (ended after 30 idle seconds), the webhook dispatcher
 * ({@link AccessLinksBuilder#webhooks}), the writer of unlock
 * bookkeeping (see {@link UnlockBookkeeping}) and the reconciler that settles the unlock intents a
 * crash left behind ({@link #reconcileUnlocks()}: once in {@code build()}, then every 30 seconds).
 * {@link #close()} it when the application stops, before closing the adapters you passed in (they
 * are yours to close).
 */
public final class AccessLinks
    implements AutoCloseable, SendAccessLinkUseCase, ResolveAccessLinkUseCase, UnlockDoorUseCase,
        RevokeAccessLinkUseCase, ListAccessLinksUseCase, QuotaUsageUseCase, SetQuotaLimitsUseCase,
        DispatchDeliveriesUseCase, ListGroupsUseCase, RecentEventsUseCase, GetAccessLinkUseCase,
        SaveOrganizationUseCase, OutboxBacklogUseCase, DoorLinkAccessUseCase, LinkPolicyUseCase,
        GetOrganizationUseCase, ResendAccessLinkUseCase, RecordDeliveryReportUseCase, ChangeValidityWindowUseCase,
        ManageWebhooksUseCase, DispatchWebhooksUseCase {

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
  private final OutboxBacklogUseCase backlog;
  private final DoorLinkAccessUseCase doorLinkAccess;
  private final LinkPolicyUseCase linkPolicy;
  private final OrganizationLookup organizationLookup;
  private final ResendAccessLinkUseCase resendLink;
  private final RecordDeliveryReportUseCase deliveryReports;
  private final ChangeValidityWindowUseCase windows;
  private final UseRecorder uses;
  private final UseRecorder lateUses;
  private final @Nullable Dispatcher dispatcher;
  private final DeliveryWorkers deliveryWorkers;
  private final @Nullable ManageWebhooksUseCase webhooks;
  private final @Nullable DispatchWebhooksUseCase webhookDispatch;
  private final @Nullable Dispatcher webhookDispatcher;
  private final UnlockReconciler reconciler;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  AccessLinks(AccessLinksBuilder b) {
    WiredPorts ports = WiredPorts.resolve(b.persistence, b.links, b.outbox, b.uses, b.groups, b.organizations,
        b.unlockJournal);
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
    boolean guaranteed = b.unlockBookkeeping != UnlockBookkeeping.MAY_LOSE_OPENINGS_ON_CRASH;
    this.uses = UseRecorder.create(b.unlockBookkeeping, ports.uses(), guaranteed ? ports.journal() : null);
    Notifiers notifiers = new Notifiers(Instrumentation.notifiers(b.notifiers, telemetry));
    DeliveryAttempts attempts =
        new DeliveryAttempts(ports.outbox(), notifiers, b.secrets, audit, b.deliveryPolicy, b.clock);
    this.send = Instrumentation.send(new SendAccessLinkService(organizations, groups, links, notifiers, b.secrets,
        attempts, b.deliveryPolicy, b.clock, b.random, b.languages), telemetry);
    this.resolve = new ResolveAccessLinkService(links, groups, organizations, b.clock);
    this.lateUses = UseRecorder.forLateAnswers(uses, ports.uses(), guaranteed ? ports.journal() : null);
    this.unlock = Instrumentation.unlock(
        new UnlockDoorService(links, ports.useCounter(), organizations, uses, groups, doors, audit, b.doorPolicy,
            b.clock, guaranteed ? new JournalWriter(ports.journal()) : null, lateUses), telemetry);
    this.revoke = new RevokeAccessLinkService(organizations, links, audit, b.clock);
    this.list = new ListAccessLinksService(organizations, uses, links);
    this.quota = new QuotaUsageService(organizations, links, b.clock);
    this.setQuota = new SetQuotaLimitsService(organizations, audit, b.clock);
    this.deliveryWorkers = new DeliveryWorkers(b.dispatchParallelism);
    this.dispatch = Instrumentation.dispatch(new DispatchDeliveriesService(ports.outbox(), links, groups,
        organizations, attempts, b.deliveryPolicy, b.clock, deliveryWorkers), telemetry);
    this.groupList = new ListGroupsService(organizations, groups);
    this.recentEvents = new RecentEventsService(organizations, uses, events);
    this.getLink = new GetAccessLinkService(organizations, uses, links);
    this.saveOrganization = new SaveOrganizationService(organizations, audit, b.clock, b.languages);
    this.backlog = new OutboxBacklogService(ports.outbox(), b.clock);
    this.doorLinkAccess = new DoorLinkAccessService(organizations, groups, audit, b.clock);
    this.linkPolicy = new LinkPolicyService(organizations, audit, b.clock);
    this.organizationLookup = organizations;
    this.resendLink = new ResendAccessLinkService(organizations, groups, links, notifiers, b.secrets, attempts, audit,
        b.deliveryPolicy, b.clock);
    this.deliveryReports = new RecordDeliveryReportService(ports.outbox(), audit, b.clock);
    this.windows = new ChangeValidityWindowService(organizations, links, audit, b.clock);
    Duration every = b.dispatchEvery != null ? b.dispatchEvery
        : b.notifiers.isEmpty() ? Duration.ZERO : AccessLinksBuilder.DEFAULT_DISPATCH_PERIOD;
    this.dispatcher = every.isZero() ? null : Dispatcher.start(dispatch, every);
    if (b.webhookSender != null && b.webhookSealer != null) {
      WebhookOutbox webhookOutbox = Objects.requireNonNull(b.persistence.webhookOutbox(),
          "AccessLinks.builder(): the persistence's webhookOutbox() returned null");
      this.webhooks = new ManageWebhooksService(organizations, Objects.requireNonNull(
          b.persistence.webhookEndpoints(), "AccessLinks.builder(): the persistence's webhookEndpoints() returned null"),
          webhookOutbox, b.webhookSealer, b.webhookPolicy, b.clock);
      DispatchWebhooksUseCase wd = new DispatchWebhooksService(webhookOutbox, b.webhookSender, b.webhookSealer,
          b.webhookPolicy, b.clock, b.random);
      this.webhookDispatch = wd;
      this.webhookDispatcher = b.webhookDispatchEvery.isZero() ? null
          : Dispatcher.start(wd::dispatchWebhooks, Dispatcher.WEBHOOK_THREAD_NAME, "webhook dispatcher",
              b.webhookDispatchEvery);
    } else {
      this.webhooks = null;
      this.webhookDispatch = null;
      this.webhookDispatcher = null;
    }
    // also in MAY_LOSE_OPENINGS_ON_CRASH: intents an earlier, guaranteed run left behind
    this.reconciler = new UnlockReconciler(ports.journal(), b.clock);
    reconciler.start();
  }

  private static <T> T require(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalStateException("AccessLinks.builder(): " + name + "(...) is required");
    }
    return value;
  }

  /** A builder; persistence and doors are required. */
  public static AccessLinksBuilder builder() {
    return new AccessLinksBuilder();
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

  @Override
  public OutboxBacklogReport outboxBacklog(Duration overdueAfter) {
    return backlog.outboxBacklog(overdueAfter);
  }

  @Override
  public Door setDoorLinkAccess(SetDoorLinkAccessCommand command) {
    return doorLinkAccess.setDoorLinkAccess(command);
  }

  @Override
  public OrganizationSettings organization(OrganizationId organization) {
    return organizationLookup.require(organization);
  }

  @Override
  public LinkPolicy linkPolicy(OrganizationId organization) {
    return linkPolicy.linkPolicy(organization);
  }

  @Override
  public LinkPolicy setLinkPolicy(SetLinkPolicyCommand command) {
    return linkPolicy.setLinkPolicy(command);
  }

  @Override
  public SentAccessLink resend(ResendAccessLinkCommand command) {
    return resendLink.resend(command);
  }

  @Override
  public DeliveryReportResult recordDeliveryReport(DeliveryReportCommand report) {
    return deliveryReports.recordDeliveryReport(report);
  }

  @Override
  public AccessLink changeWindow(ChangeValidityWindowCommand command) {
    return windows.changeWindow(command);
  }

  private ManageWebhooksUseCase webhooks() {
    return require(webhooks, "webhooks");
  }

  @Override
  public CreatedWebhookEndpoint createWebhookEndpoint(CreateWebhookEndpointCommand command) {
    return webhooks().createWebhookEndpoint(command);
  }

  @Override
  public List<WebhookEndpoint> webhookEndpoints(OrganizationId organization) {
    return webhooks().webhookEndpoints(organization);
  }

  @Override
  public void deleteWebhookEndpoint(OrganizationId organization, WebhookEndpointId endpoint, AdminId admin) {
    webhooks().deleteWebhookEndpoint(organization, endpoint, admin);
  }

  @Override
  public CreatedWebhookEndpoint rotateWebhookSecret(
      OrganizationId organization, WebhookEndpointId endpoint, AdminId admin) {
    return webhooks().rotateWebhookSecret(organization, endpoint, admin);
  }

  @Override
  public WebhookEndpoint enableWebhookEndpoint(OrganizationId organization, WebhookEndpointId endpoint, AdminId admin) {
    return webhooks().enableWebhookEndpoint(organization, endpoint, admin);
  }

  @Override
  public List<WebhookDelivery> webhookDeliveries(OrganizationId organization, WebhookEndpointId endpoint, int limit) {
    return webhooks().webhookDeliveries(organization, endpoint, limit);
  }

  /**
   * {@inheritDoc} The instance's webhook dispatcher does this every {@link
   * AccessLinksBuilder#webhookDispatchEvery}; call it to dispatch at a moment of your choosing.
   *
   * @throws IllegalStateException when the builder was not given {@link AccessLinksBuilder#webhooks}
   */
  @Override
  public WebhookDispatchReport dispatchWebhooks() {
    return require(webhookDispatch, "webhooks").dispatchWebhooks();
  }

  /**
   * Waits until the bookkeeping (last use and {@code DOOR_UNLOCKED} event) of every unlock that
   * this instance answered before the call is stored. Reads through this instance ({@link #list},
   * {@link #recentEvents}) already do this; call it before reading the store another way, e.g. in
   * a test. The same holds for the late {@code DOOR_UNLOCKED} of every door whose late answer the
   * door controller reported before the call (see {@link DoorPolicy}). With {@link
   * UnlockBookkeeping#BEFORE_ANSWER} only late openings can be waited for.
   *
   * @return false if that did not happen within {@code timeout} (the store keeps failing)
   */
  public boolean awaitBookkeeping(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return uses.await(timeout) && (lateUses == uses || lateUses.await(timeout));
  }

  /**
   * Settles every unlock intent left behind, now: an intent whose command expired 30 seconds ago or
   * more and whose outcome was never stored (its instance crashed, or lost the database, between
   * writing the intent and storing the outcome) becomes an {@code UNLOCK_OUTCOME_UNKNOWN} event,
   * credited to the recipient, at the instant the command was sent; an intent whose outcome event
   * is stored is settled silently. Exactly once per intent, also with several instances
   * reconciling at the same time. {@link AccessLinksBuilder#build} does this once and a daemon thread every 30
   * seconds; call it to settle at a moment of your choosing.
   *
   * @return how many {@code UNLOCK_OUTCOME_UNKNOWN} events this call wrote
   * @throws dev.accesslink.core.domain.AccessLinkInfrastructureException if the journal fails
   */
  public int reconcileUnlocks() {
    return reconciler.reconcile();
  }

  /**
   * Stops this instance's threads, in this order:
   *
   * <ol>
   *   <li>the delivery dispatcher, if it runs: no further pass starts, and a running pass may
   *       finish (up to ten seconds; then it is interrupted, and its claims are retried after
   *       their lease by whichever dispatcher runs next);
   *   <li>the delivery workers ({@link AccessLinksBuilder#dispatchParallelism}): attempts under
   *       way finish, up to ten seconds (then they are interrupted, and their claims are retried
   *       after the lease); a later {@link #dispatchDue()} attempts its batch on the caller's thread;
   *   <li>the webhook dispatcher, if it runs, the same way (a delivery it sent but could not
   *       record is sent again after its lease, with the same event id);
   *   <li>the unlock bookkeeping writer: what is still queued is stored, waiting up to ten seconds
   *       for the store (an error is logged naming how many unlocks' bookkeeping could not be
   *       stored if the store kept failing);
   *   <li>the unlock reconciler.
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
    deliveryWorkers.close(CLOSE_WAIT);
    if (webhookDispatcher != null) {
      webhookDispatcher.close(CLOSE_WAIT);
    }
    uses.close(CLOSE_WAIT);
    if (lateUses != uses) {
      lateUses.close(CLOSE_WAIT);
    }
    reconciler.close();
  }
}
