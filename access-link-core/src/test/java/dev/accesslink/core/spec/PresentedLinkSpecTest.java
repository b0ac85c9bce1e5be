package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.port.in.LinkResolution;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A visitor may present the secret or the whole link")
class PresentedLinkSpecTest {
  final SurfaceFixture f = new SurfaceFixture();
  final AccessLinks links = f.withOrganization(f.builder().build());

  @Test
  @DisplayName("resolve and unlock accept the whole URL, however it was pasted")
  void wholeUrl() {
    String url = f.sendManual(links).manualUrlIfAny().orElseThrow().reveal();
    for (String presented : new String[] {url, url + "/", url + "?from=mail", url + "#doors", " " + url + " "}) {
      assertThat(links.resolve(presented)).as(presented).isInstanceOf(LinkResolution.Found.class);
      assertThat(links.unlock(new UnlockDoorCommand(presented, f.front))).as(presented)
          .isInstanceOf(UnlockOutcome.Unlocked.class);
    }
    assertThat(f.doors.commands()).hasSize(5);
  }

  @Test
  @DisplayName("the URL's secret() is what resolve and unlock take as well")
  void bareSecret() {
    String secret = f.sendManual(links).manualUrlIfAny().orElseThrow().secret().reveal();
    assertThat(links.resolve(secret)).isInstanceOf(LinkResolution.Found.class);
    assertThat(links.unlock(new UnlockDoorCommand(secret, f.front))).isInstanceOf(UnlockOutcome.Unlocked.class);
  }

  @Test
  @DisplayName("garbage, or a URL without the secret as its last segment, is UNKNOWN_LINK and opens nothing")
  void garbage() {
    String url = f.sendManual(links).manualUrlIfAny().orElseThrow().reveal();
    String base = url.substring(0, url.length() - 43);
    for (String presented : new String[] {"", "https://doors.acme.example/l/", base + "?s=" + url.substring(base.length()),
        url + "/more", url + "x", "\u0000", "x".repeat(50_000)}) {
      assertThat(links.resolve(presented)).isInstanceOf(LinkResolution.Unknown.class);
      assertThat(links.unlock(new UnlockDoorCommand(presented, f.front)))
          .isEqualTo(new UnlockOutcome.Denied(DenialReason.UNKNOWN_LINK));
    }
    assertThat(f.doors.commands()).isEmpty();
  }
}
