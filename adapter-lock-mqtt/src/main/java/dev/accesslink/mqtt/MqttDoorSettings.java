package dev.accesslink.mqtt;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * Settings of an {@link MqttDoorController}. Immutable; build with {@link #builder(String)}. The
 * password is never part of {@link #toString()}.
 *
 * @param serverUri the broker, {@code tcp://host:1883} or {@code ssl://host:8883} (also {@code ws://},
 *     {@code wss://})
 * @param clientId this controller's MQTT client id (one topic level; unique per running instance)
 * @param credentials username and password, if the broker wants them
 * @param tls the TLS context for {@code ssl://} and {@code wss://} (the JVM default when empty)
 * @param tcpNoDelay whether the controller's sockets set {@code TCP_NODELAY} (default true: without
 *     it, Nagle's algorithm and delayed ACKs add tens of milliseconds to every unlock)
 * @param sessionExpiry the MQTT session expiry sent on connect (default 0: the session ends with the
 *     connection; the controller subscribes again after every reconnect)
 * @param keepAlive the MQTT keep-alive interval (default 30 s)
 * @param connectionTimeout how long a connect may take (default 10 s)
 * @param maxReconnectDelay the longest wait between automatic reconnect attempts (default 10 s)
 * @param messageExpiry the longest message expiry interval put on a command (default 10 s; never
 *     more than the time left until the command's {@code expiresAt})
 * @param commandTopic template of the command topic, with {@code {organization}} and {@code {door}}
 * @param availabilityTopic template of the locks' availability topic, with {@code {organization}}
 *     and {@code {door}}
 * @param replyTopic template of this controller's response topic, with {@code {client}} and
 *     optionally {@code {organization}}
 * @param defaultProfile the profile of every door without its own
 * @param doorProfiles profiles of particular doors, by organization and door
 * @param trackAvailability whether availability topics are followed (an offline lock then fails at
 *     once instead of after the timeout)
 * @param clock the time source for message expiry
 */
public record MqttDoorSettings(
    String serverUri,
    String clientId,
    Optional<MqttCredentials> credentials,
    Optional<SSLContext> tls,
    boolean tcpNoDelay,
    Duration sessionExpiry,
    Duration keepAlive,
    Duration connectionTimeout,
    Duration maxReconnectDelay,
    Duration messageExpiry,
    String commandTopic,
    String availabilityTopic,
    String replyTopic,
    LockProfile.AccessLinkJson defaultProfile,
    Map<OrganizationId, Map<DoorId, LockProfile>> doorProfiles,
    boolean trackAvailability,
    Clock clock) {

  /** The default command topic template. */
  public static final String DEFAULT_COMMAND_TOPIC = "accesslink/{organization}/doors/{door}/commands";
  /** The default availability topic template. */
  public static final String DEFAULT_AVAILABILITY_TOPIC = "accesslink/{organization}/doors/{door}/availability";
  /** The default response topic template. */
  public static final String DEFAULT_REPLY_TOPIC = "accesslink/{organization}/replies/{client}";

  static final Set<String> DOOR_PLACEHOLDERS = Set.of("organization", "door");
  static final Set<String> REPLY_PLACEHOLDERS = Set.of("organization", "client");

  public MqttDoorSettings {
    Objects.requireNonNull(serverUri, "serverUri");
    checkServerUri(serverUri);
    Topics.checkLevel(clientId, "clientId");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(tls, "tls");
    nonNegative(sessionExpiry, "sessionExpiry");
    positive(keepAlive, "keepAlive");
    positive(connectionTimeout, "connectionTimeout");
    positive(maxReconnectDelay, "maxReconnectDelay");
    positive(messageExpiry, "messageExpiry");
    if (messageExpiry.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("messageExpiry must be at least 1 s (MQTT counts whole seconds)");
    }
    TopicTemplate.parse(commandTopic, "commandTopic", DOOR_PLACEHOLDERS, DOOR_PLACEHOLDERS);
    TopicTemplate.parse(availabilityTopic, "availabilityTopic", DOOR_PLACEHOLDERS, DOOR_PLACEHOLDERS);
    TopicTemplate.parse(replyTopic, "replyTopic", REPLY_PLACEHOLDERS, Set.of("client"));
    Objects.requireNonNull(defaultProfile, "defaultProfile");
    Map<OrganizationId, Map<DoorId, LockProfile>> copy = new LinkedHashMap<>();
    Objects.requireNonNull(doorProfiles, "doorProfiles").forEach((org, doors) -> copy.put(org, Map.copyOf(doors)));
    doorProfiles = Map.copyOf(copy);
    Objects.requireNonNull(clock, "clock");
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

  private static void checkServerUri(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("serverUri is not a URI", e);
    }
    if (parsed.getRawUserInfo() != null) {
      // never echo it: it may hold a password
      throw new IllegalArgumentException("serverUri must not contain credentials; use credentials(...)");
    }
    String scheme = parsed.getScheme();
    if (scheme == null || !Set.of("tcp", "ssl", "ws", "wss").contains(scheme) || parsed.getHost() == null) {
      throw new IllegalArgumentException("serverUri must be tcp://, ssl://, ws:// or wss://host:port: " + uri);
    }
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
  }

  private static void nonNegative(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative");
    }
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
    private String commandTopic = DEFAULT_COMMAND_TOPIC;
    private String availabilityTopic = DEFAULT_AVAILABILITY_TOPIC;
    private String replyTopic = DEFAULT_REPLY_TOPIC;
    private LockProfile.AccessLinkJson defaultProfile = LockProfile.accessLinkJson();
    private final Map<OrganizationId, Map<DoorId, LockProfile>> doorProfiles = new HashMap<>();
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
      this.credentials = Optional.of(new MqttCredentials(username, password));
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
      return new MqttDoorSettings(serverUri, clientId, credentials, tls, tcpNoDelay, sessionExpiry, keepAlive,
          connectionTimeout, maxReconnectDelay, messageExpiry, commandTopic, availabilityTopic, replyTopic,
          defaultProfile, doorProfiles, trackAvailability, clock);
    }
  }
}
