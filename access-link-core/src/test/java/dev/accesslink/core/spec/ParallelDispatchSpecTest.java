package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.AccessLinksBuilder;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.DispatchReport;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.out.AddressCheck;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.LinkNotifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A dispatcher pass attempts its claimed deliveries side by side")
class ParallelDispatchSpecTest {
  final SurfaceFixture f = new SurfaceFixture();

  /** A thread-safe notifier: {@code answer} decides each result; counts messages per link and concurrency. */
  final class Counting implements LinkNotifier {
    final Map<AccessLinkId, AtomicInteger> perLink = new ConcurrentHashMap<>();
    final Map<String, Boolean> threads = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final Function<LinkMessage, DeliveryResult> answer;

    Counting(Function<LinkMessage, DeliveryResult> answer) {
      this.answer = answer;
    }

    @Override
    public DeliveryChannel channel() {
      return DeliveryChannel.EMAIL;
    }

    @Override
    public AddressCheck normalize(String raw) {
      return f.email.normalize(raw);
    }

    @Override
    public DeliveryResult deliver(LinkMessage message) {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      threads.put(Thread.currentThread().getName(), true);
      try {
        DeliveryResult r = answer.apply(message);
        if (r instanceof DeliveryResult.Sent) {
          perLink.computeIfAbsent(message.link(), k -> new AtomicInteger()).incrementAndGet();
        }
        return r;
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  /** {@code count} EMAIL links whose first attempt failed for a moment, all due again. */
  List<AccessLinkId> pending(int count, String prefix) {
    List<AccessLinkId> ids = new ArrayList<>();
    try (AccessLinks producer = f.withOrganization(f.builder().notifier(
        new Counting(m -> new DeliveryResult.TransientFailure("smtp.421"))).dispatchEvery(Duration.ZERO).build())) {
      for (int i = 0; i < count; i++) {
        ids.add(producer.send(SendAccessLinkCommand.email(f.org, f.admin, "Visitor " + i,
            prefix + "-" + i + "@example.com", f.visitors, ValidityWindow.always())).link().id());
      }
    }
    f.clock.advance(Duration.ofHours(1)); // past the backoff
    return ids;
  }

  AccessLinksBuilder dispatching(LinkNotifier notifier) {
    return f.builder().notifier(notifier).dispatchEvery(Duration.ZERO);
  }

  DeliveryStatus status(AccessLinkId id) {
    return f.persistence.links().findById(f.org, id).orElseThrow().delivery().status();
  }

  @Test
  @DisplayName("up to the parallelism at once (four by default), never more; the pass reports every attempt")
  void upToTheParallelism() {
    List<AccessLinkId> ids = pending(12, "wide");
    CountDownLatch fourAtOnce = new CountDownLatch(4);
    Counting notifier = new Counting(m -> {
      fourAtOnce.countDown();
      try {
        // holds each delivery until four are under way together (the bound only guards a hang)
        if (!fourAtOnce.await(30, TimeUnit.SECONDS)) {
          return new DeliveryResult.TransientFailure("test.never.four.at.once");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new DeliveryResult.Sent("ok-" + m.link());
    });
    try (AccessLinks links = dispatching(notifier).build()) {
      DispatchReport r = links.dispatchDue();
      assertThat(r.claimed()).isEqualTo(12);
      assertThat(r.sent()).isEqualTo(12);
      assertThat(notifier.maxInFlight.get()).isEqualTo(AccessLinksBuilder.DEFAULT_DISPATCH_PARALLELISM);
      assertThat(notifier.threads.keySet()).allMatch(n -> n.startsWith("access-links-delivery-"));
      assertThat(ids).allMatch(id -> status(id) == DeliveryStatus.SENT);
    }
  }

  @Test
  @DisplayName("each claimed delivery is sent exactly once, also with two instances dispatching at once")
  void onceWithTwoInstances() throws Exception {
    List<AccessLinkId> ids = pending(60, "twice");
    Counting notifier = new Counting(m -> new DeliveryResult.Sent("ok-" + m.link()));
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try (AccessLinks a = dispatching(notifier).dispatchParallelism(4).build();
        AccessLinks b = dispatching(notifier).dispatchParallelism(3).build()) {
      List<Future<Integer>> sent = new ArrayList<>();
      for (AccessLinks links : List.of(a, b)) {
        sent.add(callers.submit(() -> {
          int total = 0;
          DispatchReport r;
          do {
            r = links.dispatchDue();
            total += r.sent();
          } while (r.claimed() > 0);
          return total;
        }));
      }
      assertThat(sent.get(0).get(60, TimeUnit.SECONDS) + sent.get(1).get(60, TimeUnit.SECONDS)).isEqualTo(60);
    } finally {
      callers.shutdownNow();
    }
    assertThat(notifier.perLink.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(notifier.perLink.values()).allMatch(n -> n.get() == 1);
    assertThat(ids).allMatch(id -> status(id) == DeliveryStatus.SENT);
  }

  @Test
  @DisplayName("records failures as one thread would: permanent ones fail the link, transient ones are retried later")
  void failuresRecorded() {
    List<AccessLinkId> ids = pending(12, "mixed");
    Counting notifier = new Counting(m -> m.address().contains("-0@") || m.address().contains("-1@")
        ? new DeliveryResult.PermanentFailure("smtp.550 5.1.1")
        : m.address().contains("-2@") ? new DeliveryResult.TransientFailure("smtp.421")
        : new DeliveryResult.Sent("ok-" + m.link()));
    try (AccessLinks links = dispatching(notifier).build()) {
      DispatchReport r = links.dispatchDue();
      // -0 and -1 are refused for good; -2 is retried later
      assertThat(r.failed()).isEqualTo(2);
      assertThat(r.retried()).isEqualTo(1);
      assertThat(r.sent()).isEqualTo(9);
      assertThat(status(ids.get(0))).isEqualTo(DeliveryStatus.FAILED);
      assertThat(f.persistence.links().findById(f.org, ids.get(0)).orElseThrow().isRevoked()).isTrue();
      assertThat(status(ids.get(2))).isEqualTo(DeliveryStatus.PENDING);
      assertThat(status(ids.get(3))).isEqualTo(DeliveryStatus.SENT);
    }
  }

  @Test
  @DisplayName("a pass that throws still waits for its other attempts, which record their results")
  void throwingNotifier() {
    List<AccessLinkId> ids = pending(6, "boom");
    Counting notifier = new Counting(m -> {
      if (m.address().startsWith("boom-0@")) {
        throw new IllegalStateException("provider client bug");
      }
      return new DeliveryResult.Sent("ok-" + m.link());
    });
    try (AccessLinks links = dispatching(notifier).build()) {
      DispatchReport r = links.dispatchDue();
      // the core turns a notifier's exception into an unknown outcome (the message may have left)
      assertThat(r.sent()).isEqualTo(5);
      assertThat(r.retried()).isEqualTo(1);
      assertThat(ids.subList(1, 6)).allMatch(id -> status(id) == DeliveryStatus.SENT);
    }
  }

  @Test
  @DisplayName("close() waits for the attempts under way, which record their results")
  void closeWaits() throws Exception {
    List<AccessLinkId> ids = pending(3, "closing");
    CountDownLatch started = new CountDownLatch(3);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean released = new AtomicBoolean();
    Counting notifier = new Counting(m -> {
      started.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new DeliveryResult.Sent("ok-" + m.link());
    });
    AccessLinks links = f.builder().notifier(notifier).dispatchEvery(Duration.ofMillis(1)).build();
    assertThat(started.await(60, TimeUnit.SECONDS)).as("the own dispatcher started the three attempts").isTrue();
    AtomicBoolean releasedWhenClosed = new AtomicBoolean();
    Thread closer = new Thread(() -> {
      links.close();
      releasedWhenClosed.set(released.get());
    });
    closer.start();
    while (closer.getState() == Thread.State.RUNNABLE || closer.getState() == Thread.State.NEW) {
      Thread.onSpinWait(); // until close() waits
    }
    released.set(true);
    release.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(60));
    assertThat(closer.isAlive()).isFalse();
    assertThat(releasedWhenClosed.get()).as("close() returned only after the attempts were let go").isTrue();
    assertThat(ids).allMatch(id -> status(id) == DeliveryStatus.SENT);
  }

  @Test
  @DisplayName("with parallelism 1 the pass attempts them one after the other on the calling thread; 0 is refused")
  void one() {
    pending(3, "single");
    Counting notifier = new Counting(m -> new DeliveryResult.Sent("ok-" + m.link()));
    try (AccessLinks links = dispatching(notifier).dispatchParallelism(1).build()) {
      assertThat(links.dispatchDue().sent()).isEqualTo(3);
    }
    assertThat(notifier.threads.keySet()).containsExactly(Thread.currentThread().getName());
    assertThat(notifier.maxInFlight.get()).isEqualTo(1);
    assertThatThrownBy(() -> f.builder().dispatchParallelism(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
