package dev.accesslink.mqtt;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.mqtt.internal.Binding;
import dev.accesslink.mqtt.internal.DoorKey;
import dev.accesslink.mqtt.internal.TopicTemplate;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * The controller's view of the doors: each door's {@link Binding} (made on first use), the topics
 * to subscribe to, and which door a state or availability topic belongs to. Thread-safe.
 */
final class Doors {
  private final MqttDoorSettings settings;
  private final TopicTemplate commandTopics;
  private final TopicTemplate availabilityTopics;
  private final TopicTemplate replyTopics;
  private final List<MqttSubscription> subscriptions;
  private final Map<String, List<Binding>> profileAvailability = new HashMap<>();
  private final Map<String, Binding> profileStates = new HashMap<>();
  private final Map<DoorKey, Binding> bindings = new ConcurrentHashMap<>();
  /** Each organization's response topic, expanded once. */
  private final Map<OrganizationId, String> replyTopicByOrganization = new ConcurrentHashMap<>();
  /** The response topics in use, so an answer is recognized without matching the template. */
  private final Set<String> replyTopicsInUse = ConcurrentHashMap.newKeySet();

  Doors(MqttDoorSettings settings) {
    this.settings = settings;
    this.commandTopics = TopicTemplate.parse(settings.commandTopic(), "commandTopic",
        TopicTemplate.DOOR_PLACEHOLDERS, TopicTemplate.DOOR_PLACEHOLDERS);
    this.availabilityTopics = TopicTemplate.parse(settings.availabilityTopic(), "availabilityTopic",
        TopicTemplate.DOOR_PLACEHOLDERS, TopicTemplate.DOOR_PLACEHOLDERS);
    this.replyTopics = TopicTemplate.parse(settings.replyTopic(), "replyTopic",
        TopicTemplate.REPLY_PLACEHOLDERS, Set.of("client"));
    List<MqttSubscription> subs = new ArrayList<>();
    subs.add(new MqttSubscription(replyTopics.filter(Map.of("client", settings.clientId())), 1));
    if (settings.trackAvailability()) {
      subs.add(new MqttSubscription(availabilityTopics.filter(Map.of()), 1));
    }
    settings.doorProfiles().forEach((org, doors) -> doors.forEach((door, profile) -> {
      Binding b = binding(new DoorKey(org, door));
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
  }

  MqttSubscription[] subscriptions() {
    return subscriptions.toArray(new MqttSubscription[0]);
  }

  Binding binding(DoorKey key) {
    Binding known = bindings.get(key);
    return known != null ? known : bindings.computeIfAbsent(key,
        k -> Binding.of(k.organization(), k.door(), settings.profileFor(k.organization(), k.door()),
            commandTopics, availabilityTopics));
  }

  String replyTopicFor(OrganizationId organization) {
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

  /** Whether {@code topic} is one of this controller's response topics. */
  boolean isReplyTopic(String topic) {
    if (replyTopicsInUse.contains(topic)) {
      return true; // the usual case, without matching the template
    }
    Optional<Map<String, String>> reply = replyTopics.match(topic);
    return reply.isPresent() && settings.clientId().equals(reply.get().get("client"));
  }

  /** The door whose state topic {@code topic} is, if any. */
  Optional<Binding> stateOf(String topic) {
    return Optional.ofNullable(profileStates.get(topic));
  }

  /** The doors of the state-confirmed profiles whose availability topic is {@code topic}. */
  List<Binding> profileAvailabilityOf(String topic) {
    return profileAvailability.getOrDefault(topic, List.of());
  }

  /** The door of the library protocol whose availability topic {@code topic} is, if it is one. */
  Optional<DoorKey> availabilityOf(String topic) {
    return availabilityTopics.match(topic).flatMap(values -> {
      try {
        return Optional.of(new DoorKey(OrganizationId.of(values.get("organization")),
            DoorId.of(values.get("door"))));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    });
  }

  /**
   * The warnings to log once at start: doors whose profile cannot check a signature, reached
   * without TLS, and doors of the library protocol with neither TLS nor signing keys.
   */
  List<String> securityWarnings() {
    String scheme = URI.create(settings.serverUri()).getScheme();
    if (scheme.equals("ssl") || scheme.equals("wss")) {
      return List.of();
    }
    List<String> warnings = new ArrayList<>();
    settings.doorProfiles().forEach((org, doors) -> doors.forEach((door, profile) -> {
      if (!(profile instanceof LockProfile.AccessLinkJson)) {
        warnings.add("door " + door + " of " + org + " uses the " + profile.kind() + " profile, which cannot check "
            + "signed commands, over a broker connection without TLS: anyone who can publish on its command "
            + "topic can open it; use ssl:// and broker ACLs (docs/door-control-mqtt.md)");
      }
    }));
    return warnings;
  }
}
