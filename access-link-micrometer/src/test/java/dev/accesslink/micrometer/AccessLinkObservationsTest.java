package dev.accesslink.micrometer;

import static dev.accesslink.micrometer.Library.ACME;
import static dev.accesslink.micrometer.Library.BACK;
import static dev.accesslink.micrometer.Library.FRONT;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.out.AccessLinkTelemetry.Operation;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.testkit.Fixtures;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.accesslink.core.port.in.UnlockOutcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The observations (spans, when a tracer is set up), driven through a real {@code AccessLinks}. */
@DisplayName("AccessLinkMetrics: observations")
class AccessLinkObservationsTest {
  final TestObservationRegistry observations = TestObservationRegistry.create();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final Library library = new Library(AccessLinkMetrics.of(meters, observations));

  @AfterEach
  void close() {
    library.close();
  }

  @Test
  @DisplayName("an unlock is one accesslink.unlock observation, tagged with its outcome and reason")
  void unlock() {
    String secret = library.sendManual();
    observations.clear();
    library.unlock(secret, FRONT);
    library.unlock(secret, BACK);

    assertThat(observations).hasNumberOfObservationsWithNameEqualTo("accesslink.unlock", 2)
        .hasAnObservation(o -> o.hasNameEqualTo("accesslink.unlock").hasContextualNameEqualTo("accesslink unlock")
            .hasLowCardinalityKeyValue("outcome", "unlocked").hasLowCardinalityKeyValue("reason", "none")
            .doesNotHaveError())
        .hasAnObservation(o -> o.hasNameEqualTo("accesslink.unlock")
            .hasLowCardinalityKeyValue("outcome", "denied").hasLowCardinalityKeyValue("reason", "door_not_in_group"))
        .doesNotHaveAnyRemainingCurrentObservation();
    // the door command inside is a timer, not a second observation
    assertThat(meters.get(AccessLinkMetrics.DOOR_COMMAND).tag("outcome", "unlocked").timer().count()).isEqualTo(1);
  }

  @Test
  @DisplayName("a send is one accesslink.send observation with channel and outcome; a refused one carries the error")
  void send() {
    library.sendEmail();
    assertThatThrownBy(() -> library.links.send(SendAccessLinkCommand.email(ACME, Fixtures.admin(), "Ada",
        "not-an-address", Library.VISITORS, ValidityWindow.always()))).isInstanceOf(InvalidInputException.class);

    assertThat(observations).hasNumberOfObservationsWithNameEqualTo("accesslink.send", 2)
        .hasAnObservation(o -> o.hasNameEqualTo("accesslink.send")
            .hasLowCardinalityKeyValue("channel", "email").hasLowCardinalityKeyValue("outcome", "issued")
            .doesNotHaveError())
        .hasAnObservation(o -> o.hasNameEqualTo("accesslink.send")
            .hasLowCardinalityKeyValue("channel", "email").hasLowCardinalityKeyValue("outcome", "rejected")
            .hasError())
        .doesNotHaveAnyRemainingCurrentObservation();
  }

  @Test
  @DisplayName("a dispatcher pass is one accesslink.dispatch observation, with its counts as high-cardinality values")
  void dispatch() {
    library.email.failNext(new DeliveryResult.TransientFailure("smtp.421"));
    library.sendEmail();
    library.clock.advance(Duration.ofSeconds(30));
    library.links.dispatchDue();

    assertThat(observations).hasObservationWithNameEqualTo("accesslink.dispatch").that()
        .hasHighCardinalityKeyValue("accesslink.claimed", "1")
        .hasHighCardinalityKeyValue("accesslink.left.pending", "0")
        .hasBeenStarted().hasBeenStopped();
  }

  @Test
  @DisplayName("the caller's current observation becomes the parent, so traces flow through the library")
  void parent() {
    String secret = library.sendManual();
    Observation request = Observation.start("http.server.requests", observations);
    try (Observation.Scope scope = request.openScope()) {
      library.unlock(secret, FRONT);
    } finally {
      request.stop();
    }
    assertThat(observations).hasObservationWithNameEqualTo("accesslink.unlock").that()
        .hasParentObservationEqualTo(request);
  }

  @Test
  @DisplayName("an observation handler that throws does not fail the unlock, nor lose its count")
  void throwingHandler() {
    ObservationRegistry failing = ObservationRegistry.create();
    failing.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onStart(Observation.Context context) {
        throw new IllegalStateException("handler broken");
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    SimpleMeterRegistry counted = new SimpleMeterRegistry();
    try (Library broken = new Library(AccessLinkMetrics.of(counted, failing))) {
      String secret = broken.sendManual();
      assertThat(broken.unlock(secret, FRONT)).isInstanceOf(UnlockOutcome.Unlocked.class);
      assertThat(broken.doors.commands()).hasSize(1);
    }
    assertThat(counted.get(AccessLinkMetrics.UNLOCKS).tags("outcome", "unlocked").counter().count()).isEqualTo(1);
    assertThat(counted.get(AccessLinkMetrics.LINKS_SENT).tags("channel", "manual", "outcome", "issued").counter()
        .count()).isEqualTo(1);
  }

  @Test
  @DisplayName("a convention of one's own names and tags the observations")
  void customConvention() {
    AccessLinkObservationConvention custom = new DefaultAccessLinkObservationConvention() {
      @Override
      public KeyValues getLowCardinalityKeyValues(AccessLinkObservationContext context) {
        return super.getLowCardinalityKeyValues(context).and("site", "hq");
      }

      @Override
      public String getName() {
        return "doors.unlock";
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return context instanceof AccessLinkObservationContext c && c.operation() == Operation.UNLOCK;
      }
    };
    TestObservationRegistry registry = TestObservationRegistry.create();
    try (Library custom2 = new Library(AccessLinkMetrics.builder(new SimpleMeterRegistry())
        .observationRegistry(registry).observationConvention(custom).build())) {
      String secret = custom2.sendManual();
      custom2.unlock(secret, FRONT);
    }
    assertThat(registry).hasObservationWithNameEqualTo("doors.unlock").that()
        .hasLowCardinalityKeyValue("site", "hq").hasLowCardinalityKeyValue("outcome", "unlocked");
    assertThat(registry).hasObservationWithNameEqualTo("accesslink.send").that()
        .doesNotHaveLowCardinalityKeyValueWithKey("site");
  }
}
