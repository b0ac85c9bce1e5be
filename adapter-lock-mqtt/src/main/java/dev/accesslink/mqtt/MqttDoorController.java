package dev.accesslink.mqtt;

import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * The {@link DoorController} over MQTT v5 (Eclipse Paho, asynchronous client).
 *
 * <p>Each unlock is published once, QoS 1, never retained, with a message expiry interval no longer
 * than the time left until the command's {@code expiresAt} (and at most {@link
 * MqttDoorSettings#messageExpiry()}), so a broker never hands an old command to a lock that comes
 * back later. For the library's own protocol the command carries a response topic and the command id
 * as correlation data, and the caller waits for that command's answer; late and unknown answers are
 * ignored. Locks of the state-confirmed profiles (Home Assistant, Zigbee2MQTT, ESPHome) count as
 * unlocked when their state topic says so within the timeout. A lock whose availability topic says
 * it is offline is reported {@link DoorResponse.Unreachable} at once; so is every unlock while the
 * broker connection is down ({@code "broker unavailable"}): the door cannot be reached.
 *
 * <p>The client reconnects automatically and subscribes again after every reconnect. The MQTT
 * callback never blocks: it only completes the waiting caller's future.
 *
 * <p>Thread-safe: any number of unlocks may be in flight at once. Close it to disconnect.
 */
