package dev.accesslink.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.LinkPolicy;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.testkit.Fixtures;
import java.net.URI;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every {@link Organizations} owes. */
public abstract class OrganizationsContract {

  /** The implementation under test. */
  protected abstract Organizations organizations();

  @Test
  @DisplayName("an unknown organization is not found")
  void unknown() {
    assertThat(organizations().find(Fixtures.newOrganization())).isEmpty();
  }

  @Test
  @DisplayName("saved settings round-trip, unlimited quotas and zone included")
  void roundTrip() {
    OrganizationId id = Fixtures.newOrganization();
    OrganizationSettings s = new OrganizationSettings(id, "Acme HQ", ZoneId.of("America/New_York"),
        new QuotaLimits(1000, 10, QuotaLimits.UNLIMITED), URI.create("https://acme.example/l/"));
    organizations().save(s);
    assertThat(organizations().find(id)).contains(s);
    assertThat(s.defaultLanguage()).as("the default default").isEqualTo(Language.ENGLISH);
  }

  @Test
  @DisplayName("saving again replaces the settings")
  void replaces() {
    OrganizationId id = Fixtures.newOrganization();
    OrganizationSettings s = OrganizationSettings.of(id, "Acme", URI.create("https://acme.example/l/"));
    organizations().save(s);
    OrganizationSettings raised = s.withQuotaLimits(new QuotaLimits(5000, 50, 7)).withZone(ZoneId.of("Europe/Zurich"));
    organizations().save(raised);
    assertThat(organizations().find(id)).contains(raised);
    OrganizationSettings spanish = raised.withDefaultLanguage(Language.SPANISH);
    organizations().save(spanish);
    assertThat(organizations().find(id)).contains(spanish);
  }

  @Test
  @DisplayName("a link policy round-trips, and dropping it too")
  void linkPolicy() {
    OrganizationId id = Fixtures.newOrganization();
    OrganizationSettings s = OrganizationSettings.of(id, "Acme", URI.create("https://acme.example/l/"))
        .withLinkPolicy(new LinkPolicy(30, true));
    organizations().save(s);
    assertThat(organizations().find(id)).contains(s);
    organizations().save(s.withLinkPolicy(new LinkPolicy(null, true)));
    assertThat(organizations().find(id).orElseThrow().linkPolicy()).isEqualTo(new LinkPolicy(null, true));
    organizations().save(s.withLinkPolicy(LinkPolicy.none()));
    assertThat(organizations().find(id).orElseThrow().linkPolicy()).isEqualTo(LinkPolicy.none());
  }
}
