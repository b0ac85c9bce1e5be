package dev.accesslink.core.application;

import dev.accesslink.core.domain.Language;
import dev.accesslink.core.port.out.AccessLinkPersistence;
import dev.accesslink.core.port.out.AccessLinkTelemetry;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.core.port.out.SecretGenerator;
import dev.accesslink.core.port.out.SecretSealer;
import dev.accesslink.core.port.out.WebhookSender;
import dev.accesslink.core.port.out.UnlockJournal;
import dev.accesslink.core.port.out.UseLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link AccessLinks}: {@link #persistence} and {@link #doors} are required, everything else
 * has a documented default. Get one from {@link AccessLinks#builder()}. Not thread-safe; use once.
 */
public final class AccessLinksBuilder {
  /** The default time-to-live of the organization and group cache: one second. */
  public static final Duration DEFAULT_DIRECTORY_CACHE = Duration.ofSeconds(1);
  /** The default delay between two passes of the delivery dispatcher: five seconds. */
  public static final Duration DEFAULT_DISPATCH_PERIOD = Duration.ofSeconds(5);
  /** The default number of deliveries of one dispatcher pass attempted at once: four. */
  public static final int DEFAULT_DISPATCH_PARALLELISM = 4;
  /** The default delay between two passes of the webhook dispatcher: two seconds. */
  public static final Duration DEFAULT_WEBHOOK_DISPATCH_PERIOD = Duration.ofSeconds(2);

  @Nullable AccessLinkPersistence persistence;
  @Nullable LinkRecords links;
  @Nullable DeliveryOutbox outbox;
  @Nullable UseLog uses;
  @Nullable GroupDirectory groups;
  @Nullable Organizations organizations;
  @Nullable DoorController doors;
  @Nullable UnlockJournal unlockJournal;
  final List<LinkNotifier> notifiers = new ArrayList<>();
  SecretGenerator secrets = SecretGenerator.secureRandom();
  Clock clock = toMicros(Clock.systemUTC());
  RandomGenerator random = new SecureRandom();
  DeliveryPolicy deliveryPolicy = DeliveryPolicy.defaults();
  DoorPolicy doorPolicy = DoorPolicy.defaults();
  Duration directoryCacheTtl = DEFAULT_DIRECTORY_CACHE;
  UnlockBookkeeping unlockBookkeeping = UnlockBookkeeping.GUARANTEED;
  @Nullable Duration dispatchEvery;
  int dispatchParallelism = DEFAULT_DISPATCH_PARALLELISM;
  @Nullable WebhookSender webhookSender;
  @Nullable SecretSealer webhookSealer;
  WebhookPolicy webhookPolicy = WebhookPolicy.defaults();
  Duration webhookDispatchEvery = DEFAULT_WEBHOOK_DISPATCH_PERIOD;
  AccessLinkTelemetry telemetry = AccessLinkTelemetry.none();
  Set<Language> languages = Language.BUILT_IN;

  AccessLinksBuilder() {}

  /**
   * Required: where everything is kept (links, outbox, unlock bookkeeping, groups, organizations
   * and the audit log), e.g. {@code JdbcAccessLinkPersistence} or {@link
   * dev.accesslink.core.memory.InMemoryAccessLinkPersistence}. The audit log comes only from here:
   * the stored ports append their events to it atomically with their writes, so the builder
   * offers no way to pass another one.
   */
  public AccessLinksBuilder persistence(AccessLinkPersistence persistence) {
    this.persistence = Objects.requireNonNull(persistence);
    return this;
  }

  /**
   * Replaces the persistence's {@link LinkRecords}, e.g. by a decorator of them ({@link
   * dev.accesslink.core.port.out.ForwardingLinkRecords}). It must keep the same data and audit log.
   */
  public AccessLinksBuilder links(LinkRecords links) {
    this.links = Objects.requireNonNull(links);
    return this;
  }

  /** Replaces the persistence's {@link DeliveryOutbox}, e.g. by a decorator of it. */
  public AccessLinksBuilder outbox(DeliveryOutbox outbox) {
    this.outbox = Objects.requireNonNull(outbox);
    return this;
  }

  /** Replaces the persistence's {@link UseLog}, e.g. by a decorating lambda. */
  public AccessLinksBuilder uses(UseLog uses) {
    this.uses = Objects.requireNonNull(uses);
    return this;
  }

  /** Replaces the persistence's groups, e.g. by the product's own directory. */
  public AccessLinksBuilder groups(GroupDirectory groups) {
    this.groups = Objects.requireNonNull(groups);
    return this;
  }

  /** Replaces the persistence's organization settings. */
  public AccessLinksBuilder organizations(Organizations organizations) {
    this.organizations = Objects.requireNonNull(organizations);
    return this;
  }

  /**
   * Replaces the persistence's {@link UnlockJournal}, where an unlock's intent is kept before its
   * door command is sent (see {@link UnlockBookkeeping#GUARANTEED}).
   */
  public AccessLinksBuilder unlockJournal(UnlockJournal journal) {
    this.unlockJournal = Objects.requireNonNull(journal);
    return this;
  }

  /** Required: what opens doors. */
  public AccessLinksBuilder doors(DoorController doors) {
    this.doors = Objects.requireNonNull(doors);
    return this;
  }

  /** A notifier for EMAIL or SMS; one per channel. Channels without one refuse to send. */
  public AccessLinksBuilder notifier(LinkNotifier notifier) {
    notifiers.add(Objects.requireNonNull(notifier));
    return this;
  }

  /** Where secrets come from; default {@link SecretGenerator#secureRandom()}. */
  public AccessLinksBuilder secrets(SecretGenerator secrets) {
    this.secrets = Objects.requireNonNull(secrets);
    return this;
  }

  /**
   * The clock every instant comes from; default {@link Clock#systemUTC()}. Its instants are
   * truncated to the microsecond, the precision every store keeps, so that what a use case
   * answers (a link's {@code createdAt}, say) is what a later read returns.
   */
  public AccessLinksBuilder clock(Clock clock) {
    this.clock = toMicros(Objects.requireNonNull(clock));
    return this;
  }

  private static Clock toMicros(Clock clock) {
    return Clock.tick(clock, java.time.Duration.ofNanos(1_000));
  }

  /** Randomness for link ids; default a {@link SecureRandom}. */
  public AccessLinksBuilder random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random);
    return this;
  }

  /** Delivery attempts and retries; default {@link DeliveryPolicy#defaults()}. */
  public AccessLinksBuilder deliveryPolicy(DeliveryPolicy policy) {
    this.deliveryPolicy = Objects.requireNonNull(policy);
    return this;
  }

  /**
   * The languages a link or an organization's default may be written in; default {@link
   * Language#BUILT_IN} (English, Spanish, French, German: the languages the e-mail and SMS
   * notifiers ship translations for). Offer another only with its translations (see the
   * notifiers' templates): a send in a language not offered is refused with {@code
   * language.unsupported}. Must contain English, the language missing translations fall back to.
   */
  public AccessLinksBuilder languages(Set<Language> offered) {
    Set<Language> copy = Set.copyOf(offered);
    if (!copy.contains(Language.ENGLISH)) {
      throw new IllegalArgumentException("the languages offered must include English, the fallback");
    }
    this.languages = copy;
    return this;
  }

  /** Unlock timeouts; default {@link DoorPolicy#defaults()}. */
  public AccessLinksBuilder doorPolicy(DoorPolicy policy) {
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
  public AccessLinksBuilder directoryCache(Duration ttl) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative");
    }
    this.directoryCacheTtl = ttl;
    return this;
  }

  /**
   * How unlocks are recorded: by default {@link UnlockBookkeeping#GUARANTEED}, an intent in the
   * persistence's {@link UnlockJournal} before each command and the bookkeeping (last use and
   * outcome event) after the visitor has the answer, many unlocks per store write; {@link
   * UnlockBookkeeping#BEFORE_ANSWER} makes the visitor wait for the bookkeeping too; {@link
   * UnlockBookkeeping#MAY_LOSE_OPENINGS_ON_CRASH} writes no intent, and a crash can leave an opened
   * door without a record.
   */
  public AccessLinksBuilder unlockBookkeeping(UnlockBookkeeping when) {
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
  public AccessLinksBuilder dispatchEvery(Duration every) {
    if (every.isNegative()) {
      throw new IllegalArgumentException("every must not be negative");
    }
    this.dispatchEvery = every;
    return this;
  }

  /**
   * How many deliveries of one dispatcher pass ({@link AccessLinks#dispatchDue()}, whether the
   * instance's own dispatcher or your code calls it) are attempted at once; default {@link
   * #DEFAULT_DISPATCH_PARALLELISM} (four). A delivery mostly waits for its provider (an SMTP
   * conversation, an SMS API call), so a backlog drains about that many times faster; {@code 1}
   * attempts them one after the other on the calling thread, as before this setting existed.
   *
   * <p>The claims do not change: a pass claims up to {@link DeliveryPolicy#batchSize()}
   * deliveries under one lease, each is attempted by exactly one thread, and the pass returns once
   * every attempt of its batch has recorded its result, so its {@link
   * dev.accesslink.core.port.in.DispatchReport} counts them all. The attempts run on daemon
   * threads named {@code access-links-delivery-N}, started when a pass has more than one delivery
   * and ended after 30 idle seconds; {@link AccessLinks#close()} waits for the attempts under way.
   * The notifiers must be thread-safe (as {@link LinkNotifier} requires) and the store's pool
   * should have a connection for each (the pass itself and the webhook dispatcher need others).
   *
   * @throws IllegalArgumentException if {@code parallelism} is less than 1
   */
  public AccessLinksBuilder dispatchParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.dispatchParallelism = parallelism;
    return this;
  }

  /**
   * Where metrics and traces go (the module {@code access-link-micrometer} has one); default
   * {@link AccessLinkTelemetry#none()}. Sends, dispatcher passes, unlocks and door commands run
   * inside {@link AccessLinkTelemetry#observe}, and their outcomes are reported to it; what it
   * throws is logged and does not fail a use case.
   */
  public AccessLinksBuilder telemetry(AccessLinkTelemetry telemetry) {
    this.telemetry = Objects.requireNonNull(telemetry);
    return this;
  }

  /**
   * Turns on webhooks (events out): the organizations' endpoints, kept by the persistence's {@link
   * AccessLinkPersistence#webhookEndpoints()}, receive the audit events they subscribe to through
   * {@code sender} (e.g. {@code HttpWebhookSender} of the module {@code adapter-webhook}), signed
   * with secrets that are stored sealed by {@code sealer} (e.g. {@code AesGcmSecretSealer} of the
   * same module, with a key kept outside the database). The instance then owns a webhook dispatcher thread, {@code
   * access-links-webhooks} (see {@link #webhookDispatchEvery}). Without this call the webhook use
   * cases throw {@link IllegalStateException}.
   */
  public AccessLinksBuilder webhooks(WebhookSender sender, SecretSealer sealer) {
    this.webhookSender = Objects.requireNonNull(sender);
    this.webhookSealer = Objects.requireNonNull(sealer);
    return this;
  }

  /** Which endpoint URLs are accepted and how deliveries are retried; default {@link WebhookPolicy#defaults()}. */
  public AccessLinksBuilder webhookPolicy(WebhookPolicy policy) {
    this.webhookPolicy = Objects.requireNonNull(policy);
    return this;
  }

  /**
   * How often the webhook dispatcher runs {@link AccessLinks#dispatchWebhooks()} when {@link
   * #webhooks} is configured; default {@link #DEFAULT_WEBHOOK_DISPATCH_PERIOD}; {@link
   * Duration#ZERO} turns the thread off (then schedule {@code dispatchWebhooks()} yourself). Like
   * the delivery dispatcher: one daemon thread, a failing pass is logged and the next runs, and
   * several instances may dispatch at once.
   *
   * @throws IllegalArgumentException for a negative duration
   */
  public AccessLinksBuilder webhookDispatchEvery(Duration every) {
    if (every.isNegative()) {
      throw new IllegalArgumentException("every must not be negative");
    }
    this.webhookDispatchEvery = every;
    return this;
  }

  /**
   * Builds the library and settles the unlock intents a crash left behind (a failure of that is
   * logged and retried by the reconciler thread, never thrown).
   *
   * @throws IllegalStateException when {@link #persistence} or {@link #doors} was not given
   */
  public AccessLinks build() {
    return new AccessLinks(this);
  }
}
