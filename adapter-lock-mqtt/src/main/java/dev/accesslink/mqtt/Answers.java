package dev.accesslink.mqtt;

import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.mqtt.internal.DoorKey;
import dev.accesslink.mqtt.internal.Wire;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The controller's bookkeeping of answers: the callers waiting for one (by command id, or by state
 * topic for the state-confirmed profiles), and the commands whose caller stopped waiting while the
 * lock could still act, so a late answer is reported instead of lost. Never blocks. Thread-safe.
 */
final class Answers {
  private static final System.Logger LOG = System.getLogger(Answers.class.getName());

  private record Pending(String replyTopic, DoorKey door, CompletableFuture<DoorResponse> answer) {}

  private record Abandoned(String replyTopic, DoorKey door, long sinceNanos, Consumer<DoorResponse> caller) {}

  /**
   * How long after the lock can no longer act an answer is still taken: an answer to a command the
   * lock acted on in time may be held up on the way back (a stalled broker) for longer than that.
   */
  static final Duration ANSWER_TRAVEL = Duration.ofSeconds(30);

  /** The most abandoned commands listened for at once; past that a late answer is only logged. */
  static final int MAX_ABANDONED = 10_000;

  private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();
  private final Map<UUID, Abandoned> abandoned = new ConcurrentHashMap<>();
  private final Map<String, Set<CompletableFuture<DoorResponse>>> stateWaiters = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final Consumer<LateAnswer> lateAnswers;

  Answers(ScheduledExecutorService scheduler, Consumer<LateAnswer> lateAnswers) {
    this.scheduler = scheduler;
    this.lateAnswers = lateAnswers;
  }

  /** Registers a caller waiting for the answer to {@code commandId} on {@code replyTopic}. */
  CompletableFuture<DoorResponse> expect(UUID commandId, String replyTopic, DoorKey door) {
    CompletableFuture<DoorResponse> answer = new CompletableFuture<>();
    if (pending.putIfAbsent(commandId, new Pending(replyTopic, door, answer)) != null) {
      throw new IllegalArgumentException("command " + commandId + " is already in flight");
    }
    return answer;
  }

  /**
   * The caller of {@code commandId} stopped waiting. If it got no answer, an answer arriving until
   * {@link #ANSWER_TRAVEL} after {@code lockMayAct} has passed is handed to {@code caller} and to the
   * settings' late-answer listener.
   */
  void done(UUID commandId, Duration lockMayAct, Consumer<DoorResponse> caller, boolean answered) {
    Pending p = pending.remove(commandId);
    if (p == null || answered) {
      return;
    }
    DoorResponse raced = p.answer().getNow(null);
    if (raced != null) {
      // the answer came between the caller's timeout and now: late by a hair, but late
      if (!(raced instanceof DoorResponse.Unreachable)) {
        report(commandId, p.door(), raced, "", Duration.ZERO, caller);
      }
      return;
    }
    if (abandoned.size() >= MAX_ABANDONED) {
      LOG.log(Level.WARNING, "too many unanswered commands to listen for late answers; door {0} of {1} will"
          + " not have one", p.door().door(), p.door().organization());
      return;
    }
    abandoned.put(commandId, new Abandoned(p.replyTopic(), p.door(), System.nanoTime(), caller));
    Duration listen = (lockMayAct.isNegative() ? Duration.ZERO : lockMayAct).plus(ANSWER_TRAVEL);
    try {
      scheduler.schedule(() -> abandoned.remove(commandId), listen.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      abandoned.remove(commandId);
    }
  }

  /** Registers a caller waiting for a live state on {@code stateTopic}. */
  CompletableFuture<DoorResponse> expectState(String stateTopic) {
    CompletableFuture<DoorResponse> answer = new CompletableFuture<>();
    stateWaiters.compute(stateTopic, (t, set) -> {
      Set<CompletableFuture<DoorResponse>> s = set == null ? ConcurrentHashMap.newKeySet() : set;
      s.add(answer);
      return s;
    });
    return answer;
  }

  void doneState(String stateTopic, CompletableFuture<DoorResponse> answer) {
    stateWaiters.computeIfPresent(stateTopic, (t, set) -> {
      set.remove(answer);
      return set.isEmpty() ? null : set;
    });
  }

  /** A live state message: completes every caller waiting on that topic if it says something. */
  void onState(String topic, Optional<DoorResponse> said) {
    Set<CompletableFuture<DoorResponse>> waiters = stateWaiters.get(topic);
    if (waiters != null && said.isPresent()) {
      waiters.forEach(f -> f.complete(said.get()));
    }
  }

  /** An answer on one of this controller's response topics. */
  void onReply(String topic, MqttMessage message) {
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
    if (id.isEmpty()) {
      return;
    }
    Pending p = pending.get(id.get());
    if (p != null) {
      if (checkTopic(p.replyTopic(), topic)) {
        p.answer().complete(Wire.response(reply.get().status()));
      }
      return;
    }
    Abandoned late = abandoned.remove(id.get());
    if (late == null) {
      LOG.log(Level.DEBUG, "ignoring a duplicate or unknown answer");
      return;
    }
    if (!checkTopic(late.replyTopic(), topic)) {
      abandoned.put(id.get(), late);
      return;
    }
    report(id.get(), late.door(), Wire.response(reply.get().status()), reply.get().status(),
        Duration.ofNanos(System.nanoTime() - late.sinceNanos()), late.caller());
  }

  /** Hands a late answer to the caller's listener and to the settings' one; logs it. */
  private void report(UUID commandId, DoorKey door, DoorResponse response, String status, Duration delay,
      Consumer<DoorResponse> caller) {
    LOG.log(Level.WARNING, "door {0} of {1} answered {2} {3} ms after its caller stopped waiting",
        door.door(), door.organization(), status.isEmpty() ? response.toString() : status,
        Long.toString(delay.toMillis()));
    try {
      caller.accept(response);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the caller's late-answer listener failed: {0}", e.toString());
    }
    try {
      lateAnswers.accept(new LateAnswer(commandId, door.organization(), door.door(), response, delay));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the late-answer listener failed: {0}", e.toString());
    }
  }

  private static boolean checkTopic(String expected, String topic) {
    if (expected.equals(topic)) {
      return true;
    }
    // Locks may only answer on their own organization's response topic (broker ACLs hold that).
    LOG.log(Level.WARNING, "ignoring an answer on another organization''s response topic {0}", topic);
    return false;
  }

  /** Completes every waiting caller with {@code response}. */
  void closeAll(DoorResponse response) {
    pending.values().forEach(p -> p.answer().complete(response));
    stateWaiters.values().forEach(s -> s.forEach(f -> f.complete(response)));
    abandoned.clear();
  }
}
