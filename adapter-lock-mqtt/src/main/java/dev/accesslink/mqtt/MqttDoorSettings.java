package dev.accesslink.mqtt;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.mqtt.internal.Checks;
import dev.accesslink.mqtt.internal.TopicTemplate;
import dev.accesslink.mqtt.internal.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Settings of an {@link MqttDoorController}. Immutable and thread-safe; build with {@link
 * #builder(String)}. No secret (password, signing keys) is ever part of {@link #toString()}.
 *
 * <p>A final class with a builder rather than a record, so that a new option never changes a
 * public constructor.
 */
public final class MqttDoorSettings {
  /** The default command topic template. */
  public static final String DEFAULT_COMMAND_TOPIC = "accesslink/{organization}/doors/{door}/commands";
  /** The default availability topic template. */
  public static final String DEFAULT_AVAILABILITY_TOPIC = "accesslink/{organization}/doors/{door}/availability";
  /** The default response topic template. */
  public static final String DEFAULT_REPLY_TOPIC = "accesslink/{organization}/replies/{client}";


  private final String serverUri;
  private final String clientId;
  private final Optional<MqttCredentials> credentials;
  private final Optional<SSLContext> tls;
  private final boolean tcpNoDelay;
  private final Duration sessionExpiry;
  private final Duration keepAlive;
  private final Duration connectionTimeout;
  private final Duration maxReconnectDelay;
  private final Duration messageExpiry;
  private final Duration clockSkewAllowance;
  private final String commandTopic;
  private final String availabilityTopic;
  private final String replyTopic;
  private final LockProfile.AccessLinkJson defaultProfile;
  private final Map<OrganizationId, Map<DoorId, LockProfile>> doorProfiles;
  private final Map<OrganizationId, Map<DoorId, CommandKeys>> commandKeys;
  private final boolean trackAvailability;
  private final Clock clock;
  private final Consumer<LateAnswer> lateAnswers;

  private MqttDoorSettings(Builder b) {
    this.serverUri = Objects.requireNonNull(b.serverUri, "serverUri");
    Checks.serverUri(serverUri);
    this.clientId = Topics.checkLevel(b.clientId, "clientId");
    this.credentials = b.credentials;
    this.tls = b.tls;
    this.tcpNoDelay = b.tcpNoDelay;
    this.sessionExpiry = Checks.nonNegative(b.sessionExpiry, "sessionExpiry");
    this.keepAlive = Checks.positive(b.keepAlive, "keepAlive");
    this.connectionTimeout = Checks.positive(b.connectionTimeout, "connectionTimeout");
    this.maxReconnectDelay = Checks.positive(b.maxReconnectDelay, "maxReconnectDelay");
    this.messageExpiry = Checks.positive(b.messageExpiry, "messageExpiry");
    if (messageExpiry.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("messageExpiry must be at least 1 s (MQTT counts whole seconds)");
    }
    this.clockSkewAllowance = Checks.nonNegative(b.clockSkewAllowance, "clockSkewAllowance");
    this.commandTopic = b.commandTopic;
    this.availabilityTopic = b.availabilityTopic;
    this.replyTopic = b.replyTopic;
    TopicTemplate.parse(commandTopic, "commandTopic", TopicTemplate.DOOR_PLACEHOLDERS, TopicTemplate.DOOR_PLACEHOLDERS);
    TopicTemplate.parse(availabilityTopic, "availabilityTopic", TopicTemplate.DOOR_PLACEHOLDERS,
        TopicTemplate.DOOR_PLACEHOLDERS);
    TopicTemplate.parse(replyTopic, "replyTopic", TopicTemplate.REPLY_PLACEHOLDERS, Set.of("client"));
    this.defaultProfile = b.defaultProfile;
    this.doorProfiles = copy(b.doorProfiles);
    this.commandKeys = copy(b.commandKeys);
    commandKeys.forEach((org, doors) -> doors.keySet().forEach(door -> {
      if (!(profileFor(org, door) instanceof LockProfile.AccessLinkJson)) {
        throw new IllegalArgumentException("door " + door + " of " + org
            + " has signing keys but a profile that cannot check signatures");
      }
    }));
    this.trackAvailability = b.trackAvailability;
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.lateAnswers = b.lateAnswers;
  }

  private static <V> Map<OrganizationId, Map<DoorId, V>> copy(Map<OrganizationId, Map<DoorId, V>> source) {
    Map<OrganizationId, Map<DoorId, V>> copy = new LinkedHashMap<>();
    source.forEach((org, doors) -> copy.put(org, Map.copyOf(doors)));
    return Map.copyOf(copy);
  }

  /** @return the broker, {@code tcp://host:1883} or {@code ssl://host:8883} (also {@code ws://}, {@code wss://}) */
  public String serverUri() {
    return serverUri;
  }

  /** @return this controller's MQTT client id (one topic level; unique per running instance) */
  public String clientId() {
    return clientId;
  }

  /** @return username and password, if the broker wants them */
  public Optional<MqttCredentials> credentials() {
    return credentials;
  }

  /** @return the TLS context for {@code ssl://} and {@code wss://} (the JVM default when empty); see {@link MqttTls} */
  public Optional<SSLContext> tls() {
    return tls;
  }

  /** @return whether the controller's sockets set {@code TCP_NODELAY} (default true: without it, Nagle's algorithm and delayed ACKs add tens of milliseconds to every unlock) */
  public boolean tcpNoDelay() {
    return tcpNoDelay;
  }

  /** @return the MQTT session expiry sent on connect (default 0: the session ends with the connection; the controller subscribes again after every reconnect). When positive, the controller resumes its session after a reconnect, so answers published while it was away are delivered */
  public Duration sessionExpiry() {
    return sessionExpiry;
  }

  /** @return the MQTT keep-alive interval (default 30 s) */
  public Duration keepAlive() {
    return keepAlive;
  }

  /** @return how long a connect may take (default 10 s) */
  public Duration connectionTimeout() {
    return connectionTimeout;
  }

  /** @return the longest wait between automatic reconnect attempts (default 10 s) */
  public Duration maxReconnectDelay() {
    return maxReconnectDelay;
  }

  /** @return the longest message expiry interval put on a command (default 10 s; never more than the time left until the command's expiry) */
  public Duration messageExpiry() {
    return messageExpiry;
  }

  /** @return how far a lock's clock may be behind the application's (default 1 s): a command expires this long before the caller stops waiting for its answer, so a lock whose clock is up to this much behind still never acts after the visitor was answered. Capped at half the command's timeout */
  public Duration clockSkewAllowance() {
    return clockSkewAllowance;
  }

  /** @return template of the command topic, with {@code {organization}} and {@code {door}} */
  public String commandTopic() {
    return commandTopic;
  }

  /** @return template of the locks' availability topic, with {@code {organization}} and {@code {door}} */
  public String availabilityTopic() {
    return availabilityTopic;
  }

  /** @return template of this controller's response topic, with {@code {client}} and optionally {@code {organization}} */
  public String replyTopic() {
    return replyTopic;
  }

  /** @return the profile of every door without its own */
  public LockProfile.AccessLinkJson defaultProfile() {
    return defaultProfile;
  }

  /** @return profiles of particular doors, by organization and door */
  public Map<OrganizationId, Map<DoorId, LockProfile>> doorProfiles() {
    return doorProfiles;
  }

  /** @return the signing keys of particular doors (library protocol only), by organization and door */
  public Map<OrganizationId, Map<DoorId, CommandKeys>> commandKeys() {
    return commandKeys;
  }

  /** @return whether availability topics are followed (an offline lock then fails at once instead of after the timeout) */
  public boolean trackAvailability() {
    return trackAvailability;
  }

  /** @return the time source for command expiry */
  public Clock clock() {
    return clock;
  }

  /** @return called (on the MQTT thread; must not block) with a lock's answer that arrived after its caller stopped waiting (default: ignored) */
  public Consumer<LateAnswer> lateAnswers() {
    return lateAnswers;
  }

  /** A builder with the defaults, for the broker at {@code serverUri}. */
  public static Builder builder(String serverUri) {
    return new Builder(serverUri);
  }

  /** The profile of {@code door}: its own, or {@link #defaultProfile()}. */
  public LockProfile profileFor(OrganizationId organization, DoorId door) {
    Map<DoorId, LockProfile> doors = doorProfiles.get(organization);
    LockProfile p = doors == null ? null : doors.get(door);
    return p == null ? defaultProfile : p;
  }

  /** The signing keys of {@code door}, if it has any. */
  public Optional<CommandKeys> keysFor(OrganizationId organization, DoorId door) {
    Map<DoorId, CommandKeys> doors = commandKeys.get(organization);
    return Optional.ofNullable(doors == null ? null : doors.get(door));
  }

  /** The broker, client id, topics and doors; never a password or a key. */
  @Override
  public String toString() {
    return "MqttDoorSettings[serverUri=" + serverUri + ", clientId=" + clientId + ", credentials="
        + credentials.map(MqttCredentials::toString).orElse("none") + ", tls=" + tls.isPresent()
        + ", commandTopic=" + commandTopic + ", replyTopic=" + replyTopic + ", doors=" + doorProfiles.keySet()
        + ", signedDoors=" + commandKeys.values().stream().mapToInt(Map::size).sum() + "]";
  }

  /** Builds {@link MqttDoorSettings}. Not thread-safe; {@link #build()} validates everything. */
  public static final class Builder {
    private final String serverUri;
    private String clientId = "accesslink-" + UUID.randomUUID().toString().substring(0, 8);
    private Optional<MqttCredentials> credentials = Optional.empty();
    private Optional<SSLContext> tls = Optional.empty();
    private boolean tcpNoDelay = true;
    private Duration sessionExpiry = Duration.ZERO;
    private Duration keepAlive = Duration.ofSeconds(30);
    private Duration connectionTimeout = Duration.ofSeconds(10);
    private Duration maxReconnectDelay = Duration.ofSeconds(10);
    private Duration messageExpiry = Duration.ofSeconds(10);
    private Duration clockSkewAllowance = Duration.ofSeconds(1);
    private String commandTopic = DEFAULT_COMMAND_TOPIC;
    private String availabilityTopic = DEFAULT_AVAILABILITY_TOPIC;
    private String replyTopic = DEFAULT_REPLY_TOPIC;
    private LockProfile.AccessLinkJson defaultProfile = LockProfile.accessLinkJson();
    private final Map<OrganizationId, Map<DoorId, LockProfile>> doorProfiles = new HashMap<>();
    private final Map<OrganizationId, Map<DoorId, CommandKeys>> commandKeys = new HashMap<>();
    private Consumer<LateAnswer> lateAnswers = answer -> { };
    private boolean trackAvailability = true;
    private Clock clock = Clock.systemUTC();

    private Builder(String serverUri) {
      this.serverUri = Objects.requireNonNull(serverUri, "serverUri");
    }

    /** This controller's MQTT client id (default {@code accesslink-} and 8 random hex digits). */
    public Builder clientId(String value) {
      this.clientId = value;
      return this;
    }

    /** Log in with this username and password. */
    public Builder credentials(String username, String password) {
      this.credentials = Optional.of(MqttCredentials.of(username, password));
      return this;
    }

    /** Use this TLS context (for {@code ssl://} and {@code wss://} server URIs). */
    public Builder tls(SSLContext context) {
      this.tls = Optional.of(Objects.requireNonNull(context, "context"));
      return this;
    }

    /** Whether to set {@code TCP_NODELAY} on the controller's sockets (default true). */
    public Builder tcpNoDelay(boolean value) {
      this.tcpNoDelay = value;
      return this;
    }

    /** The MQTT session expiry interval (default 0). */
    public Builder sessionExpiry(Duration value) {
      this.sessionExpiry = value;
      return this;
    }

    /** The MQTT keep-alive interval (default 30 s). */
    public Builder keepAlive(Duration value) {
      this.keepAlive = value;
      return this;
    }

    /** How long a connect may take (default 10 s). */
    public Builder connectionTimeout(Duration value) {
      this.connectionTimeout = value;
      return this;
    }

    /** The longest wait between automatic reconnect attempts (default 10 s). */
    public Builder maxReconnectDelay(Duration value) {
      this.maxReconnectDelay = value;
      return this;
    }

    /** The longest message expiry interval on a command (default 10 s). */
    public Builder messageExpiry(Duration value) {
      this.messageExpiry = value;
      return this;
    }

    /**
     * How far a lock's clock may lag behind the application's (default 1 s): commands expire this
     * long before the caller stops waiting for the answer (at most half the timeout).
     */
    public Builder clockSkewAllowance(Duration value) {
      this.clockSkewAllowance = value;
      return this;
    }

    /** The command topic template (default {@value #DEFAULT_COMMAND_TOPIC}). */
    public Builder commandTopic(String template) {
      this.commandTopic = template;
      return this;
    }

    /** The availability topic template (default {@value #DEFAULT_AVAILABILITY_TOPIC}). */
    public Builder availabilityTopic(String template) {
      this.availabilityTopic = template;
      return this;
    }

    /** The response topic template (default {@value #DEFAULT_REPLY_TOPIC}). */
    public Builder replyTopic(String template) {
      this.replyTopic = template;
      return this;
    }

    /** The profile of doors without their own (default {@link LockProfile#accessLinkJson()}). */
    public Builder defaultProfile(LockProfile.AccessLinkJson profile) {
      this.defaultProfile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /** Speak to {@code door} of {@code organization} with {@code profile}. */
    public Builder door(OrganizationId organization, DoorId door, LockProfile profile) {
      doorProfiles.computeIfAbsent(Objects.requireNonNull(organization, "organization"), o -> new HashMap<>())
          .put(Objects.requireNonNull(door, "door"), Objects.requireNonNull(profile, "profile"));
      return this;
    }

    /**
     * Sign every command to {@code door} with the first of {@code keys} (library protocol only; the
     * lock accepts any of the keys it holds, so a rotation gives the lock both keys first).
     */
    public Builder commandKeys(OrganizationId organization, DoorId door, CommandKeys keys) {
      commandKeys.computeIfAbsent(Objects.requireNonNull(organization, "organization"), o -> new HashMap<>())
          .put(Objects.requireNonNull(door, "door"), Objects.requireNonNull(keys, "keys"));
      return this;
    }

    /**
     * Called with every lock answer that arrives after its caller stopped waiting (for example a
     * late {@code unlocked}), for monitoring. The core records a late opening in the audit log
     * itself (the answer also goes to the caller's listener of {@link
     * MqttDoorController#unlock(dev.accesslink.core.port.out.DoorCommand, Consumer)}), so this
     * listener must not write one again. Runs on the MQTT thread: it must return quickly and not
     * block.
     */
    public Builder onLateAnswer(Consumer<LateAnswer> listener) {
      this.lateAnswers = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Whether to follow availability topics (default true). */
    public Builder trackAvailability(boolean value) {
      this.trackAvailability = value;
      return this;
    }

    /** The time source (default the system clock, UTC). */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /** The settings; throws {@link IllegalArgumentException} for an invalid value. */
    public MqttDoorSettings build() {
      return new MqttDoorSettings(this);
    }
  }
}
