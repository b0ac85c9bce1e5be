package dev.accesslink.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The door bulkhead")
class DoorBulkheadTest {
  static final OrganizationId ORG = OrganizationId.of("acme");
  static final DoorId FRONT = DoorId.of("front");
  static final DoorId BACK = DoorId.of("back");
  final DoorBulkhead bulkhead = new DoorBulkhead(DoorPolicy.defaults().withBulkhead(2, 3));

  @Test
  @DisplayName("refuses the waiter past the per-door bound while other doors still get through")
  void perDoor() {
    DoorBulkhead.Permit a = bulkhead.tryEnter(ORG, FRONT).orElseThrow();
    DoorBulkhead.Permit b = bulkhead.tryEnter(ORG, FRONT).orElseThrow();
    assertThat(bulkhead.tryEnter(ORG, FRONT)).isEmpty();
    assertThat(bulkhead.tryEnter(OrganizationId.of("other"), FRONT)).isPresent();
    a.close();
    a.close(); // a second close gives nothing back twice
    b.close();
    assertThat(bulkhead.tryEnter(ORG, FRONT)).isPresent();
  }

  @Test
  @DisplayName("refuses the waiter past the total bound, and a refusal takes no place")
  void total() {
    bulkhead.tryEnter(ORG, FRONT).orElseThrow();
    bulkhead.tryEnter(ORG, FRONT).orElseThrow();
    DoorBulkhead.Permit back = bulkhead.tryEnter(ORG, BACK).orElseThrow();
    for (int i = 0; i < 10; i++) {
      assertThat(bulkhead.tryEnter(ORG, DoorId.of("d" + i))).isEmpty();
    }
    back.close();
    assertThat(bulkhead.tryEnter(ORG, DoorId.of("d0"))).isPresent();
  }

  @Test
  @DisplayName("never lets more than the bound in under contention, and gives every place back")
  void contention() throws Exception {
    DoorBulkhead small = new DoorBulkhead(DoorPolicy.defaults().withBulkhead(4, 100));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch hold = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(4);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> {
          Optional<DoorBulkhead.Permit> p = small.tryEnter(ORG, FRONT);
          if (p.isEmpty()) {
            return false;
          }
          try (DoorBulkhead.Permit permit = p.get()) {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            entered.countDown();
            boolean released = hold.await(10, TimeUnit.SECONDS);
            inside.decrementAndGet();
            return released;
          }
        }));
      }
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      hold.countDown();
      long admitted = 0;
      for (Future<Boolean> f : results) {
        admitted += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(admitted).isBetween(4L, 16L);
      assertThat(most.get()).isEqualTo(4);
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < 4; i++) {
      assertThat(small.tryEnter(ORG, FRONT)).isPresent();
    }
    assertThat(small.tryEnter(ORG, FRONT)).isEmpty();
  }

  @Test
  @DisplayName("is off by default and its bounds are at least 1")
  void policy() {
    assertThat(DoorPolicy.defaults().bounded()).isFalse();
    assertThat(DoorPolicy.defaults().withBulkhead(1, 1).bounded()).isTrue();
    assertThatThrownBy(() -> DoorPolicy.defaults().withBulkhead(0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThat(DoorPolicy.defaults().timeout()).isEqualTo(Duration.ofSeconds(5));
  }
}
