package dev.accesslink.testkit;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.memory.InMemoryAccessEvents;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.InMemoryGroupDirectory;
import dev.accesslink.core.memory.InMemoryOrganizations;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.core.port.out.UseCounter;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.UnlockJournal;
import dev.accesslink.testkit.contract.AccessEventsContract;
import dev.accesslink.testkit.contract.DeliveryOutboxContract;
import dev.accesslink.testkit.contract.DoorControllerContract;
import dev.accesslink.testkit.contract.GroupDirectoryContract;
import dev.accesslink.testkit.contract.LinkNotifierContract;
import dev.accesslink.testkit.contract.LinkRecordsContract;
import dev.accesslink.testkit.contract.OrganizationsContract;
import dev.accesslink.testkit.contract.UseCounterContract;
import dev.accesslink.testkit.contract.UseLogContract;
import dev.accesslink.testkit.contract.WebhookStoreContract;
import dev.accesslink.core.port.out.WebhookEndpoints;
import dev.accesslink.core.port.out.WebhookOutbox;
import dev.accesslink.testkit.contract.UnlockJournalContract;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/** The in-memory reference implementations (published in core) pass every contract. */
class InMemoryContractsTest {

  @Nested
  class Links extends LinkRecordsContract {
    private final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence();

    @Override
    protected LinkRecords links() {
      return persistence.links();
    }

    @Override
    protected AccessEvents events() {
      return persistence.events();
    }
  }

  @Nested
  class Counter extends UseCounterContract {
    private final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence();

    @Override
    protected UseCounter counter() {
      return persistence.useCounter();
    }

    @Override
    protected LinkRecords links() {
      return persistence.links();
    }
  }

  @Nested
  class Outbox extends DeliveryOutboxContract {
    private final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence();

    @Override
    protected DeliveryOutbox outbox() {
      return persistence.outbox();
    }

    @Override
    protected AccessEvents events() {
      return persistence.events();
    }

    @Override
    protected LinkRecords links() {
      return persistence.links();
    }
  }

  @Nested
  class Uses extends UseLogContract {
    private final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence();

    @Override
    protected UseLog uses() {
      return persistence.uses();
    }

    @Override
    protected LinkRecords links() {
      return persistence.links();
    }

    @Override
    protected AccessEvents events() {
      return persistence.events();
    }
  }

  @Nested
  class Webhooks extends WebhookStoreContract {
    private final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence();

    @Override
    protected WebhookEndpoints endpoints() {
      return persistence.webhookEndpoints();
    }

    @Override
    protected WebhookOutbox outbox() {
      return persistence.webhookOutbox();
    }

    @Override
    protected AccessEvents events() {
      return persistence.events();
    }

    @Override
    protected LinkRecords links() {
      return persistence.links();
    }
  }

  @Nested
  class Groups extends GroupDirectoryContract {
    @Override
    protected GroupDirectory directoryWith(List<Group> groups) {
      InMemoryGroupDirectory dir = new InMemoryGroupDirectory();
      groups.forEach(dir::put);
      return dir;
    }
  }

  @Nested
  class Orgs extends OrganizationsContract {
    private final InMemoryOrganizations orgs = new InMemoryOrganizations();

    @Override
    protected Organizations organizations() {
      return orgs;
    }
  }

  @Nested
  class Journal extends UnlockJournalContract {
    private final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence();

    @Override
    protected UnlockJournal journal() {
      return persistence.unlockJournal();
    }

    @Override
    protected AccessEvents events() {
      return persistence.events();
    }

    @Override
    protected UseLog uses() {
      return persistence.uses();
    }
  }

  @Nested
  class Events extends AccessEventsContract {
    private final InMemoryAccessEvents events = new InMemoryAccessEvents();

    @Override
    protected AccessEvents events() {
      return events;
    }
  }

  abstract static class RecordingNotifier extends LinkNotifierContract {
    private final RecordingLinkNotifier notifier;

    RecordingNotifier(DeliveryChannel channel) {
      notifier = new RecordingLinkNotifier(channel);
    }

    @Override
    protected LinkNotifier notifier() {
      return notifier;
    }

    @Override
    protected LinkNotifier unreachableNotifier() {
      return new RecordingLinkNotifier(notifier.channel())
          .failNext(new DeliveryResult.TransientFailure("connection.refused"));
    }

    @Override
    protected Optional<String> lastDeliveredContent(String normalizedAddress) {
      return notifier.lastTo(normalizedAddress).map(m -> m.url().reveal() + " " + m.recipient().name());
    }
  }

  @Nested
  class EmailNotifier extends RecordingNotifier {
    EmailNotifier() {
      super(DeliveryChannel.EMAIL);
    }

    @Override
    protected String validRawAddress() {
      return " Ada@Example.com ";
    }

    @Override
    protected List<String> invalidRawAddresses() {
      return List.of("ada", "ada@example", "ada@@example.com");
    }
  }

  @Nested
  class SmsNotifier extends RecordingNotifier {
    SmsNotifier() {
      super(DeliveryChannel.SMS);
    }

    @Override
    protected String validRawAddress() {
      return "(415) 555-0123";
    }

    @Override
    protected List<String> invalidRawAddresses() {
      return List.of("12", "call me", "+44 20 7946 0958");
    }
  }

  @Nested
  class Doors extends DoorControllerContract {
    private final OrganizationId org = Fixtures.newOrganization();
    private final RecordingDoorController controller = new RecordingDoorController()
        .answer(DoorId.of("silent"), new DoorResponse.Unreachable("timeout"))
        .answer(DoorId.of("jammed"), new DoorResponse.Refused("jammed"));

    @Override
    protected DoorController controller() {
      return controller;
    }

    @Override
    protected OrganizationId organization() {
      return org;
    }

    @Override
    protected DoorId reachableDoor() {
      return DoorId.of("front");
    }

    @Override
    protected DoorId silentDoor() {
      return DoorId.of("silent");
    }

    @Override
    protected Optional<DoorId> refusingDoor() {
      return Optional.of(DoorId.of("jammed"));
    }
  }
}
