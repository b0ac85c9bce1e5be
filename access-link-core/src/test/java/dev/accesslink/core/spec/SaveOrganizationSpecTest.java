package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.port.in.SaveOrganizationCommand;
import dev.accesslink.core.port.in.SetQuotaLimitsCommand;
import java.net.URI;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Creating and changing an organization")
class SaveOrganizationSpecTest {
  final SurfaceFixture f = new SurfaceFixture();
  final AccessLinks links = f.builder().build();
  final ZoneId paris = ZoneId.of("Europe/Paris");

  SaveOrganizationCommand command(String name, String baseUrl) {
    return new SaveOrganizationCommand(f.org, f.admin, name, paris, URI.create(baseUrl));
  }

  @Test
  @DisplayName("creates it with default quotas; its links are built on the base URL, a slash added")
  void create() {
    OrganizationSettings saved = links.saveOrganization(command(" Acme HQ ", "https://doors.acme.example/l"));

    assertThat(saved).isEqualTo(new OrganizationSettings(f.org, "Acme HQ", paris, QuotaLimits.defaults(),
        URI.create("https://doors.acme.example/l")));
    assertThat(f.organizations.find(f.org)).contains(saved);
    assertThat(f.sendManual(links).manualUrlIfAny().orElseThrow().reveal())
        .startsWith("https://doors.acme.example/l/").hasSize("https://doors.acme.example/l/".length() + 43);
    AccessEvent e = links.recentEvents(f.org, 10).get(1);
    assertThat(e.type()).isEqualTo(AccessEventType.ORGANIZATION_SAVED);
    assertThat(e.actor()).isEqualTo(Actor.administrator(f.admin));
    assertThat(e.detail()).isEqualTo("created,zone=Europe/Paris,linkBaseUrl=https://doors.acme.example/l,language=en");
  }

  @Test
  @DisplayName("changes name, zone and base URL at once, keeping the quota limits")
  void change() {
    links.saveOrganization(command("Acme HQ", "https://doors.acme.example/l/"));
    QuotaLimits raised = new QuotaLimits(1000, 10, QuotaLimits.UNLIMITED);
    links.setQuotaLimits(new SetQuotaLimitsCommand(f.org, f.admin, raised));

    OrganizationSettings changed = links.saveOrganization(new SaveOrganizationCommand(f.org, f.admin,
        "Acme Tower", ZoneId.of("UTC"), URI.create("https://tower.acme.example/visit/")));

    assertThat(changed.quotaLimits()).isEqualTo(raised);
    assertThat(changed.displayName()).isEqualTo("Acme Tower");
    assertThat(f.sendManual(links).manualUrlIfAny().orElseThrow().reveal()).startsWith("https://tower.acme.example/visit/");
    assertThat(links.recentEvents(f.org, 10).get(1).detail()).startsWith("changed,zone=UTC,");
  }

  @Test
  @DisplayName("a base URL that is not absolute http(s) without query or fragment cannot be built, and nothing is saved")
  void badBaseUrl() {
    for (String bad : new String[] {"/l/", "ftp://acme.example/l/", "https://acme.example/l/?x=1",
        "https://acme.example/l/#x", "mailto:doors@acme.example"}) {
      assertThatThrownBy(() -> command("Acme HQ", bad)).as(bad)
          .isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.code()).isEqualTo("organization.settings.invalid");
            assertThat(e.field()).isEqualTo("linkBaseUrl");
          });
    }
    assertThat(f.organizations.find(f.org)).isEmpty();
  }

  @Test
  @DisplayName("a blank or multi-line name cannot be built")
  void badName() {
    for (String bad : new String[] {" ", "Acme\nHQ", "x".repeat(201)}) {
      assertThatThrownBy(() -> command(bad, "https://acme.example/l/"))
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.code()).isEqualTo("organization.name.invalid"));
    }
  }
}
