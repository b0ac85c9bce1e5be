package dev.accesslink.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every {@link GroupDirectory} owes. */
public abstract class GroupDirectoryContract {

  /** A directory containing exactly {@code groups} (all of one fresh organization). */
  protected abstract GroupDirectory directoryWith(List<Group> groups);

  private final OrganizationId org = Fixtures.newOrganization();

  @Test
  @DisplayName("a group is found with its doors, in order")
  void findsGroupWithDoors() {
    Group staff = Fixtures.group(org, "staff", "Staff", "front", "office", "storage");
    GroupDirectory dir = directoryWith(List.of(staff, Fixtures.group(org, "visitors", "Visitors", "front")));

    assertThat(dir.findGroup(org, GroupId.of("staff"))).contains(staff);
  }

  @Test
  @DisplayName("an unknown group, or a group of another organization, is not found")
  void unknownGroup() {
    GroupDirectory dir = directoryWith(List.of(Fixtures.group(org, "visitors", "Visitors", "front")));
    assertThat(dir.findGroup(org, GroupId.of("nope"))).isEmpty();
    assertThat(dir.findGroup(Fixtures.newOrganization(), GroupId.of("visitors"))).isEmpty();
  }

  @Test
  @DisplayName("groups are listed by name; a group may have no doors")
  void listsByName() {
    Group z = Fixtures.group(org, "g1", "Zeta");
    Group a = Fixtures.group(org, "g2", "Alpha", "d1");
    GroupDirectory dir = directoryWith(List.of(z, a));
    assertThat(dir.groups(org)).containsExactly(a, z);
    assertThat(dir.groups(Fixtures.newOrganization())).isEmpty();
  }

  @Test
  @DisplayName("a door closed to links shows closed in every group, until it is opened again")
  void linkAccess() {
    GroupDirectory dir = directoryWith(List.of(Fixtures.group(org, "staff", "Staff", "front", "server"),
        Fixtures.group(org, "it", "IT", "server")));
    assertThat(dir.findGroup(org, GroupId.of("staff")).orElseThrow().doors()).allMatch(Door::linkAccess);

    assertThat(dir.setLinkAccess(org, DoorId.of("server"), false))
        .contains(new Door(DoorId.of("server"), "Door server", false));
    assertThat(dir.findGroup(org, GroupId.of("staff")).orElseThrow().doors())
        .containsExactly(new Door(DoorId.of("front"), "Door front"), new Door(DoorId.of("server"), "Door server", false));
    assertThat(dir.groups(org)).allSatisfy(g -> assertThat(g.door(DoorId.of("server")).orElseThrow().linkAccess()).isFalse());

    assertThat(dir.setLinkAccess(org, DoorId.of("server"), true)).contains(new Door(DoorId.of("server"), "Door server"));
    assertThat(dir.findGroup(org, GroupId.of("it")).orElseThrow().doors()).allMatch(Door::linkAccess);
  }

  @Test
  @DisplayName("an unknown door, or another organization's, is not changed")
  void linkAccessOfUnknownDoor() {
    GroupDirectory dir = directoryWith(List.of(Fixtures.group(org, "staff", "Staff", "front")));
    assertThat(dir.setLinkAccess(org, DoorId.of("nope"), false)).isEmpty();
    assertThat(dir.setLinkAccess(Fixtures.newOrganization(), DoorId.of("front"), false)).isEmpty();
    assertThat(dir.findGroup(org, GroupId.of("staff")).orElseThrow().doors()).allMatch(Door::linkAccess);
  }

  @Test
  @DisplayName("a group saved with a closed door closes it")
  void savedClosed() {
    Group g = new Group(org, GroupId.of("it"), "IT", List.of(new Door(DoorId.of("rack"), "Rack", false)));
    GroupDirectory dir = directoryWith(List.of(g));
    assertThat(dir.findGroup(org, GroupId.of("it"))).contains(g);
  }
}
