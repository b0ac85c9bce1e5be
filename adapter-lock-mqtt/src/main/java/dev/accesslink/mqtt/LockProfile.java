package dev.accesslink.mqtt;

import dev.accesslink.mqtt.internal.Topics;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one door's lock is spoken to: the topics, the payloads and how its answer is read.
 *
 * <p>{@link AccessLinkJson} is the library's own request/response protocol (MQTT 5, command id,
 * response topic, expiry). The other profiles drive locks from existing ecosystems that speak
 * MQTT 3.1.1; they have no request/response, so an unlock counts as confirmed when the lock's
 * state topic reports it unlocked (or open) within the timeout. All profiles are immutable values.
 */
public sealed interface LockProfile
    permits LockProfile.AccessLinkJson, LockProfile.HomeAssistant, LockProfile.Zigbee2Mqtt,
        LockProfile.EspHome {

  /** The profile kinds. */
  enum Kind {
    /** The library's own JSON request/response protocol. */
    ACCESSLINK_JSON,
    /** A Home Assistant MQTT lock (command, state and availability topics). */
    HOME_ASSISTANT,
    /** A lock paired through Zigbee2MQTT. */
    ZIGBEE2MQTT,
    /** An ESPHome lock component with the MQTT client. */
    ESPHOME
  }

  /** This profile's kind. */
  Kind kind();

  /** The library's protocol: unlock for 5 seconds. */
  static AccessLinkJson accessLinkJson() {
    return new AccessLinkJson(LockAction.UNLOCK, Duration.ofSeconds(5));
  }

  /**
   * A Home Assistant MQTT lock with Home Assistant's default payloads, sending {@code UNLOCK}.
   *
   * @param commandTopic the lock's {@code command_topic}
   * @param stateTopic the lock's {@code state_topic}
   * @param availabilityTopic the lock's {@code availability_topic}
   */
  static HomeAssistant homeAssistant(String commandTopic, String stateTopic, String availabilityTopic) {
    return new HomeAssistant(commandTopic, stateTopic, Optional.of(availabilityTopic), LockAction.UNLOCK,
        "UNLOCK", "OPEN", "UNLOCKED", "OPEN", "JAMMED", "online", "offline");
  }

  /**
   * A Zigbee2MQTT lock under the default base topic {@code zigbee2mqtt}.
   *
   * @param friendlyName the device's friendly name in Zigbee2MQTT
   */
  static Zigbee2Mqtt zigbee2mqtt(String friendlyName) {
    return new Zigbee2Mqtt("zigbee2mqtt", friendlyName);
  }

  /**
   * An ESPHome lock component, sending {@code UNLOCK}.
   *
   * @param topicPrefix the node's MQTT {@code topic_prefix} (by default the node name)
   * @param lockId the lock component's object id (its sanitized name)
   */
  static EspHome espHome(String topicPrefix, String lockId) {
    return new EspHome(topicPrefix, lockId, LockAction.UNLOCK);
  }

  /**
   * The library's own protocol (see {@code docs/door-control-mqtt.md}): a JSON command on the
   * command topic with MQTT 5 message expiry, response topic and correlation data; the lock answers
   * with the command id and a status.
   *
   * @param action what the lock is asked to do
   * @param duration how long the lock stays unlocked (sent as {@code durationMs}; 1 s to 1 h)
   */
  record AccessLinkJson(LockAction action, Duration duration) implements LockProfile {
    public AccessLinkJson {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(duration, "duration");
      if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("duration must be between 1 s and 1 h");
      }
    }

    @Override
    public Kind kind() {
      return Kind.ACCESSLINK_JSON;
    }
  }

  /**
   * A Home Assistant MQTT lock: a plain payload to the command topic; confirmed when the state
   * topic turns {@code stateUnlocked} or {@code stateOpen}; {@code stateJammed} is a refusal.
   *
   * @param commandTopic where the command payload is published
   * @param stateTopic where the lock reports its state
   * @param availabilityTopic where the lock reports online/offline, if it does
   * @param action whether to send {@code payloadUnlock} or {@code payloadOpen}
   * @param payloadUnlock the unlock payload (Home Assistant default {@code UNLOCK})
   * @param payloadOpen the open payload (default {@code OPEN})
   * @param stateUnlocked the unlocked state (default {@code UNLOCKED})
   * @param stateOpen the open state (default {@code OPEN})
   * @param stateJammed the jammed state (default {@code JAMMED})
   * @param payloadAvailable the online availability payload (default {@code online})
   * @param payloadNotAvailable the offline availability payload (default {@code offline})
   */
  record HomeAssistant(
      String commandTopic,
      String stateTopic,
      Optional<String> availabilityTopic,
      LockAction action,
      String payloadUnlock,
      String payloadOpen,
      String stateUnlocked,
      String stateOpen,
      String stateJammed,
      String payloadAvailable,
      String payloadNotAvailable)
      implements LockProfile {
    public HomeAssistant {
      Topics.checkName(commandTopic, "commandTopic");
      Topics.checkName(stateTopic, "stateTopic");
      Objects.requireNonNull(availabilityTopic, "availabilityTopic").ifPresent(t -> Topics.checkName(t, "availabilityTopic"));
      Objects.requireNonNull(action, "action");
      for (String p : new String[] {payloadUnlock, payloadOpen, stateUnlocked, stateOpen, stateJammed,
          payloadAvailable, payloadNotAvailable}) {
        if (Objects.requireNonNull(p, "payload").isBlank()) {
          throw new IllegalArgumentException("payloads and states must not be blank");
        }
      }
    }

    /** The same lock, sent {@code action} instead. */
    public HomeAssistant withAction(LockAction newAction) {
      return new HomeAssistant(commandTopic, stateTopic, availabilityTopic, newAction, payloadUnlock,
          payloadOpen, stateUnlocked, stateOpen, stateJammed, payloadAvailable, payloadNotAvailable);
    }

    @Override
    public Kind kind() {
      return Kind.HOME_ASSISTANT;
    }
  }

  /**
   * A lock paired through Zigbee2MQTT: {@code {"state":"UNLOCK"}} to {@code <base>/<name>/set};
   * confirmed when the device state on {@code <base>/<name>} reports {@code lock_state}
   * {@code unlocked} (or {@code state} {@code UNLOCK}); {@code not_fully_locked} is "jammed".
   * Availability is read from {@code <base>/<name>/availability} ({@code online}/{@code offline},
   * plain or as {@code {"state":"online"}}).
   *
   * @param baseTopic Zigbee2MQTT's {@code base_topic} (default {@code zigbee2mqtt})
   * @param friendlyName the device's friendly name (one topic level, no wildcards)
   */
  record Zigbee2Mqtt(String baseTopic, String friendlyName) implements LockProfile {
    public Zigbee2Mqtt {
      Topics.checkName(baseTopic, "baseTopic");
      Topics.checkLevel(friendlyName, "friendlyName");
    }

    /** {@code <base>/<name>/set}. */
    public String commandTopic() {
      return baseTopic + "/" + friendlyName + "/set";
    }

    /** {@code <base>/<name>}. */
    public String stateTopic() {
      return baseTopic + "/" + friendlyName;
    }

    /** {@code <base>/<name>/availability}. */
    public String availabilityTopic() {
      return baseTopic + "/" + friendlyName + "/availability";
    }

    @Override
    public Kind kind() {
      return Kind.ZIGBEE2MQTT;
    }
  }

  /**
   * An ESPHome lock: {@code UNLOCK} (or {@code OPEN}) to {@code <prefix>/lock/<id>/command};
   * confirmed when {@code <prefix>/lock/<id>/state} reports {@code UNLOCKED}; {@code JAMMED} is a
   * refusal. Availability is the node's {@code <prefix>/status} ({@code online}/{@code offline}).
   *
   * @param topicPrefix the node's {@code topic_prefix}
   * @param lockId the lock component's object id
   * @param action whether to send {@code UNLOCK} or {@code OPEN}
   */
  record EspHome(String topicPrefix, String lockId, LockAction action) implements LockProfile {
    public EspHome {
      Topics.checkName(topicPrefix, "topicPrefix");
      Topics.checkLevel(lockId, "lockId");
      Objects.requireNonNull(action, "action");
    }

    /** {@code <prefix>/lock/<id>/command}. */
    public String commandTopic() {
      return topicPrefix + "/lock/" + lockId + "/command";
    }

    /** {@code <prefix>/lock/<id>/state}. */
    public String stateTopic() {
      return topicPrefix + "/lock/" + lockId + "/state";
    }

    /** {@code <prefix>/status}. */
    public String availabilityTopic() {
      return topicPrefix + "/status";
    }

    @Override
    public Kind kind() {
      return Kind.ESPHOME;
    }
  }
}
