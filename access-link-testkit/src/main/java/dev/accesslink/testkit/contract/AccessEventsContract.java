package dev.accesslink.testkit.contract;

import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.testkit.Fixtures;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every {@link AccessEvents} owes. */
public abstract class AccessEventsContract {

  /** The implementation under test. */
  protected abstract AccessEvents events();

  private final OrganizationId org = Fixtures.newOrganization();

  private AccessEvent event(int second, AccessEventType type) {
    return new AccessEvent(UUID.randomUUID(), org, T0.plusSeconds(second), type,
        Actor.administrator(Fixtures.admin()), Fixtures.linkId(T0), DoorId.of("front"), "detail-" + second);
  }

  @Test
  @DisplayName("events come back newest first, complete, and only the organization's own")
  void newestFirst() {
    AccessEvent a = event(1, AccessEventType.LINK_SENT);
    AccessEvent b = event(2, AccessEventType.DOOR_UNLOCKED);
    AccessEvent c = event(3, AccessEventType.LINK_REVOKED);
    events().record(a);
    events().record(b);
    events().record(c);
    events().record(new AccessEvent(UUID.randomUUID(), Fixtures.newOrganization(), T0.plusSeconds(4),
        AccessEventType.LINK_SENT, Actor.system(), null, null, null));

    assertThat(events().recent(org, 10)).containsExactly(c, b, a);
    assertThat(events().recent(org, 2)).containsExactly(c, b);
  }

  @Test
  @DisplayName("optional fields may be absent")
  void optionalFields() {
    AccessEvent e = new AccessEvent(UUID.randomUUID(), org, T0, AccessEventType.QUOTA_LIMITS_CHANGED,
        Actor.system(), null, null, null);
    events().record(e);
    assertThat(events().recent(org, 5)).containsExactly(e);
  }
}
