package dev.accesslink.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.port.out.AccessLinkTelemetry;
import dev.accesslink.core.port.out.AccessLinkTelemetry.Operation;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A broken telemetry never breaks a use case, and never hides the use case's own failure. */
@DisplayName("Guarded telemetry")
class GuardedTelemetryTest {
  final AtomicInteger runs = new AtomicInteger();
  final Supplier<String> work = () -> {
    runs.incrementAndGet();
    return "done";
  };

  static AccessLinkTelemetry observing(ObserveBody body) {
    return GuardedTelemetry.guard(new AccessLinkTelemetry() {
      @Override
      public <T> T observe(Operation operation, Supplier<T> work) {
        return body.observe(work);
      }
    });
  }

  /** What a test telemetry's observe does with the work. */
  interface ObserveBody {
    <T> T observe(Supplier<T> work);
  }

  @Test
  @DisplayName("none() is passed through as it is, so the no-op path stays free")
  void noneIsNotWrapped() {
    assertThat(GuardedTelemetry.guard(AccessLinkTelemetry.none())).isSameAs(AccessLinkTelemetry.none());
    assertThat(AccessLinkTelemetry.none().observe(Operation.UNLOCK, work)).isEqualTo("done");
  }

  @Nested
  @DisplayName("observe")
  class Observe {
    @Test
    @DisplayName("throwing before running the work: the work runs anyway, once")
    void throwsBefore() {
      AccessLinkTelemetry t = observing(new ObserveBody() {
        @Override
        public <T> T observe(Supplier<T> w) {
          throw new IllegalStateException("broken before");
        }
      });
      assertThat(t.observe(Operation.SEND, work)).isEqualTo("done");
      assertThat(runs).hasValue(1);
    }

    @Test
    @DisplayName("throwing after the work: its result comes back, the work is not run again")
    void throwsAfter() {
      AccessLinkTelemetry t = observing(new ObserveBody() {
        @Override
        public <T> T observe(Supplier<T> w) {
          w.get();
          throw new IllegalStateException("broken after");
        }
      });
      assertThat(t.observe(Operation.UNLOCK, work)).isEqualTo("done");
      assertThat(runs).hasValue(1);
    }

    @Test
    @DisplayName("never running the work, or running it twice: it runs exactly once")
    void runsExactlyOnce() {
      AccessLinkTelemetry skips = observing(new ObserveBody() {
        @Override
        public <T> T observe(Supplier<T> w) {
          return null;
        }
      });
      AccessLinkTelemetry twice = observing(new ObserveBody() {
        @Override
        public <T> T observe(Supplier<T> w) {
          w.get();
          return w.get();
        }
      });
      assertThat(skips.observe(Operation.DISPATCH, work)).isEqualTo("done");
      assertThat(twice.observe(Operation.DISPATCH, work)).isEqualTo("done");
      assertThat(runs).hasValue(2);
    }

    @Test
    @DisplayName("the work's own exception passes through, even if the telemetry swallows or replaces it")
    void workFailurePassesThrough() {
      IllegalArgumentException failure = new IllegalArgumentException("the use case failed");
      Supplier<String> failing = () -> {
        throw failure;
      };
      AccessLinkTelemetry swallows = observing(new ObserveBody() {
        @Override
        public <T> T observe(Supplier<T> w) {
          try {
            return w.get();
          } catch (RuntimeException e) {
            return null;
          }
        }
      });
      AccessLinkTelemetry replaces = observing(new ObserveBody() {
        @Override
        public <T> T observe(Supplier<T> w) {
          try {
            return w.get();
          } catch (RuntimeException e) {
            throw new IllegalStateException("telemetry wrapped it");
          }
        }
      });
      assertThatThrownBy(() -> swallows.observe(Operation.UNLOCK, failing)).isSameAs(failure);
      assertThatThrownBy(() -> replaces.observe(Operation.UNLOCK, failing)).isSameAs(failure);
    }
  }

  @Test
  @DisplayName("a listener method that throws is dropped")
  void listenerFailuresAreDropped() {
    AccessLinkTelemetry t = GuardedTelemetry.guard(new AccessLinkTelemetry() {
      @Override
      public void onSend(DeliveryChannel channel, SendOutcome outcome) {
        throw new IllegalStateException("onSend");
      }

      @Override
      public void onDelivery(DeliveryChannel channel, DeliveryOutcome outcome) {
        throw new IllegalStateException("onDelivery");
      }

      @Override
      public void onSegmentsSent(DeliveryChannel channel, int segments) {
        throw new IllegalStateException("onSegmentsSent");
      }

      @Override
      public void onUnlock(UnlockResult outcome, Optional<DenialReason> reason) {
        throw new IllegalStateException("onUnlock");
      }

      @Override
      public void onDoorCommand(DoorOutcome outcome) {
        throw new IllegalStateException("onDoorCommand");
      }

      @Override
      public void onDispatch(int claimed, int leftPending) {
        throw new IllegalStateException("onDispatch");
      }
    });
    t.onSend(DeliveryChannel.EMAIL, AccessLinkTelemetry.SendOutcome.ISSUED);
    t.onDelivery(DeliveryChannel.EMAIL, AccessLinkTelemetry.DeliveryOutcome.SENT);
    t.onSegmentsSent(DeliveryChannel.SMS, 2);
    t.onUnlock(AccessLinkTelemetry.UnlockResult.DENIED, Optional.of(DenialReason.EXPIRED));
    t.onDoorCommand(AccessLinkTelemetry.DoorOutcome.UNLOCKED);
    t.onDispatch(3, 1);
    assertThat(t).isNotNull(); // reaching this line is the point: nothing escaped
  }
}
