package dev.accesslink.mqtt;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.mqtt.MqttConnectionException.Reason;
import dev.accesslink.mqtt.internal.Binding;
import dev.accesslink.mqtt.internal.ConnectFailures;
import dev.accesslink.mqtt.internal.DoorKey;
import dev.accesslink.mqtt.internal.NoDelaySocketFactory;
import dev.accesslink.mqtt.internal.Publishing;
import dev.accesslink.mqtt.internal.Reconnector;
import dev.accesslink.mqtt.internal.Wire;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The {@link DoorController} over MQTT v5 (Eclipse Paho, asynchronous client).
 *
 * <p>Each unlock is published once, QoS 1, never retained. A command never outlives the wait for
 * its answer: the expiry the lock is told is the command's own or, if earlier, the moment the caller
 * stops waiting minus {@link MqttDoorSettings#clockSkewAllowance()}; the MQTT message expiry interval
 * is no longer than that (whole seconds, at least 1, at most {@link MqttDoorSettings#messageExpiry()}),
 * so a broker never hands an old command to a lock that comes back later. For the library's own
 * protocol the command carries a response topic, the command id as correlation data and, for doors
 * with {@link CommandKeys}, an HMAC-SHA256 signature; the caller waits for that command's answer,
 * and an answer that comes after the caller stopped waiting goes to {@link
 * MqttDoorSettings#lateAnswers()}. Locks of the state-confirmed profiles (Home Assistant,
 * Zigbee2MQTT, ESPHome) count as unlocked when their state topic says so within the timeout, and
 * as refused ({@code "jammed"}) when it reports a jam. A lock whose availability topic says it is
 * offline is reported {@link DoorResponse.Unreachable} at once; so is every unlock while the broker
 * connection is down ({@code "broker unavailable"}).
 *
 * <p>The client reconnects automatically (resuming its session when {@link
 * MqttDoorSettings#sessionExpiry()} is positive) and subscribes again after every reconnect. The
 * MQTT callback never blocks: it only completes the waiting caller's future.
 *
 * <p>Thread-safe: any number of unlocks may be in flight at once. Close it to disconnect.
 */
public final class MqttDoorController implements DoorController, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MqttDoorController.class.getName());

  private final MqttDoorSettings settings;
  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final Doors doors;
  private final Answers answers;
  private final Map<DoorKey, LockAvailability> availability = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final Reconnector reconnector;
  private volatile boolean ready;
  private volatile boolean closed;

  private MqttDoorController(MqttDoorSettings settings) throws MqttException {
    this.settings = settings;
    this.doors = new Doors(settings);
    this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
    client.setCallback(new Callback());
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mqtt-door-controller-" + settings.clientId());
      t.setDaemon(true);
      return t;
    });
    this.answers = new Answers(scheduler, settings.lateAnswers());
    this.reconnector = new Reconnector(client, scheduler, settings.maxReconnectDelay(), () -> !closed);
    this.options = options(settings);
  }

  /**
   * Connects to the broker and subscribes to the answer, state and availability topics; returns
   * when the controller is ready. Logs a warning, once, for every door whose lock cannot check a
   * signature and is reached without TLS.
   *
   * @throws MqttConnectionException if the broker cannot be reached, the TLS handshake fails (the
   *     {@link MqttConnectionException#reason()} says which certificate and why) or the broker
   *     refuses the client or a subscription
   */
  public static MqttDoorController connect(MqttDoorSettings settings) {
    MqttDoorController controller;
    try {
      controller = new MqttDoorController(settings);
    } catch (MqttException e) {
      throw new MqttConnectionException(settings.serverUri(), Reason.OTHER, "cannot create the MQTT client", e);
    }
    long wait = settings.connectionTimeout().toMillis() + 1000;
    try {
      controller.client.connect(controller.options).waitForCompletion(wait);
    } catch (MqttException | RuntimeException e) {
      controller.close();
      throw ConnectFailures.explain(settings.serverUri(), e, controller.options.getSocketFactory(),
          settings.tls());
    }
    try {
      IMqttToken sub = controller.client.subscribe(controller.doors.subscriptions());
      sub.waitForCompletion(wait);
      checkGranted(sub);
    } catch (MqttException | RuntimeException e) {
      controller.close();
      throw new MqttConnectionException(settings.serverUri(), Reason.SUBSCRIPTION_REFUSED,
          e instanceof MqttException m ? "reason code " + m.getReasonCode() : e.toString(), e);
    }
    controller.ready = true;
    controller.doors.securityWarnings().forEach(w -> LOG.log(Level.WARNING, w));
    return controller;
  }

  private static void checkGranted(IMqttToken token) throws MqttException {
    int[] codes = token.getReasonCodes();
    if (codes != null) {
      for (int code : codes) {
        if (code >= 0x80) {
          throw new MqttException(code);
        }
      }
    }
  }

  private static MqttConnectionOptions options(MqttDoorSettings settings) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    // With a session expiry, never a clean start: reconnects resume the session (answers published
    // meanwhile are delivered; stale ones are ignored as unknown), and Mosquitto 2.0 keeps across its
    // own restarts only sessions that did not start clean.
    o.setCleanStart(settings.sessionExpiry().isZero());
    o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
    o.setKeepAliveInterval((int) Math.max(1, settings.keepAlive().toSeconds()));
    o.setConnectionTimeout((int) Math.max(1, settings.connectionTimeout().toSeconds()));
    o.setAutomaticReconnect(true); // Paho's default is off
    o.setAutomaticReconnectDelay(1, (int) Math.max(1, settings.maxReconnectDelay().toSeconds()));
    o.setHttpsHostnameVerificationEnabled(true);
    o.setSocketFactory(NoDelaySocketFactory.forScheme(
        URI.create(settings.serverUri()).getScheme(), settings.tls(), settings.tcpNoDelay()));
    settings.credentials().ifPresent(c -> {
      o.setUserName(c.username());
      o.setPassword(c.password().getBytes(StandardCharsets.UTF_8));
    });
    return o;
  }

  /** The settings this controller runs with. */
  public MqttDoorSettings settings() {
    return settings;
  }

  /** True while connected and subscribed, so an unlock can get its answer. */
  public boolean isConnected() {
    return ready && !closed && client.isConnected();
  }

  /** What the controller knows about the lock of {@code door} from its availability topic. */
  public LockAvailability availability(OrganizationId organization, DoorId door) {
    return availability.getOrDefault(new DoorKey(organization, door), LockAvailability.UNKNOWN);
  }

  /**
   * The expiry a lock is told for {@code command} sent at {@code now}: the command's own, or the
   * moment its caller stops waiting minus the clock-skew allowance (at most half the timeout), if
   * that is earlier.
   */
  Instant lockExpiry(DoorCommand command, Instant now) {
    return lockExpiry(command, now, settings.clockSkewAllowance());
  }

  static Instant lockExpiry(DoorCommand command, Instant now, Duration skew) {
    Duration timeout = command.timeout();
    // half the timeout, rounded down to the nanosecond as Duration.dividedBy(2) (which goes through BigDecimal)
    Duration half = Duration.ofSeconds(timeout.getSeconds() / 2,
        ((timeout.getSeconds() % 2) * 1_000_000_000L + timeout.getNano()) / 2);
    Instant answeredBy = now.plus(command.timeout()).minus(skew.compareTo(half) > 0 ? half : skew);
    return command.expiresAt().isBefore(answeredBy) ? command.expiresAt() : answeredBy;
  }

  @Override
  public DoorResponse unlock(DoorCommand command) {
    return unlock(command, late -> {});
  }

  /**
   * {@inheritDoc}
   *
   * <p>Late answers are taken for commands of the library's own protocol (matched by command id)
   * until {@link Answers#ANSWER_TRAVEL 30 s} after the lock can no longer act on the command; they
   * also go to {@link MqttDoorSettings#lateAnswers()}. The state-confirmed profiles cannot tell one
   * command's answer from another's, so they never report one.
   */
  @Override
  public DoorResponse unlock(DoorCommand command, Consumer<DoorResponse> lateAnswer) {
    Instant now = settings.clock().instant();
    Instant expiresAt = lockExpiry(command, now);
    Duration left = Duration.between(now, expiresAt);
    if (left.isNegative() || left.isZero()) {
      return new DoorResponse.Refused("expired");
    }
    if (closed) {
      return new DoorResponse.Unreachable("closed");
    }
    if (!isConnected()) {
      return new DoorResponse.Unreachable("broker unavailable");
    }
    DoorKey key = new DoorKey(command.organization(), command.door());
    Binding binding = doors.binding(key);
    if (settings.trackAvailability() && availability.get(key) == LockAvailability.OFFLINE) {
      return new DoorResponse.Unreachable("offline");
    }
    // Whole seconds, rounded down: the broker drops the command no later than expiresAt (the lock
    // checks expiresAt itself for the sub-second rest and for brokers that ignore expiry).
    long expiry = Math.max(1, Math.min(left.toSeconds(), settings.messageExpiry().toSeconds()));
    MqttProperties properties = new MqttProperties();
    properties.setMessageExpiryInterval(expiry);
    CompletableFuture<DoorResponse> answer;
    byte[] payload;
    String stateTopic = null;
    if (binding.requestResponse()) {
      String replyTopic = doors.replyTopicFor(command.organization());
      String commandId = command.commandId().toString();
      payload = Wire.command(commandId, command, (LockProfile.AccessLinkJson) binding.profile, expiresAt,
          settings.keysFor(command.organization(), command.door()));
      properties.setResponseTopic(replyTopic);
      properties.setCorrelationData(commandId.getBytes(StandardCharsets.UTF_8));
      properties.setContentType(Wire.CONTENT_TYPE);
      properties.setPayloadFormat(true);
      answer = answers.expect(command.commandId(), replyTopic, key);
    } else {
      payload = binding.commandPayload(command);
      stateTopic = binding.stateTopic.orElseThrow();
      answer = answers.expectState(stateTopic);
    }
    long deadline = System.nanoTime() + command.timeout().toNanos();
    boolean answered = false;
    try {
      MqttMessage message = new MqttMessage(payload, 1, false, properties);
      if (!Publishing.publish(client, binding.commandTopic, message, deadline)) {
        return new DoorResponse.Unreachable("timeout");
      }
      DoorResponse response = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      answered = true;
      return response;
    } catch (TimeoutException e) {
      return new DoorResponse.Unreachable("timeout");
    } catch (MqttException e) {
      LOG.log(Level.DEBUG, "publishing an unlock command failed: {0}", e.getMessage());
      return new DoorResponse.Unreachable("broker unavailable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new DoorResponse.Unreachable("interrupted");
    } catch (ExecutionException e) {
      return new DoorResponse.Unreachable("error");
    } finally {
      if (stateTopic == null) {
        // Listen on while the lock may still act (its clock may lag by up to the allowance).
        Instant last = command.expiresAt().isAfter(expiresAt) ? command.expiresAt() : expiresAt;
        answers.done(command.commandId(), Duration.between(settings.clock().instant(), last)
            .plus(settings.clockSkewAllowance()).plusSeconds(1), lateAnswer, answered);
      } else {
        answers.doneState(stateTopic, answer);
      }
    }
  }

  /** Disconnects; unlocks still waiting get {@code Unreachable("closed")}. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ready = false;
    scheduler.shutdownNow();
    answers.closeAll(new DoorResponse.Unreachable("closed"));
    try {
      if (client.isConnected()) {
        client.disconnect(1000).waitForCompletion(2000);
      }
    } catch (MqttException e) {
      LOG.log(Level.DEBUG, "disconnect failed: {0}", e.getMessage());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.log(Level.DEBUG, "close failed: {0}", e.getMessage());
    }
  }

  // ---- incoming messages: never block here ----

  private void onMessage(String topic, MqttMessage message) {
    if (doors.isReplyTopic(topic)) {
      answers.onReply(topic, message);
      return;
    }
    doors.stateOf(topic).ifPresent(state -> {
      if (!message.isRetained()) {
        // A retained state is history; only a live state can confirm a command sent just now.
        answers.onState(topic, state.interpretState(message.getPayload()));
      }
    });
    List<Binding> profileDoors = doors.profileAvailabilityOf(topic);
    if (!profileDoors.isEmpty()) {
      for (Binding b : profileDoors) {
        b.interpretAvailability(message.getPayload())
            .ifPresent(a -> availability.put(new DoorKey(b.organization, b.door), a));
      }
      return;
    }
    if (settings.trackAvailability()) {
      doors.availabilityOf(topic).ifPresent(key -> Wire.availability(message.getPayload(), "online", "offline")
          .ifPresent(a -> availability.put(key, a)));
    }
  }

  private void resubscribe() {
    try {
      client.subscribe(doors.subscriptions(), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          try {
            checkGranted(token);
            ready = true;
            LOG.log(Level.INFO, "MQTT door controller {0} reconnected and subscribed", settings.clientId());
          } catch (MqttException e) {
            LOG.log(Level.WARNING, "the broker refused a subscription after reconnect: {0}", e.getMessage());
          }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          LOG.log(Level.WARNING, "subscribing after reconnect failed: {0}", e.getMessage());
        }
      }, new MqttProperties());
    } catch (MqttException e) {
      LOG.log(Level.WARNING, "subscribing after reconnect failed: {0}", e.getMessage());
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse response) {
      ready = false;
      if (!closed) {
        LOG.log(Level.WARNING, "MQTT door controller {0} lost the broker (reason code {1}); reconnecting",
            settings.clientId(), response.getReturnCode());
        reconnector.connectionLost();
      }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.log(Level.WARNING, "MQTT error: {0}", exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      try {
        onMessage(topic, message);
      } catch (RuntimeException e) {
        // Never let a bad message kill Paho's callback thread (it would drop the connection).
        LOG.log(Level.WARNING, "ignoring a message on {0}: {1}", topic, e.toString());
      }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect && !closed) {
        // What we knew about locks may be stale; retained availability messages come again.
        availability.clear();
        resubscribe();
      }
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
