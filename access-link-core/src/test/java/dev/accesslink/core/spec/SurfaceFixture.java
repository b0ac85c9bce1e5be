package dev.accesslink.core.spec;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.AccessLinksBuilder;
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
import dev.accesslink.core.memory.InMemoryAccessEvents;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.InMemoryGroupDirectory;
import dev.accesslink.core.memory.InMemoryOrganizations;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
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
  final InMemoryAccessEvents events = new InMemoryAccessEvents();
  final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence(events);
  final InMemoryOrganizations organizations = persistence.organizations();
  final InMemoryGroupDirectory groups = persistence.groups()
      .put(new Group(org, visitors, "Visitors", List.of(new Door(front, "Front door"))));
  final RecordingLinkNotifier email = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
  final RecordingDoorController doors = new RecordingDoorController();

  /** The library without a notifier: no dispatcher thread. */
  AccessLinksBuilder builder() {
    return AccessLinks.builder().persistence(persistence).doors(doors).clock(clock);
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
