package dev.accesslink.mqtt.simulator;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.mqtt.LockProfile;
import dev.accesslink.mqtt.MqttCredentials;
import dev.accesslink.mqtt.MqttDoorSettings;
import dev.accesslink.mqtt.internal.Binding;
import dev.accesslink.mqtt.internal.Checks;
import dev.accesslink.mqtt.internal.NoDelaySocketFactory;
import dev.accesslink.mqtt.internal.TopicTemplate;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Device-side simulator: locks that speak the controller's profiles over a real MQTT broker, with
 * configurable latency, jam, refusal, silence and offline — for tests, demos and for product teams
 * checking their broker setup before real locks arrive.
 *
 * <pre>{@code
 * try (MqttLockSimulator sim = MqttLockSimulator.builder("tcp://127.0.0.1:1883").build()) {
 *   SimulatedLock front = sim.addLock(OrganizationId.of("acme"), DoorId.of("front"));
 *   front.latency(Duration.ofMillis(200)).behaviour(LockBehaviour.OPENS);
 *   front.goOffline();   // the broker publishes its last will "offline"
 *   front.goOnline();
 * }
 * }</pre>
 *
 * <p>Each lock has its own connection (TCP_NODELAY on by default), a persistent session (so the
 * broker queues commands while it is offline, each until its message expiry) and a retained
 * availability message with a matching last will. Closing the simulator clears what the locks
 * left retained and ends their sessions. Thread-safe.
 */
public final class MqttLockSimulator implements AutoCloseable {
  private final String serverUri;
  private final Optional<MqttCredentials> credentials;
  private final SocketFactory socketFactory;
  private final Optional<SSLContext> tls;
  private final TopicTemplate commandTopics;
  private final TopicTemplate availabilityTopics;
  private final Duration sessionExpiry;
  private final Clock clock;
  private final Duration clockSkewAllowance;
  private final Duration maxCommandLifetime;
  private final int rememberedCommands;
  private final ScheduledThreadPoolExecutor executor;
  private final List<SimulatedLock> locks = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private MqttLockSimulator(Builder b) {
    this.serverUri = b.serverUri;
    this.credentials = b.credentials;
    this.tls = b.tls;
    this.socketFactory = NoDelaySocketFactory.forScheme(URI.create(b.serverUri).getScheme(), b.tls, b.tcpNoDelay);
    this.commandTopics = TopicTemplate.parse(b.commandTopic, "commandTopic",
        TopicTemplate.DOOR_PLACEHOLDERS, TopicTemplate.DOOR_PLACEHOLDERS);
    this.availabilityTopics = TopicTemplate.parse(b.availabilityTopic, "availabilityTopic",
        TopicTemplate.DOOR_PLACEHOLDERS, TopicTemplate.DOOR_PLACEHOLDERS);
    this.sessionExpiry = b.sessionExpiry;
    this.clock = b.clock;
    this.clockSkewAllowance = b.clockSkewAllowance;
    this.maxCommandLifetime = b.maxCommandLifetime;
    this.rememberedCommands = b.rememberedCommands;
    AtomicInteger n = new AtomicInteger();
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "mqtt-lock-simulator-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // One thread: commands are handled in arrival order (latency is a scheduled delay, not a sleep).
    executor.setRemoveOnCancelPolicy(true);
  }

  /** A builder for a simulator on the broker at {@code serverUri}. */
  public static Builder builder(String serverUri) {
    return new Builder(serverUri);
  }

  /** Adds a lock speaking the library's own protocol (unlock) and brings it online. */
  public SimulatedLock addLock(OrganizationId organization, DoorId door) {
    return addLock(organization, door, LockProfile.accessLinkJson());
  }

  /**
   * Adds a lock speaking {@code profile} and brings it online: connected, subscribed to its command
   * topic and announced {@code online}. It opens at once until told otherwise.
   *
   * @throws IllegalStateException if the simulator is closed
   * @throws dev.accesslink.mqtt.MqttConnectionException if the broker cannot be reached or refuses the lock
   */
  public SimulatedLock addLock(OrganizationId organization, DoorId door, LockProfile profile) {
    if (closed) {
      throw new IllegalStateException("the simulator is closed");
    }
    Binding binding = Binding.of(Objects.requireNonNull(organization, "organization"),
        Objects.requireNonNull(door, "door"), Objects.requireNonNull(profile, "profile"), commandTopics,
        availabilityTopics);
    SimulatedLock lock;
    try {
      lock = new SimulatedLock(this, binding);
    } catch (MqttException e) {
      throw new IllegalStateException("cannot create a simulated lock: " + e.getMessage(), e);
    }
    locks.add(lock);
    lock.goOnline();
    return lock;
  }

