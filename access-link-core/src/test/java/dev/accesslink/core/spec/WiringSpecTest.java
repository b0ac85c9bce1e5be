package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.AccessLinksBuilder;
import dev.accesslink.core.application.UnlockBookkeeping;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.memory.InMemoryAccessEvents;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.AccessLinkPersistence;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.ForwardingLinkRecords;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.core.port.out.UnlockJournal;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.NewAccessLink;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How {@code AccessLinks.builder()} takes its persistence: one bundle, each port overridable. */
@DisplayName("Wiring")
class WiringSpecTest {
  final OrganizationId org = OrganizationId.of("acme");
  final GroupId visitors = GroupId.of("visitors");
  final DoorId front = DoorId.of("front");
  final InMemoryAccessEvents events = new InMemoryAccessEvents();
  final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence(events);

  WiringSpecTest() {
    persistence.organizations().save(OrganizationSettings.of(org, "Acme HQ", URI.create("https://acme.example/l/")));
    persistence.groups().put(new Group(org, visitors, "Visitors", List.of(new Door(front, "Front"))));
  }

  String sendAndUnlock(AccessLinks links) {
    String url = links.send(SendAccessLinkCommand.manual(org, AdminId.of("boss"), "Ada", visitors,
        ValidityWindow.always())).manualUrlIfAny().orElseThrow().reveal();
    String secret = url.substring(url.lastIndexOf('/') + 1);
    assertThat(links.unlock(new UnlockDoorCommand(secret, front))).isInstanceOf(UnlockOutcome.Unlocked.class);
    return secret;
  }

  @Test
  @DisplayName("persistence(...) is the whole persistence wiring: links, outbox, uses, groups, organizations, audit log")
  void oneBundle() {
    try (AccessLinks links = AccessLinks.builder().persistence(persistence).doors(new RecordingDoorController())
        .unlockBookkeeping(UnlockBookkeeping.BEFORE_ANSWER).build()) {
      sendAndUnlock(links);
      assertThat(links.recentEvents(org, 10)).extracting(e -> e.type())
          .containsExactly(AccessEventType.DOOR_UNLOCKED, AccessEventType.LINK_SENT);
      assertThat(events.all()).hasSize(2);
    }
  }

  @Test
  @DisplayName("build() without persistence is refused with a message that names it")
  void persistenceRequired() {
    AccessLinksBuilder builder = AccessLinks.builder().doors(new RecordingDoorController())
        .links(persistence.links()).outbox(persistence.outbox()).uses(persistence.uses())
        .groups(persistence.groups()).organizations(persistence.organizations());
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("persistence(...) is required");
  }

  @Test
  @DisplayName("a bundle that hands out no audit log is refused at build()")
  void bundleWithoutEventsRefused() {
    AccessLinkPersistence broken = new AccessLinkPersistence() {
      @Override public LinkRecords links() { return persistence.links(); }
      @Override public DeliveryOutbox outbox() { return persistence.outbox(); }
      @Override public UseLog uses() { return persistence.uses(); }
      @Override public GroupDirectory groups() { return persistence.groups(); }
      @Override public Organizations organizations() { return persistence.organizations(); }
      @Override public AccessEvents events() { return nullEvents(); }
      @Override public UnlockJournal unlockJournal() { return persistence.unlockJournal(); }
      @Override public dev.accesslink.core.port.out.UseCounter useCounter() { return persistence.useCounter(); }
      @Override public dev.accesslink.core.port.out.WebhookEndpoints webhookEndpoints() {
        return persistence.webhookEndpoints();
      }
      @Override public dev.accesslink.core.port.out.WebhookOutbox webhookOutbox() { return persistence.webhookOutbox(); }
    };
    assertThatThrownBy(() -> AccessLinks.builder().persistence(broken).doors(new RecordingDoorController()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("events()");
  }

  @SuppressWarnings("unchecked")
  private static <T> T nullEvents() {
    return (T) null;
  }

  @Test
  @DisplayName("one port is decorated by overriding one method, before or after persistence(...)")
  void overrideOnePort() {
    AtomicInteger inserts = new AtomicInteger();
    AtomicInteger uses = new AtomicInteger();
    LinkRecords counted = new ForwardingLinkRecords(persistence.links()) {
      @Override
      public InsertOutcome insert(NewAccessLink newLink) {
        inserts.incrementAndGet();
        return super.insert(newLink);
      }
    };
    UseLog inner = persistence.uses();
    try (AccessLinks links = AccessLinks.builder()
        .links(counted)
        .persistence(persistence)
        .uses(list -> {
          uses.addAndGet(list.size());
          inner.recordUses(list);
        })
        .doors(new RecordingDoorController())
        .unlockBookkeeping(UnlockBookkeeping.BEFORE_ANSWER)
        .build()) {
      sendAndUnlock(links);
      assertThat(inserts).hasValue(1);
      assertThat(uses).hasValue(1);
      assertThat(events.all()).as("the decorated ports still append to the bundle's one audit log").hasSize(2);
    }
  }
}
