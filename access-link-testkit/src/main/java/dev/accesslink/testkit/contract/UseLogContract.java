package dev.accesslink.testkit.contract;

import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.LinkUse;
import dev.accesslink.testkit.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UseLog} owes (see its Javadoc): each link keeps its latest use whatever the
 * order the uses arrive in, every use's event is appended to the audit log in order, and a batch
 * is recorded as a whole. Subclass it with the use log under test, the {@link LinkRecords} over
 * the same data and the audit log they share; each test works in a fresh organization.
 */
public abstract class UseLogContract {

  /** The use log under test. */
  protected abstract UseLog uses();

  /** The link records over the same data, to create links and read their last use back. */
  protected abstract LinkRecords links();

  /** The audit log the use log appends to (the same persistence's). */
  protected abstract AccessEvents events();

  /**
   * A second, independent use log over the same data (another connection pool: another
   * application instance). The default is the same instance.
   */
  protected UseLog secondUses() {
    return uses();
  }

  private final OrganizationId org = Fixtures.newOrganization();

  private AccessLink link(DeliveryChannel channel, ValidityWindow window, Instant at) {
    return Fixtures.link(org, channel, window, at);
  }

  private AccessLink insertOk(AccessLink link, long limit, Instant now) {
    InsertOutcome out = links().insert(Fixtures.newLink(link, Fixtures.reservation(link, limit, now)));
    assertThat(out).isInstanceOf(InsertOutcome.Inserted.class);
    return link;
  }

  private AccessEvent unlocked(AccessLink link, Instant at) {
    return new AccessEvent(UUID.randomUUID(), org, at, AccessEventType.DOOR_UNLOCKED,
        Actor.recipient(link.recipient()), link.id(), DoorId.of("front"), "bypassed:[GEOFENCE, READER_PROXIMITY]");
  }

  @Test
  @DisplayName("recordUses keeps the latest use and appends the unlock's event with it")
  void recordUse() {
    AccessLink a = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 10, T0);
    AccessEvent first = unlocked(a, T0.plusSeconds(42));
    uses().recordUses(List.of(new LinkUse(a.id(), T0.plusSeconds(42), first)));
    assertThat(links().findById(org, a.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(42));
    assertThat(events().recent(org, 1)).containsExactly(first);

    AccessEvent late = unlocked(a, T0.plusSeconds(40));
    secondUses().recordUses(List.of(new LinkUse(a.id(), T0.plusSeconds(40), late)));
    assertThat(links().findById(org, a.id()).orElseThrow().lastUsedAt())
        .as("a use recorded out of order does not move the last use back").isEqualTo(T0.plusSeconds(42));
    assertThat(events().recent(org, 10)).contains(first, late);
  }

  @Test
  @DisplayName("recordUses records a batch: each link keeps its latest use, every event is appended in order")
  void recordUsesBatch() {
    AccessLink a = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 10, T0);
    AccessLink b = insertOk(link(DeliveryChannel.MANUAL, ValidityWindow.always(), T0), 10, T0);
    List<LinkUse> batch = List.of(
        new LinkUse(b.id(), T0.plusSeconds(7), unlocked(b, T0.plusSeconds(7))),
        new LinkUse(a.id(), T0.plusSeconds(9), unlocked(a, T0.plusSeconds(9))),
        new LinkUse(Fixtures.linkId(T0), T0.plusSeconds(9), unlocked(a, T0.plusSeconds(9))), // unknown link
        new LinkUse(a.id(), T0.plusSeconds(8), unlocked(a, T0.plusSeconds(8))),
        new LinkUse(b.id(), T0.plusSeconds(11), unlocked(b, T0.plusSeconds(11))));
    uses().recordUses(batch);

    assertThat(links().findById(org, a.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(9));
    assertThat(links().findById(org, b.id()).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(11));
    List<AccessEvent> newestFirst = new ArrayList<>(batch.stream().map(LinkUse::event).toList());
    Collections.reverse(newestFirst);
    assertThat(events().recent(org, 5)).containsExactlyElementsOf(newestFirst);
    assertThatThrownBy(() -> uses().recordUses(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
