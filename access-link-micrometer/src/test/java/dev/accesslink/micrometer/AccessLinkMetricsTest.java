package dev.accesslink.micrometer;

import static dev.accesslink.micrometer.Library.ACME;
import static dev.accesslink.micrometer.Library.BACK;
import static dev.accesslink.micrometer.Library.FRONT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.QuotaExhaustedException;
import dev.accesslink.core.domain.UnknownGroupException;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.testkit.Fixtures;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The meters, driven through a real {@code AccessLinks} on the in-memory adapters. */
@DisplayName("AccessLinkMetrics: meters")
class AccessLinkMetricsTest {
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final AccessLinkMetrics metrics = AccessLinkMetrics.builder(registry).build();
  final Library library = new Library(metrics);

  @AfterEach
  void close() {
    library.close();
  }

  double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  @Nested
  @DisplayName("accesslink.links.sent (channel, outcome)")
  class Sent {
    @Test
    @DisplayName("counts issued links per channel")
    void issued() {
      library.sendManual();
      library.sendEmail();
      library.sendEmail();
      assertThat(count(AccessLinkMetrics.LINKS_SENT, "channel", "manual", "outcome", "issued")).isEqualTo(1);
      assertThat(count(AccessLinkMetrics.LINKS_SENT, "channel", "email", "outcome", "issued")).isEqualTo(2);
      assertThat(count(AccessLinkMetrics.LINKS_SENT, "channel", "sms", "outcome", "issued")).isZero();
    }

    @Test
    @DisplayName("counts refusals: an exhausted quota apart from bad input and unknown groups")
    void refused() {
      library.sendManual();
      assertThatThrownBy(library::sendManual).isInstanceOf(QuotaExhaustedException.class);
      assertThatThrownBy(() -> library.links.send(SendAccessLinkCommand.email(ACME, Fixtures.admin(), "Ada",
          "not-an-address", Library.VISITORS, ValidityWindow.always()))).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> library.links.send(SendAccessLinkCommand.email(ACME, Fixtures.admin(), "Ada",
          Library.ADDRESS, GroupId.of("nope"), ValidityWindow.always())))
          .isInstanceOf(UnknownGroupException.class);

