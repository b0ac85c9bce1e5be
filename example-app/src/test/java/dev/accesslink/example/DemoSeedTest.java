package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.memory.InMemoryOrganizations;
import java.net.URI;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Seeding the demo organization at start")
class DemoSeedTest {
  static final URI FIRST = URI.create("http://first.example:8080/l/");
  static final URI SECOND = URI.create("http://second.example:9090/l/");
  final InMemoryOrganizations organizations = new InMemoryOrganizations();

  @Test
  @DisplayName("creates the organization on the first start")
  void creates() {
    DemoSeed.seed(organizations, FIRST, ZoneOffset.UTC, Language.ENGLISH, false);
    assertThat(organizations.find(DemoSeed.ORGANIZATION).orElseThrow().linkBaseUrl()).isEqualTo(FIRST);
  }

  @Test
  @DisplayName("never overwrites the stored link base URL, zone or quotas when another instance starts elsewhere")
  void keepsStored() {
    DemoSeed.seed(organizations, FIRST, ZoneOffset.UTC, Language.ENGLISH, false);
    OrganizationSettings changed = organizations.find(DemoSeed.ORGANIZATION).orElseThrow()
        .withQuotaLimits(QuotaLimits.defaults().with(DeliveryChannel.EMAIL, 7)).withZone(ZoneId.of("Europe/Paris"));
    organizations.save(changed);

    DemoSeed.seed(organizations, SECOND, ZoneId.of("America/New_York"), Language.ENGLISH, false);

    assertThat(organizations.find(DemoSeed.ORGANIZATION)).contains(changed);
  }

  @Test
  @DisplayName("creates the organization in the configured default language, and a later start keeps the stored one")
  void defaultLanguage() {
    DemoSeed.seed(organizations, FIRST, ZoneOffset.UTC, Language.GERMAN, false);
    DemoSeed.seed(organizations, SECOND, ZoneOffset.UTC, Language.FRENCH, true);
    OrganizationSettings s = organizations.find(DemoSeed.ORGANIZATION).orElseThrow();
    assertThat(s.defaultLanguage()).isEqualTo(Language.GERMAN);
    assertThat(s.linkBaseUrl()).isEqualTo(SECOND);
  }

  @Test
  @DisplayName("changes only the link base URL when the operator asks for it")
  void updatesOnRequest() {
    DemoSeed.seed(organizations, FIRST, ZoneOffset.UTC, Language.ENGLISH, false);
    DemoSeed.seed(organizations, SECOND, ZoneId.of("America/New_York"), Language.ENGLISH, true);
    OrganizationSettings s = organizations.find(DemoSeed.ORGANIZATION).orElseThrow();
    assertThat(s.linkBaseUrl()).isEqualTo(SECOND);
    assertThat(s.zone()).isEqualTo(ZoneOffset.UTC);
  }
}
