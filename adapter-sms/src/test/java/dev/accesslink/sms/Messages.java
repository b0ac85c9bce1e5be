package dev.accesslink.sms;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkUrl;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.LinkMessage;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Test fixtures: link messages with a real secret URL. */
final class Messages {
  static final URI BASE = URI.create("https://access.example.com/l/");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Messages() {}

  static LinkMessage to(String e164) {
    return message("Acme HQ", "Jane Doe", e164);
  }

  static LinkMessage message(String org, String name, String e164) {
    return message(org, name, e164, BASE);
  }

  static LinkMessage message(String org, String name, String e164, URI base) {
    return new LinkMessage(
        AccessLinkId.generate(Instant.parse("2026-01-01T00:00:00Z"), RANDOM),
        org,
        Recipient.sms(name, e164),
        "Visitors",
        List.of("Front door"),
        ValidityWindow.always(),
        ZoneId.of("America/New_York"),
        AccessLinkUrl.of(base, LinkSecret.generate(RANDOM)),
        AdminId.of("admin-1"), null, Language.ENGLISH);
  }
}
