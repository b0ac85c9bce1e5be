package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.UnknownLinkException;
import dev.accesslink.core.domain.UnknownOrganizationException;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SaveOrganizationCommand;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.out.DeliveryResult;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading one link by id")
class GetAccessLinkSpecTest {
  final SurfaceFixture f = new SurfaceFixture();
  final AccessLinks links = f.withOrganization(f.builder().notifier(f.email).dispatchEvery(Duration.ZERO).build());

  @Test
  @DisplayName("shows the link as stored now: a pending delivery, then sent after the dispatcher's retry")
  void watchesADelivery() {
    f.email.failNext(new DeliveryResult.TransientFailure("smtp.421"));
    SentAccessLink sent = links.send(SendAccessLinkCommand.email(f.org, f.admin, "Ada", "ada@example.com",
        f.visitors, ValidityWindow.always()));
    assertThat(links.getLink(f.org, sent.link().id()).delivery().status()).isEqualTo(DeliveryStatus.PENDING);

    f.clock.advance(Duration.ofMinutes(1));
    links.dispatchDue();

    AccessLink now = links.getLink(f.org, sent.link().id());
    assertThat(now.id()).isEqualTo(sent.link().id());
    assertThat(now.delivery().status()).isEqualTo(DeliveryStatus.SENT);
  }

  @Test
  @DisplayName("answers a send as a later read shows it: instants kept to the microsecond, the stores' precision")
  void sendAnswerMatchesLaterReads() {
    f.clock.set(Fixtures.T0.plusNanos(123_456_789));
    SentAccessLink sent = links.send(SendAccessLinkCommand.manual(f.org, f.admin, "Ada", f.visitors,
        ValidityWindow.between(Fixtures.T0.plusNanos(1_999), Fixtures.T0.plus(Duration.ofDays(1)).plusNanos(999))));
    AccessLink answered = sent.link();
    assertThat(answered.createdAt()).isEqualTo(Fixtures.T0.plusNanos(123_456_000));
    assertThat(answered.window().validFrom()).isEqualTo(Fixtures.T0.plusNanos(1_000));
    assertThat(answered.window().validUntil()).isEqualTo(Fixtures.T0.plus(Duration.ofDays(1)));
    AccessLink read = links.getLink(f.org, answered.id());
    assertThat(read.createdAt()).isEqualTo(answered.createdAt());
    assertThat(read.window()).isEqualTo(answered.window());
  }

  @Test
  @DisplayName("shows the last use of an unlock this instance just answered")
  void readsItsOwnUnlocks() {
    SentAccessLink sent = f.sendManual(links);
    links.unlock(new UnlockDoorCommand(sent.manualUrlIfAny().orElseThrow().reveal(), f.front));
    assertThat(links.getLink(f.org, sent.link().id()).lastUsed()).contains(Fixtures.T0);
  }

  @Test
  @DisplayName("an unknown id, or another organization's link, is link.unknown; an unknown organization is refused")
  void unknown() {
    SentAccessLink sent = f.sendManual(links);
    OrganizationId other = OrganizationId.of("other");
    links.saveOrganization(new SaveOrganizationCommand(other, f.admin, "Other", ZoneId.of("UTC"),
        URI.create("https://other.example/l/")));

    assertThatThrownBy(() -> links.getLink(f.org, Fixtures.linkId(Fixtures.T0)))
        .isInstanceOfSatisfying(UnknownLinkException.class, e -> assertThat(e.code()).isEqualTo("link.unknown"));
    assertThatThrownBy(() -> links.getLink(other, sent.link().id())).isInstanceOf(UnknownLinkException.class);
    assertThatThrownBy(() -> links.getLink(OrganizationId.of("nobody"), sent.link().id()))
        .isInstanceOf(UnknownOrganizationException.class);
  }
}