      assertThat(count(AccessLinkMetrics.LINKS_SENT, "channel", "manual", "outcome", "quota_exhausted")).isEqualTo(1);
      assertThat(count(AccessLinkMetrics.LINKS_SENT, "channel", "email", "outcome", "rejected")).isEqualTo(2);
      assertThat(count(AccessLinkMetrics.LINKS_SENT, "channel", "email", "outcome", "issued")).isZero();
    }
  }

  @Test
  @DisplayName("accesslink.sms.segments adds up the segments of the accepted SMS; e-mail and refused SMS add none")
  void smsSegments() {
    library.sms.failNext(new DeliveryResult.Sent("SM1", 2), new DeliveryResult.PermanentFailure("twilio.21610"));
    library.email.failNext(new DeliveryResult.Sent("m1", 5));
    library.sendSms();
    library.sendSms();
    library.sendSms(); // the recording notifier's own answer: no count
    library.sendEmail();
    assertThat(registry.get(AccessLinkMetrics.SMS_SEGMENTS).counter().count()).isEqualTo(2);
    assertThat(count(AccessLinkMetrics.DELIVERIES, "channel", "sms", "result", "sent")).isEqualTo(2);
  }

  @Nested
  @DisplayName("accesslink.deliveries (channel, result) and accesslink.outbox.pending")
  class Deliveries {
    @Test
    @DisplayName("counts each attempt by the notifier's answer; the gauge follows the last dispatcher pass")
    void attemptsAndPending() {
      assertThat(registry.get(AccessLinkMetrics.OUTBOX_PENDING).gauge().value()).as("before any pass").isNaN();
      library.email.failNext(new DeliveryResult.TransientFailure("smtp.421"),
          new DeliveryResult.TransientFailure("smtp.421"));
      library.sendEmail(); // first attempt: transient

      library.clock.advance(Duration.ofSeconds(30));
      assertThat(library.links.dispatchDue().retried()).isEqualTo(1); // second attempt: transient again
      assertThat(registry.get(AccessLinkMetrics.OUTBOX_PENDING).gauge().value()).isEqualTo(1);

      library.clock.advance(Duration.ofMinutes(10));
      assertThat(library.links.dispatchDue().sent()).isEqualTo(1);
      assertThat(registry.get(AccessLinkMetrics.OUTBOX_PENDING).gauge().value()).isZero();

      assertThat(count(AccessLinkMetrics.DELIVERIES, "channel", "email", "result", "transient_failure")).isEqualTo(2);
      assertThat(count(AccessLinkMetrics.DELIVERIES, "channel", "email", "result", "sent")).isEqualTo(1);
    }

    @Test
    @DisplayName("bound to the outbox backlog, the gauge counts the store's pending deliveries, without a pass")
    void boundToTheBacklog() {
      MockClock clock = new MockClock();
      SimpleMeterRegistry mocked = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
      AccessLinkMetrics bound = AccessLinkMetrics.builder(mocked).build();
      try (Library own = new Library(bound)) {
        bound.bindOutboxBacklog(own.links);
        assertThat(mocked.get(AccessLinkMetrics.OUTBOX_PENDING).gauge().value()).isZero();
        own.email.failNext(new DeliveryResult.TransientFailure("smtp.421"));
        own.sendEmail();
        assertThat(mocked.get(AccessLinkMetrics.OUTBOX_PENDING).gauge().value()).as("read at most once a second")
            .isZero();
        clock.add(Duration.ofSeconds(1));
        assertThat(mocked.get(AccessLinkMetrics.OUTBOX_PENDING).gauge().value()).isEqualTo(1);
        assertThatThrownBy(() -> bound.bindOutboxBacklog(own.links)).isInstanceOf(IllegalStateException.class);
      }
    }

    @Test
    @DisplayName("a permanent failure is counted as such")
    void permanent() {
      library.email.failNext(new DeliveryResult.PermanentFailure("smtp.550"));
      library.sendEmail();
      assertThat(count(AccessLinkMetrics.DELIVERIES, "channel", "email", "result", "permanent_failure")).isEqualTo(1);
      assertThat(count(AccessLinkMetrics.DELIVERIES, "channel", "email", "result", "sent")).isZero();
    }
  }

  @Nested
  @DisplayName("accesslink.unlocks (outcome, reason) and accesslink.door.command (outcome)")
  class Unlocks {
    @Test
    @DisplayName("counts every outcome, with the denial reason; times each door command by its answer")
    void outcomes() {
      String secret = library.sendManual();
      assertThat(library.unlock(secret, FRONT)).isInstanceOf(UnlockOutcome.Unlocked.class);
      assertThat(library.unlock(secret, BACK)).isInstanceOf(UnlockOutcome.Denied.class);
      assertThat(library.unlock("no-such-secret", FRONT)).isInstanceOf(UnlockOutcome.Denied.class);
      library.doors.answer(FRONT, new DoorResponse.Refused("jammed"));
      assertThat(library.unlock(secret, FRONT)).isInstanceOf(UnlockOutcome.Denied.class);
      library.doors.answer(FRONT, new DoorResponse.Unreachable("timeout"));
      assertThat(library.unlock(secret, FRONT)).isInstanceOf(UnlockOutcome.DoorUnreachable.class);

      assertThat(count(AccessLinkMetrics.UNLOCKS, "outcome", "unlocked", "reason", "none")).isEqualTo(1);
      assertThat(count(AccessLinkMetrics.UNLOCKS, "outcome", "denied", "reason", "door_not_in_group")).isEqualTo(1);
      assertThat(count(AccessLinkMetrics.UNLOCKS, "outcome", "denied", "reason", "unknown_link")).isEqualTo(1);
      assertThat(count(AccessLinkMetrics.UNLOCKS, "outcome", "denied", "reason", "lock_refused")).isEqualTo(1);
      assertThat(count(AccessLinkMetrics.UNLOCKS, "outcome", "door_unreachable", "reason", "none")).isEqualTo(1);

      // the two refusals by rule never reached a door
      assertThat(registry.get(AccessLinkMetrics.DOOR_COMMAND).tag("outcome", "unlocked").timer().count()).isEqualTo(1);
      assertThat(registry.get(AccessLinkMetrics.DOOR_COMMAND).tag("outcome", "refused").timer().count()).isEqualTo(1);
      assertThat(registry.get(AccessLinkMetrics.DOOR_COMMAND).tag("outcome", "unreachable").timer().count()).isEqualTo(1);
      assertThat(registry.get(AccessLinkMetrics.DOOR_COMMAND).timers()).hasSize(4);
    assertThat(registry.get(AccessLinkMetrics.SMS_SEGMENTS).counter().count()).isZero();
    }
  }

  @Nested
  @DisplayName("accesslink.quota.used (channel)")
  class Quota {
    @Test
    @DisplayName("shows the bound organization's usage per channel, read at most once a second of the registry's clock")
    void usage() {
      MockClock clock = new MockClock();
      SimpleMeterRegistry mocked = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
      AccessLinkMetrics bound = AccessLinkMetrics.builder(mocked).build();
      try (Library lib = new Library(bound)) {
        assertThat(bound.bindQuotaUsage(lib.links, ACME)).isSameAs(bound);
        assertThat(mocked.get(AccessLinkMetrics.QUOTA_USED).gauges()).hasSize(3);
        assertThat(mocked.get(AccessLinkMetrics.QUOTA_USED).tag("channel", "manual").gauge().value()).isZero();
        lib.sendManual();
        lib.sendEmail();
        assertThat(mocked.get(AccessLinkMetrics.QUOTA_USED).tag("channel", "manual").gauge().value())
            .as("cached within the second").isZero();
        clock.add(Duration.ofSeconds(1));
        assertThat(mocked.get(AccessLinkMetrics.QUOTA_USED).tag("channel", "manual").gauge().value()).isEqualTo(1);
        assertThat(mocked.get(AccessLinkMetrics.QUOTA_USED).tag("channel", "email").gauge().value()).isEqualTo(1);
        assertThat(mocked.get(AccessLinkMetrics.QUOTA_USED).tag("channel", "sms").gauge().value()).isZero();
      }
    }

    @Test
    @DisplayName("an unknown organization shows NaN; a second organization is refused")
    void unknownAndSecond() {
      metrics.bindQuotaUsage(library.links, OrganizationId.of("nobody"));
      assertThat(registry.get(AccessLinkMetrics.QUOTA_USED).tag("channel", "email").gauge().value()).isNaN();
      assertThatThrownBy(() -> metrics.bindQuotaUsage(library.links, ACME)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  @DisplayName("every series exists from the start, at zero")
  void registeredUpFront() {
    assertThat(registry.get(AccessLinkMetrics.LINKS_SENT).counters()).hasSize(3 * 5);
    assertThat(registry.get(AccessLinkMetrics.DELIVERIES).counters()).hasSize(2 * 4);
    assertThat(registry.get(AccessLinkMetrics.UNLOCKS).counters()).hasSize(3 + 9);
    assertThat(registry.get(AccessLinkMetrics.DOOR_COMMAND).timers()).hasSize(4);
    assertThat(registry.get(AccessLinkMetrics.SMS_SEGMENTS).counter().count()).isZero();
    assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getName()).matches("accesslink(\\.[a-z]+)+"));
  }

  @Test
  @DisplayName("tags are low-cardinality: only channel, outcome, reason, result; never an organization, link or address")
  void lowCardinality() {
    metrics.bindQuotaUsage(library.links, ACME);
    String secret = library.sendManual();
    library.sendEmail();
    library.unlock(secret, FRONT);
    library.links.dispatchDue();
    Set<String> keys = registry.getMeters().stream().map(Meter::getId).flatMap(id -> id.getTags().stream())
        .map(Tag::getKey).collect(Collectors.toSet());
    Set<String> values = registry.getMeters().stream().map(Meter::getId).flatMap(id -> id.getTags().stream())
        .map(Tag::getValue).collect(Collectors.toSet());
    assertThat(keys).isSubsetOf("channel", "outcome", "reason", "result");
    assertThat(values).allSatisfy(v -> assertThat(v).matches("[a-z_]+"))
        .doesNotContain(ACME.value(), Library.ADDRESS, secret);
    assertThat(registry.getMeters()).hasSize(15 + 8 + 12 + 4 + 1 + 3 + 1);
  }
}