  /** The locks added so far. */
  public List<SimulatedLock> locks() {
    return List.copyOf(locks);
  }

  /** Stops every lock: clears their retained messages, ends their sessions and disconnects. */
  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    for (SimulatedLock lock : locks) {
      lock.close();
    }
  }

  String serverUri() {
    return serverUri;
  }

  Optional<MqttCredentials> credentials() {
    return credentials;
  }

  SocketFactory socketFactory() {
    return socketFactory;
  }

  Optional<SSLContext> tls() {
    return tls;
  }

  Duration sessionExpiry() {
    return sessionExpiry;
  }

  Clock clock() {
    return clock;
  }

  Duration clockSkewAllowance() {
    return clockSkewAllowance;
  }

  Duration maxCommandLifetime() {
    return maxCommandLifetime;
  }

  int rememberedCommands() {
    return rememberedCommands;
  }

  ScheduledExecutorService executor() {
    return executor;
  }

  /** Builds a {@link MqttLockSimulator}. Not thread-safe. */
  public static final class Builder {
    private final String serverUri;
    private Optional<MqttCredentials> credentials = Optional.empty();
    private Optional<SSLContext> tls = Optional.empty();
    private boolean tcpNoDelay = true;
    private String commandTopic = MqttDoorSettings.DEFAULT_COMMAND_TOPIC;
    private String availabilityTopic = MqttDoorSettings.DEFAULT_AVAILABILITY_TOPIC;
    private Duration sessionExpiry = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private Duration clockSkewAllowance = Duration.ofSeconds(1);
    private Duration maxCommandLifetime = Duration.ofMinutes(5);
    private int rememberedCommands = 100_000;

    private Builder(String serverUri) {
      Checks.serverUri(Objects.requireNonNull(serverUri, "serverUri"));
      this.serverUri = serverUri;
    }

    /** Log the locks in with this username and password. */
    public Builder credentials(String username, String password) {
      this.credentials = Optional.of(MqttCredentials.of(username, password));
      return this;
    }

    /** The TLS context for {@code ssl://} and {@code wss://}. */
    public Builder tls(SSLContext context) {
      this.tls = Optional.of(Objects.requireNonNull(context, "context"));
      return this;
    }

    /** Whether the locks' sockets set {@code TCP_NODELAY} (default true). */
    public Builder tcpNoDelay(boolean value) {
      this.tcpNoDelay = value;
      return this;
    }

    /** The command topic template; must match the controller's. */
    public Builder commandTopic(String template) {
      this.commandTopic = template;
      return this;
    }

    /** The availability topic template; must match the controller's. */
    public Builder availabilityTopic(String template) {
      this.availabilityTopic = template;
      return this;
    }

    /** How long the broker keeps an offline lock's session and queued commands (default 5 min). */
    public Builder sessionExpiry(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("sessionExpiry must not be negative");
      }
      this.sessionExpiry = value;
      return this;
    }

    /** The locks' clock, for checking {@code expiresAt} (default the system clock, UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * How far ahead of the locks' clock a command's {@code issuedAt} may be before it is refused as
     * {@code not-yet-valid} (default 1 s).
     */
    public Builder clockSkewAllowance(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("clockSkewAllowance must not be negative");
      }
      this.clockSkewAllowance = value;
      return this;
    }

    /**
     * The longest validity ({@code expiresAt - issuedAt}) a lock accepts; longer commands are
     * refused as {@code out-of-window} (default 5 min). It also bounds how long a lock must
     * remember a command id to refuse its replay.
     */
    public Builder maxCommandLifetime(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("maxCommandLifetime must be positive");
      }
      this.maxCommandLifetime = value;
      return this;
    }

    /**
     * How many unexpired command ids each lock remembers at most (default 100 000); beyond that a
     * new command is refused as {@code busy} rather than risk a replay.
     */
    public Builder rememberedCommands(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("rememberedCommands must be at least 1");
      }
      this.rememberedCommands = value;
      return this;
    }

    /** The simulator, without locks yet. */
    public MqttLockSimulator build() {
      return new MqttLockSimulator(this);
    }
  }
}
