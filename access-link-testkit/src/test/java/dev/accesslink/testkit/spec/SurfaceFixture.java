package dev.accesslink.testkit.spec;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SaveOrganizationCommand;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.testkit.Fixtures;
import dev.accesslink.testkit.MutableClock;
import dev.accesslink.testkit.memory.InMemoryAccessEvents;
import dev.accesslink.testkit.memory.InMemoryAccessLinkStore;
import dev.accesslink.testkit.memory.InMemoryGroupDirectory;
import dev.accesslink.testkit.memory.InMemoryOrganizations;
import dev.accesslink.testkit.memory.RecordingDoorController;
import dev.accesslink.testkit.memory.RecordingLinkNotifier;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;

/** The in-memory wiring the surface specs share: one organization, one group, one door. */
class SurfaceFixture {
  final OrganizationId org = OrganizationId.of("acme");
  final AdminId admin = AdminId.of("boss");
  final GroupId visitors = GroupId.of("visitors");
  final DoorId front = DoorId.of("front");
  final MutableClock clock = MutableClock.at(Fixtures.T0);
  final InMemoryOrganizations organizations = new InMemoryOrganizations();
  final InMemoryGroupDirectory groups = new InMemoryGroupDirectory()
      .put(new Group(org, visitors, "Visitors", List.of(new Door(front, "Front door"))));
  final InMemoryAccessEvents events = new InMemoryAccessEvents();
  final InMemoryAccessLinkStore store = new InMemoryAccessLinkStore(events);
  final RecordingLinkNotifier email = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
  final RecordingDoorController doors = new RecordingDoorController();

  /** The library without a notifier: no dispatcher thread. */
  AccessLinks.Builder builder() {
    return AccessLinks.builder().store(store).groups(groups).organizations(organizations).events(events)
        .doors(doors).clock(clock);
  }

  /** Creates the organization through the use case, as an application would. */
  AccessLinks withOrganization(AccessLinks links) {
    links.saveOrganization(new SaveOrganizationCommand(org, admin, "Acme HQ", ZoneId.of("Europe/Paris"),
        URI.create("https://doors.acme.example/l")));
    return links;
  }

  SentAccessLink sendManual(AccessLinks links) {
    return links.send(SendAccessLinkCommand.manual(org, admin, "Ada", visitors, ValidityWindow.always()));
  }
}
