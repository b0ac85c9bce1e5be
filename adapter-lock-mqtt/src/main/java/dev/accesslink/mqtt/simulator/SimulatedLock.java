package dev.accesslink.mqtt.simulator;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.mqtt.CommandKeys;
import dev.accesslink.mqtt.LockAction;
import dev.accesslink.mqtt.LockProfile;
import dev.accesslink.mqtt.internal.Binding;
import dev.accesslink.mqtt.internal.ConnectFailures;
import dev.accesslink.mqtt.internal.Reconnector;
import dev.accesslink.mqtt.internal.Wire;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One simulated lock of a {@link MqttLockSimulator}, with its own MQTT connection (so its last will
 * works like a real device's). It speaks its {@link LockProfile}; by default it opens at once.
 *
 * <p>Like real firmware should, it checks a command of the library's protocol before acting: its
 * signature when the lock holds {@link CommandKeys} ({@code unsigned}, {@code bad-signature}), its
 * validity by the lock's own clock ({@code not-yet-valid} when issued more than the clock-skew
 * allowance in the future, {@code expired}, {@code out-of-window} when it claims a longer life than
 * the simulator allows), the broker's message expiry counted from arrival ({@code expired}, whatever
 * the lock's clock says), and replays: a command id is executed at most once, a redelivery gets the
 * first answer again and any other repeat is answered {@code replayed}. A lock of the state-confirmed
 * profiles (whose commands carry no validity) drops a command once its message expiry, counted from
 * arrival, has passed. Thread-safe.
 */
public final class SimulatedLock {
  private static final System.Logger LOG = System.getLogger(SimulatedLock.class.getName());
  private static final int WITH_WILL = 0x04;

  /**
   * A command the lock carried out.
   *
   * @param commandId the command id (empty for the profiles without one)
   * @param action what it did
   * @param at when it did it (the simulator's clock)
   */
  public record Execution(Optional<UUID> commandId, LockAction action, Instant at) {}

  private final MqttLockSimulator simulator;
  private final Binding binding;
  private final MqttAsyncClient client;
  private final Reconnector reconnector;
  private final LockPublisher publisher;
  private final ExecutionLog executions = new ExecutionLog();
  private final CommandChecks checks;
  private final AtomicInteger received = new AtomicInteger();
  private volatile LockBehaviour behaviour = LockBehaviour.OPENS;
  private volatile Duration latency = Duration.ZERO;
  private volatile Duration answerDelay = Duration.ZERO;
  private volatile boolean online;
  private volatile boolean closed;

  SimulatedLock(MqttLockSimulator simulator, Binding binding) throws MqttException {
    this.simulator = simulator;
    this.binding = binding;
    this.checks = new CommandChecks(simulator.clock(), simulator.clockSkewAllowance(), simulator.maxCommandLifetime(),
        simulator.rememberedCommands());
    this.client = new MqttAsyncClient(simulator.serverUri(),
        "sim-" + UUID.randomUUID().toString().substring(0, 13), new MemoryPersistence());
    client.setCallback(new Callback());
    this.publisher = new LockPublisher(client, simulator.executor(), binding.door.value());
    this.reconnector = new Reconnector(client, simulator.executor(), Duration.ofSeconds(2), () -> online && !closed);
  }

  /** The lock's organization. */
  public OrganizationId organization() {
    return binding.organization;
  }

  /** The lock's door. */
  public DoorId door() {
    return binding.door;
  }

  /** The protocol it speaks. */
  public LockProfile profile() {
    return binding.profile;
  }

  /** How it answers from now on. */
  public SimulatedLock behaviour(LockBehaviour value) {
    this.behaviour = Objects.requireNonNull(value, "value");
    return this;
  }

  /** How it answers. */
  public LockBehaviour behaviour() {
    return behaviour;
  }

  /**
   * Accept only commands signed with one of {@code keys} from now on (library protocol only);
   * others are answered {@code unsigned} or {@code bad-signature} and not executed.
   */
  public SimulatedLock commandKeys(CommandKeys keys) {
    if (!binding.requestResponse()) {
      throw new IllegalStateException("the " + binding.profile.kind() + " profile cannot check signatures");
    }
    checks.keys(Optional.of(Objects.requireNonNull(keys, "keys")));
    return this;
  }

  /** How many command ids the lock remembers now (to refuse replays); bounded. */
  public int rememberedCommandIds() {
    return checks.remembered();
  }