public final class MqttDoorController implements DoorController, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MqttDoorController.class.getName());

  private final MqttDoorSettings settings;
  private final MqttAsyncClient client;
  private final TopicTemplate commandTopics;
  private final TopicTemplate availabilityTopics;
  private final TopicTemplate replyTopics;
  private final List<MqttSubscription> subscriptions;
  private final Map<String, List<Binding>> profileAvailability = new HashMap<>();
  private final Map<String, Binding> profileStates = new HashMap<>();
  private final Map<DoorKey, Binding> bindings = new ConcurrentHashMap<>();
  private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Set<CompletableFuture<DoorResponse>>> stateWaiters = new ConcurrentHashMap<>();
  private final Map<DoorKey, LockAvailability> availability = new ConcurrentHashMap<>();
  /** Each organization's response topic, expanded once. */
  private final Map<OrganizationId, String> replyTopicByOrganization = new ConcurrentHashMap<>();
  /** The response topics in use, so an answer is recognized without matching the template. */
  private final Set<String> replyTopicsInUse = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.ScheduledExecutorService scheduler;
  private final Reconnector reconnector;
  private volatile boolean ready;
  private volatile boolean closed;

  private record Pending(String replyTopic, CompletableFuture<DoorResponse> answer) {}

  private MqttDoorController(MqttDoorSettings settings) throws MqttException {
    this.settings = settings;
    this.commandTopics = TopicTemplate.parse(settings.commandTopic(), "commandTopic",
        MqttDoorSettings.DOOR_PLACEHOLDERS, MqttDoorSettings.DOOR_PLACEHOLDERS);
    this.availabilityTopics = TopicTemplate.parse(settings.availabilityTopic(), "availabilityTopic",
        MqttDoorSettings.DOOR_PLACEHOLDERS, MqttDoorSettings.DOOR_PLACEHOLDERS);
    this.replyTopics = TopicTemplate.parse(settings.replyTopic(), "replyTopic",
        MqttDoorSettings.REPLY_PLACEHOLDERS, Set.of("client"));
    List<MqttSubscription> subs = new ArrayList<>();
    subs.add(new MqttSubscription(replyTopics.filter(Map.of("client", settings.clientId())), 1));
    if (settings.trackAvailability()) {
      subs.add(new MqttSubscription(availabilityTopics.filter(Map.of()), 1));
    }
    settings.doorProfiles().forEach((org, doors) -> doors.forEach((door, profile) -> {
      Binding b = bindingFor(org, door);
      b.stateTopic.ifPresent(t -> {
        if (profileStates.putIfAbsent(t, b) == null) {
          subs.add(new MqttSubscription(t, 1));
        }
      });
      if (!b.requestResponse() && settings.trackAvailability() && b.hasAvailability()) {
        if (!profileAvailability.containsKey(b.availabilityTopic)) {
          subs.add(new MqttSubscription(b.availabilityTopic, 1));
        }
        profileAvailability.computeIfAbsent(b.availabilityTopic, t -> new ArrayList<>()).add(b);
      }
    }));
    this.subscriptions = List.copyOf(subs);
    this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
    client.setCallback(new Callback());
    this.scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mqtt-door-controller-reconnect");
      t.setDaemon(true);
      return t;
    });
    this.reconnector = new Reconnector(client, scheduler, settings.maxReconnectDelay(), () -> !closed);
  }

  /**
   * Connects to the broker and subscribes to the answer, state and availability topics; returns
   * when the controller is ready.
   *
   * @throws AccessLinkInfrastructureException if the broker cannot be reached or refuses the client
   */
  public static MqttDoorController connect(MqttDoorSettings settings) {
    MqttDoorController controller;
    try {
      controller = new MqttDoorController(settings);
    } catch (MqttException e) {
      throw new AccessLinkInfrastructureException("cannot create the MQTT client for " + settings.serverUri(), e);
    }
    try {
      long wait = settings.connectionTimeout().toMillis() + 1000;
      controller.client.connect(controller.options()).waitForCompletion(wait);
      IMqttToken sub = controller.client.subscribe(controller.subscriptions.toArray(new MqttSubscription[0]));
      sub.waitForCompletion(wait);
      checkGranted(sub);
      controller.ready = true;
      return controller;
    } catch (MqttException | RuntimeException e) {
      controller.close();
      throw new AccessLinkInfrastructureException(
          "cannot connect to the MQTT broker at " + settings.serverUri() + ": " + e.getMessage(), e);
    }
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

  private MqttConnectionOptions options() {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
    o.setKeepAliveInterval((int) Math.max(1, settings.keepAlive().toSeconds()));
    o.setConnectionTimeout((int) Math.max(1, settings.connectionTimeout().toSeconds()));
    o.setAutomaticReconnect(true); // Paho's default is off
    o.setAutomaticReconnectDelay(1, (int) Math.max(1, settings.maxReconnectDelay().toSeconds()));
    o.setSocketFactory(NoDelaySocketFactory.forScheme(
        java.net.URI.create(settings.serverUri()).getScheme(), settings.tls(), settings.tcpNoDelay()));
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

  @Override
  public DoorResponse unlock(DoorCommand command) {
    Instant now = settings.clock().instant();
    Duration left = Duration.between(now, command.expiresAt());
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
    Binding binding = bindingFor(key);
    if (settings.trackAvailability() && availability.get(key) == LockAvailability.OFFLINE) {
      return new DoorResponse.Unreachable("offline");
    }
    // Whole seconds, rounded down: the broker drops the command no later than expiresAt (the lock
    // checks expiresAt itself for the sub-second rest and for brokers that ignore expiry).
    long expiry = Math.max(1, Math.min(left.toSeconds(), settings.messageExpiry().toSeconds()));
    MqttProperties properties = new MqttProperties();
    properties.setMessageExpiryInterval(expiry);
    CompletableFuture<DoorResponse> answer = new CompletableFuture<>();
    Runnable unregister;
    byte[] payload;
    if (binding.requestResponse()) {
      String replyTopic = replyTopicFor(command.organization());
      String commandId = command.commandId().toString();
      payload = Wire.command(commandId, command, (LockProfile.AccessLinkJson) binding.profile);
      properties.setResponseTopic(replyTopic);
      properties.setCorrelationData(commandId.getBytes(StandardCharsets.UTF_8));
      properties.setContentType(Wire.CONTENT_TYPE);
      properties.setPayloadFormat(true);
      if (pending.putIfAbsent(command.commandId(), new Pending(replyTopic, answer)) != null) {
        throw new IllegalArgumentException("command " + command.commandId() + " is already in flight");
      }
      unregister = () -> pending.remove(command.commandId());
    } else {
      payload = binding.commandPayload(command);
      String stateTopic = binding.stateTopic.orElseThrow();
      stateWaiters.compute(stateTopic, (t, set) -> {
        Set<CompletableFuture<DoorResponse>> s = set == null ? ConcurrentHashMap.newKeySet() : set;
        s.add(answer);
        return s;
      });
      unregister = () -> stateWaiters.computeIfPresent(stateTopic, (t, set) -> {
        set.remove(answer);
        return set.isEmpty() ? null : set;
      });
    }
    long deadline = System.nanoTime() + command.timeout().toNanos();
    try {
      MqttMessage message = new MqttMessage(payload, 1, false, properties);
      if (!Publishing.publish(client, binding.commandTopic, message, deadline)) {
        return new DoorResponse.Unreachable("timeout");
      }
      return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
      unregister.run();
    }
  }

  private Binding bindingFor(OrganizationId organization, DoorId door) {
    return bindingFor(new DoorKey(organization, door));
  }

  private Binding bindingFor(DoorKey key) {
    Binding known = bindings.get(key);
    return known != null ? known : bindings.computeIfAbsent(key,
        k -> Binding.of(k.organization(), k.door(), settings.profileFor(k.organization(), k.door()),
            commandTopics, availabilityTopics));
  }

  private String replyTopicFor(OrganizationId organization) {
    String known = replyTopicByOrganization.get(organization);
    if (known != null) {
      return known;
    }
    return replyTopicByOrganization.computeIfAbsent(organization, o -> {
      String topic = replyTopics.expand(Map.of("organization", o.value(), "client", settings.clientId()));
      replyTopicsInUse.add(topic);
      return topic;
    });
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
    pending.values().forEach(p -> p.answer().complete(new DoorResponse.Unreachable("closed")));
    stateWaiters.values().forEach(s -> s.forEach(f -> f.complete(new DoorResponse.Unreachable("closed"))));
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
    if (replyTopicsInUse.contains(topic)) {
      onReply(topic, message); // the usual case, without matching the template
      return;
    }
    Optional<Map<String, String>> reply = replyTopics.match(topic);
    if (reply.isPresent() && settings.clientId().equals(reply.get().get("client"))) {
      onReply(topic, message);
      return;
    }
    Binding state = profileStates.get(topic);
    if (state != null && !message.isRetained()) {
      // A retained state is history; only a live state can confirm a command sent just now.
      onState(topic, state, message.getPayload());
    }
    List<Binding> profileDoors = profileAvailability.get(topic);
    if (profileDoors != null) {
      for (Binding b : profileDoors) {
        b.interpretAvailability(message.getPayload()).ifPresent(a -> availability.put(new DoorKey(b.organization, b.door), a));
      }
      return;
    }
    if (settings.trackAvailability()) {
      availabilityTopics.match(topic).ifPresent(values -> {
        try {
          DoorKey key = new DoorKey(OrganizationId.of(values.get("organization")), DoorId.of(values.get("door")));
          Wire.availability(message.getPayload(), "online", "offline").ifPresent(a -> availability.put(key, a));
        } catch (RuntimeException e) {
          LOG.log(Level.DEBUG, "ignoring availability on {0}", topic);
        }
      });
    }
  }

  private void onReply(String topic, MqttMessage message) {
    Optional<UUID> correlated = Optional.empty();
    MqttProperties props = message.getProperties();
    if (props != null && props.getCorrelationData() != null) {
      try {
        correlated = Optional.of(UUID.fromString(new String(props.getCorrelationData(), StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException e) {
        LOG.log(Level.DEBUG, "ignoring an answer with foreign correlation data");
        return;
      }
    }
    Optional<Wire.Reply> reply = Wire.parseReply(message.getPayload());
    if (reply.isEmpty()) {
      LOG.log(Level.DEBUG, "ignoring an unreadable answer on {0}", topic);
      return;
    }
    Optional<UUID> named = reply.get().commandId();
    if (correlated.isPresent() && named.isPresent() && !correlated.equals(named)) {
      LOG.log(Level.WARNING, "ignoring an answer whose correlation data and command id differ");
      return;
    }
    Optional<UUID> id = correlated.or(() -> named);
    Pending p = id.map(pending::get).orElse(null);
    if (p == null) {
      LOG.log(Level.DEBUG, "ignoring a late or unknown answer");
      return;
    }
    if (!p.replyTopic().equals(topic)) {
      // Locks may only answer on their own organization's response topic (broker ACLs hold that).
      LOG.log(Level.WARNING, "ignoring an answer on another organization''s response topic {0}", topic);
      return;
    }
    p.answer().complete(Wire.response(reply.get().status()));
  }

  private void onState(String topic, Binding binding, byte[] payload) {
    Set<CompletableFuture<DoorResponse>> waiters = stateWaiters.get(topic);
    if (waiters == null || waiters.isEmpty()) {
      return;
    }
    binding.interpretState(payload).ifPresent(r -> waiters.forEach(f -> f.complete(r)));
  }

  private void resubscribe() {
    try {
      client.subscribe(subscriptions.toArray(new MqttSubscription[0]), null, new MqttActionListener() {
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
