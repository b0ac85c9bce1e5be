package dev.accesslink.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.DoorCommand;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every {@link DoorController} owes. */
public abstract class DoorControllerContract {

  /** The controller under test. */
  protected abstract DoorController controller();

  /** The organization of the doors below. */
  protected abstract OrganizationId organization();

  /** A door whose lock answers and opens. */
  protected abstract DoorId reachableDoor();

  /** A door whose lock never answers. */
  protected abstract DoorId silentDoor();

  /** A door whose lock answers with a refusal (jammed), if the implementation can stage one. */
  protected Optional<DoorId> refusingDoor() {
    return Optional.empty();
  }

  /**
   * A door whose lock acts at once but whose answer arrives only after {@link #timeout()} (held up on
   * the way back), if the implementation can stage one and reports late answers (see {@link
   * DoorController#unlock(DoorCommand, java.util.function.Consumer)}).
   */
  protected Optional<DoorId> lateAnsweringDoor() {
    return Optional.empty();
  }

  /** Reachable doors for the concurrency test. */
  protected List<DoorId> concurrentDoors() {
    return List.of(reachableDoor());
  }

  /** The answer timeout the tests use. */
  protected Duration timeout() {
    return Duration.ofSeconds(2);
  }

  /**
   * A fresh command for {@code door}, issued now (wall clock: real locks check expiry), expiring a
   * quarter of the timeout before its caller stops waiting, as the core's commands do.
   */
  protected DoorCommand command(DoorId door) {
    Instant now = Instant.now();
    return new DoorCommand(UUID.randomUUID(), organization(), door, Fixtures.linkId(now), now,
        now.plus(timeout()).minus(timeout().dividedBy(4)), timeout());
  }

  @Test
  @DisplayName("a reachable lock unlocks")
  void unlocks() {
    assertThat(controller().unlock(command(reachableDoor()))).isEqualTo(new DoorResponse.Unlocked());
  }

  @Test
  @DisplayName("a silent lock is unreachable, answered within the timeout (plus slack), never an exception")
  void silentIsUnreachable() {
    long start = System.nanoTime();
    DoorResponse r = controller().unlock(command(silentDoor()));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r).isInstanceOf(DoorResponse.Unreachable.class);
    assertThat(took).isLessThan(timeout().plusSeconds(3));
  }

  @Test
  @DisplayName("a lock that refuses is reported as refused")
  void refusing() {
    refusingDoor().ifPresent(door ->
        assertThat(controller().unlock(command(door))).isInstanceOf(DoorResponse.Refused.class));
  }

  @Test
  @DisplayName("an answer that comes after the wait is reported once as a late answer, never as the call's answer")
  void lateAnswer() throws Exception {
    Optional<DoorId> door = lateAnsweringDoor();
    if (door.isEmpty()) {
      return;
    }
    CompletableFuture<DoorResponse> late = new CompletableFuture<>();
    List<DoorResponse> reported = new CopyOnWriteArrayList<>();
    DoorResponse r = controller().unlock(command(door.get()), answer -> {
      reported.add(answer);
      late.complete(answer);
    });
    assertThat(r).isInstanceOf(DoorResponse.Unreachable.class);
    assertThat(late.get(30, TimeUnit.SECONDS)).isEqualTo(new DoorResponse.Unlocked());
    // the next command gets its own answer, and the late listener is not called again
    assertThat(controller().unlock(command(reachableDoor()), answer -> reported.add(answer)))
        .isEqualTo(new DoorResponse.Unlocked());
    assertThat(reported).containsExactly(new DoorResponse.Unlocked());
  }

  @Test
  @DisplayName("an answer within the wait is the call's answer and is never reported late")
  void noLateAnswerWhenAnswered() {
    List<DoorResponse> reported = new CopyOnWriteArrayList<>();
    assertThat(controller().unlock(command(reachableDoor()), reported::add)).isEqualTo(new DoorResponse.Unlocked());
    assertThat(reported).isEmpty();
  }

  @Test
  @DisplayName("concurrent unlocks each get their own answer")
  void concurrent() throws Exception {
    List<DoorId> doors = concurrentDoors();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<CompletableFuture<DoorResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        DoorId door = doors.get(i % doors.size());
        futures.add(CompletableFuture.supplyAsync(() -> controller().unlock(command(door)), pool));
      }
      futures.add(CompletableFuture.supplyAsync(() -> controller().unlock(command(silentDoor())), pool));
      for (int i = 0; i < 40; i++) {
        assertThat(futures.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(new DoorResponse.Unlocked());
      }
      assertThat(futures.get(40).get(30, TimeUnit.SECONDS)).isInstanceOf(DoorResponse.Unreachable.class);
    } finally {
      pool.shutdownNow();
    }
  }
}