  /** How long it takes to act on a command and answer (default zero). */
  public SimulatedLock latency(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    this.latency = value;
    return this;
  }

  /**
   * How long its answer takes after it acted (default zero): a lock that acts in time but whose
   * answer is held up, as by a congested network or a stalled broker.
   */
  public SimulatedLock answerDelay(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("answerDelay must not be negative");
    }
    this.answerDelay = value;
    return this;
  }

  /** How long it takes to act on a command. */
  public Duration latency() {
    return latency;
  }

  /** Whether it is connected. */
  public boolean isOnline() {
    return online && client.isConnected();
  }

  /** The commands it carried out, oldest first (the most recent 10 000). */
  public List<Execution> executions() {
    return executions.list();
  }

  /** How many command messages reached it (executed, refused, expired or ignored). */
  public int receivedCount() {
    return received.get();
  }

  /**
   * Connects (resuming its session, so the broker hands over commands that were queued while it was
   * offline and have not expired), subscribes and publishes {@code online} (retained). Returns when
   * done.
   *
   * @throws dev.accesslink.mqtt.MqttConnectionException if the broker cannot be reached or refuses
   *     the lock (the reason says why: TLS, credentials, ...)
   */
  public synchronized void goOnline() {
    if (isOnline()) {
      return;
    }
    try {
      // Never a clean start: the client id is new, so there is no old session to clear, and
      // Mosquitto (2.0) persists across its restarts only sessions that did not start clean.
      client.connect(LockConnectOptions.of(simulator, binding, false)).waitForCompletion(10_000);
      client.subscribe(new MqttSubscription(binding.commandTopic, 1)).waitForCompletion(10_000);
      client.publish(binding.availabilityTopic, new MqttMessage(DeviceSide.availabilityPayload(binding, true), 1, true,
          new MqttProperties())).waitForCompletion(10_000);
      online = true;
    } catch (MqttException e) {
      throw ConnectFailures.explain(simulator.serverUri(), e, simulator.socketFactory(), simulator.tls());
    }
  }

  /**
   * Drops off the network the way a dying device does: the broker publishes its last will
   * ({@code offline}, retained). Its session stays, so the broker queues commands meanwhile (each
   * until its message expiry). Returns when disconnected.
   */
  public synchronized void goOffline() {
    online = false;
    try {
      if (client.isConnected()) {
        client.disconnect(0, null, null, WITH_WILL, new MqttProperties()).waitForCompletion(5_000);
      }
    } catch (MqttException e) {
      throw new IllegalStateException("simulated lock " + binding.door + " cannot disconnect: " + e.getMessage(), e);
    }
  }

  /** Clears what it left retained, ends its session and disconnects without last will. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    online = false;
    try {
      if (!client.isConnected()) {
        MqttConnectionOptions o = LockConnectOptions.of(simulator, binding, true);
        o.setSessionExpiryInterval(0L);
        o.setAutomaticReconnect(false);
        client.connect(o).waitForCompletion(5_000);
      }
      MqttMessage clear = new MqttMessage(new byte[0], 1, true, new MqttProperties());
      client.publish(binding.availabilityTopic, clear).waitForCompletion(5_000);
      if (binding.stateTopic.isPresent()) {
        client.publish(binding.stateTopic.get(), clear).waitForCompletion(5_000);
      }
      MqttProperties end = new MqttProperties();
      end.setSessionExpiryInterval(0L);
      client.disconnect(1_000, null, null, 0, end).waitForCompletion(5_000);
    } catch (MqttException e) {
      LOG.log(Level.DEBUG, "closing simulated lock {0}: {1}", binding.door, e.getMessage());
    } finally {
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.log(Level.DEBUG, "closing simulated lock {0}: {1}", binding.door, e.getMessage());
      }
    }
  }

  // ---- commands ----

  private void onCommand(MqttMessage message, Optional<Instant> deadline) {
    received.incrementAndGet();
    if (binding.requestResponse()) {
      onJsonCommand(message, deadline);
    } else {
      DeviceSide.parseProfileCommand(binding, message.getPayload()).ifPresent(a -> onProfileCommand(a, deadline));
    }
  }

  private void onJsonCommand(MqttMessage message, Optional<Instant> deadline) {
    Optional<Wire.Command> parsed = Wire.parseCommand(message.getPayload());
    MqttProperties props = message.getProperties();
    String replyTopic = props == null ? null : props.getResponseTopic();
    if (parsed.isEmpty() || replyTopic == null) {
      return; // not a command this protocol can answer
    }
    Wire.Command c = parsed.get();
    if (!c.organization().equals(binding.organization.value()) || !c.door().equals(binding.door.value())) {
      return; // addressed to another door: never act on it
    }
    LockBehaviour now = behaviour;
    if (now == LockBehaviour.SILENT) {
      return;
    }
    String status = checks.check(c, message.isDuplicate(), deadline, () -> act(c, now));
    byte[] correlation = props.getCorrelationData();
    MqttProperties replyProps = new MqttProperties();
    if (correlation != null) {
      replyProps.setCorrelationData(correlation);
    }
    replyProps.setContentType(Wire.CONTENT_TYPE);
    replyProps.setPayloadFormat(true);
    MqttMessage reply = new MqttMessage(Wire.reply(c.commandId(), c.door(), status), 1, false, replyProps);
    publisher.publishAfter(answerDelay, replyTopic, reply);
  }

  private String act(Wire.Command c, LockBehaviour now) {
    return switch (now) {
      case OPENS -> {
        executions.record(new Execution(Optional.of(c.commandId()), c.action(), simulator.clock().instant()));
        yield c.action() == LockAction.OPEN ? "opened" : "unlocked";
      }
      case JAMS -> "jammed";
      default -> "refused";
    };
  }

  private void onProfileCommand(LockAction action, Optional<Instant> deadline) {
    LockBehaviour now = behaviour;
    if (now == LockBehaviour.SILENT) {
      return;
    }
    Instant at = simulator.clock().instant();
    if (deadline.isPresent() && !at.isBefore(deadline.get())) {
      // These profiles carry no validity of their own: the broker's message expiry, counted from
      // arrival by the lock's (or its bridge's) clock, is all there is. A command that has waited
      // past it is dropped, like a bridge that honours MQTT 5 expiry: the caller has stopped waiting.
      LOG.log(Level.DEBUG, "simulated lock {0} dropped an expired command", binding.door);
      return;
    }
    if (now == LockBehaviour.OPENS) {
      executions.record(new Execution(Optional.empty(), action, simulator.clock().instant()));
    }
    // Devices of these ecosystems keep their state retained.
    publisher.publish(binding.stateTopic.orElseThrow(),
        new MqttMessage(DeviceSide.statePayload(binding, now, action), 1, true, new MqttProperties()));
  }

  private void handle(MqttMessage message, Optional<Instant> deadline) {
    try {
      onCommand(message, deadline);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "simulated lock failed on a command: {0}", e.toString());
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse response) {
      reconnector.connectionLost();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (!topic.equals(binding.commandTopic)) {
        return;
      }
      // The broker's message expiry, counted from arrival: a deadline that holds whatever the lock's
      // clock says (the controller's expiresAt is only as good as the two clocks agree).
      MqttProperties props = message.getProperties();
      Long interval = props == null ? null : props.getMessageExpiryInterval();
      Optional<Instant> deadline = interval == null ? Optional.empty()
          : Optional.of(simulator.clock().instant().plusSeconds(interval));
      Duration delay = latency;
      if (delay.isZero()) {
        // Like a device answering at once: decide and publish right here. Publishing only queues the
        // reply (never waits), and a handoff to another thread would cost a wake-up per command.
        handle(message, deadline);
        return;
      }
      try {
        simulator.executor().schedule(() -> handle(message, deadline), delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        LOG.log(Level.DEBUG, "simulated lock {0} is closing; dropping a command", binding.door);
      }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (!reconnect || closed) {
        return;
      }
      // After a broker restart the session may be gone: subscribe again and say "online" again.
      try {
        client.subscribe(new MqttSubscription[] {new MqttSubscription(binding.commandTopic, 1)}, null,
            new MqttActionListener() {
              @Override
              public void onSuccess(IMqttToken token) {
                publisher.publish(binding.availabilityTopic,
                    new MqttMessage(DeviceSide.availabilityPayload(binding, true), 1, true, new MqttProperties()));
              }

              @Override
              public void onFailure(IMqttToken token, Throwable e) {
                LOG.log(Level.DEBUG, "simulated lock could not subscribe again: {0}", e.getMessage());
              }
            }, new MqttProperties());
      } catch (MqttException e) {
        LOG.log(Level.DEBUG, "simulated lock could not subscribe again: {0}", e.getMessage());
      }
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
