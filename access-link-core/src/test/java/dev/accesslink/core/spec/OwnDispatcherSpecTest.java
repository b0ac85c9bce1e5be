package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.out.AddressCheck;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.LinkNotifier;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The instance's own delivery dispatcher")
class OwnDispatcherSpecTest {
  static final String THREAD = "access-links-dispatcher";
  final SurfaceFixture f = new SurfaceFixture();

  /** The recording notifier, counting down a latch on each delivery. */
  final class Watched implements LinkNotifier {
    final CountDownLatch delivered;

    Watched(int deliveries) {
      this.delivered = new CountDownLatch(deliveries);
    }

    @Override
    public DeliveryChannel channel() {
      return f.email.channel();
    }

    @Override
    public AddressCheck normalize(String raw) {
      return f.email.normalize(raw);
    }

    @Override
    public DeliveryResult deliver(LinkMessage message) {
      DeliveryResult r = f.email.deliver(message);
      delivered.countDown();
      return r;
    }
  }

  static Set<Thread> dispatcherThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(THREAD) && t.isAlive()).collect(Collectors.toSet());
  }

  @Test
  @DisplayName("retries a failed delivery without anyone calling dispatchDue()")
  void retriesOnItsOwn() throws Exception {
    Watched notifier = new Watched(2); // the failed first attempt, then the retry
    f.email.failNext(new DeliveryResult.TransientFailure("smtp.421"));
    try (AccessLinks links = f.withOrganization(f.builder().notifier(notifier)
        .dispatchEvery(Duration.ofMillis(1)).build())) {
      SentAccessLink sent = links.send(SendAccessLinkCommand.email(f.org, f.admin, "Ada", "ada@example.com",
          f.visitors, ValidityWindow.always()));
      assertThat(sent.link().delivery().status()).isEqualTo(DeliveryStatus.PENDING);

      f.clock.advance(Duration.ofHours(1)); // past the backoff
      assertThat(notifier.delivered.await(30, TimeUnit.SECONDS)).as("retried in the background").isTrue();
      assertThat(f.email.delivered()).as("the one that went out").hasSize(1);
    }
  }

  @Test
  @DisplayName("runs by default once a notifier is configured, on a named daemon thread that close() ends")
  void onByDefaultAndClosed() throws Exception {
    Set<Thread> before = dispatcherThreads();
    AccessLinks links = f.builder().notifier(f.email).build();
    Set<Thread> started = dispatcherThreads();
    started.removeAll(before);
    assertThat(started).hasSize(1);
    Thread dispatcher = started.iterator().next();
    assertThat(dispatcher.isDaemon()).isTrue();

    links.close();

    dispatcher.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(dispatcher.isAlive()).as("close() ended the dispatcher thread").isFalse();
    links.close(); // idempotent
  }

  @Test
  @DisplayName("does not run without a notifier, nor with dispatchEvery(ZERO); a negative period is refused")
  void offWhenNotWanted() {
    Set<Thread> before = dispatcherThreads();
    try (AccessLinks noNotifier = f.builder().build();
        AccessLinks off = f.builder().notifier(f.email).dispatchEvery(Duration.ZERO).build()) {
      Set<Thread> after = dispatcherThreads();
      after.removeAll(before);
      assertThat(after).isEmpty();
    }
    assertThatThrownBy(() -> f.builder().dispatchEvery(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
