package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.OutboxBacklogReport;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.out.DeliveryResult;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The outbox backlog (for health checks)")
class OutboxBacklogSpecTest {
  final SurfaceFixture f = new SurfaceFixture();
  final AccessLinks links = f.withOrganization(f.builder().notifier(f.email).dispatchEvery(Duration.ZERO).build());
  final Duration tenMinutes = Duration.ofMinutes(10);

  @Test
  @DisplayName("is empty while every delivery went out at once")
  void emptyWhenDelivered() {
    send();
    OutboxBacklogReport report = links.outboxBacklog(tenMinutes);
    assertThat(report.pending()).isZero();
    assertThat(report.stuck()).isFalse();
    assertThat(report.oldestDueAt()).isEmpty();
    assertThat(report.asOf()).isEqualTo(Fixtures.T0);
  }

  @Test
  @DisplayName("a delivery waiting for its retry is pending; once due for longer than the threshold it is overdue")
  void overdueWhenNobodyDispatches() {
    f.email.failNext(new DeliveryResult.TransientFailure("smtp.421"));
    send();
    OutboxBacklogReport waiting = links.outboxBacklog(tenMinutes);
    assertThat(waiting.pending()).isEqualTo(1);
    assertThat(waiting.overdue()).isZero();
    assertThat(waiting.oldestDueAt()).hasValueSatisfying(at -> assertThat(at).isAfter(Fixtures.T0));

    f.clock.advance(Duration.ofMinutes(15));   // the retry (30 s after the send) is due for 14.5 min
    OutboxBacklogReport stuck = links.outboxBacklog(tenMinutes);
    assertThat(stuck.overdue()).isEqualTo(1);
    assertThat(stuck.stuck()).isTrue();

    links.dispatchDue();
    assertThat(links.outboxBacklog(tenMinutes).pending()).as("the dispatcher delivered it").isZero();
  }

  @Test
  @DisplayName("a negative threshold is refused with outbox.overdue_after_invalid")
  void negativeThreshold() {
    assertThatThrownBy(() -> links.outboxBacklog(Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.code()).isEqualTo("outbox.overdue_after_invalid"));
  }

  private void send() {
    links.send(SendAccessLinkCommand.email(f.org, f.admin, "Ada", "ada@example.com", f.visitors,
        ValidityWindow.always()));
  }
}
