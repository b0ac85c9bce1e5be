package dev.accesslink.core.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.OrganizationId;
import java.net.URI;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SaveOrganizationCommand")
class SaveOrganizationCommandTest {
  static SaveOrganizationCommand command(String name, String baseUrl) {
    return new SaveOrganizationCommand(OrganizationId.of("acme"), AdminId.of("boss"), name, ZoneId.of("UTC"),
        URI.create(baseUrl));
  }

  @Test
  @DisplayName("keeps a valid name stripped and takes http and https base URLs, with or without a trailing slash")
  void valid() {
    assertThat(command("  Acme HQ ", "https://doors.acme.example/l").displayName()).isEqualTo("Acme HQ");
    assertThat(command("Acme", "http://localhost:8080/l/").linkBaseUrl()).hasToString("http://localhost:8080/l/");
  }

  @Test
  @DisplayName("refuses a base URL that is relative, not http(s), or has a query or fragment")
  void badBaseUrl() {
    for (String bad : new String[] {"l/", "/l/", "ftp://acme.example/", "https://acme.example/l?x", "https://acme.example/l#x"}) {
      assertThatThrownBy(() -> command("Acme", bad)).as(bad)
          .isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.code()).isEqualTo("organization.settings.invalid");
            assertThat(e.field()).isEqualTo("linkBaseUrl");
          });
    }
  }

  @Test
  @DisplayName("refuses a blank, multi-line or over-long name")
  void badName() {
    for (String bad : new String[] {"", "  ", "a\nb", "x".repeat(201)}) {
      assertThatThrownBy(() -> command(bad, "https://acme.example/l/"))
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.code()).isEqualTo("organization.name.invalid"));
    }
  }
}
