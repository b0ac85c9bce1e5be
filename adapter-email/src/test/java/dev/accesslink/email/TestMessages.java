package dev.accesslink.email;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkUrl;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.Recipient;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.LinkMessage;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Test data and helpers to read received messages. */
final class TestMessages {
  static final Instant T0 = Instant.parse("2026-03-15T12:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestMessages() {}

  /** A fresh, unique recipient address at example.com. */
  static String freshAddress() {
    return "visitor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  static LinkMessage message(String address) {
    return message(address, "Ada Lovelace", "Acme HQ", "Visitors",
        List.of("Front door", "Lab"),
        ValidityWindow.between(T0, T0.plusSeconds(2 * 86_400)), ZoneId.of("Europe/Berlin"));
  }

  static LinkMessage message(String address, String name, String org, String group,
      List<String> doors, ValidityWindow window, ZoneId zone) {
    return new LinkMessage(
        AccessLinkId.generate(T0, RANDOM), org, Recipient.email(name, address), group, doors,
        window, zone,
        AccessLinkUrl.of(URI.create("https://acme.example/l/"), LinkSecret.generate(RANDOM)),
        AdminId.of("alice@acme.example"), "Grace Hopper", Language.ENGLISH);
  }

  /** The first part of {@code mimeType}, searched depth-first through nested multiparts. */
  static Optional<BodyPart> part(MimeMessage m, String mimeType) {
    try {
      return part((Multipart) m.getContent(), mimeType);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Optional<BodyPart> part(Multipart mp, String mimeType) throws Exception {
    for (int i = 0; i < mp.getCount(); i++) {
      BodyPart p = mp.getBodyPart(i);
      if (p.isMimeType(mimeType)) {
        return Optional.of(p);
      }
      if (p.isMimeType("multipart/*")) {
        Optional<BodyPart> inner = part((Multipart) p.getContent(), mimeType);
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    return Optional.empty();
  }

  static String text(MimeMessage m) {
    return content(part(m, "text/plain").orElseThrow());
  }

  static String html(MimeMessage m) {
    return content(part(m, "text/html").orElseThrow());
  }

  static String content(BodyPart p) {
    try {
      return (String) p.getContent();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Subject, decoded text and decoded HTML of a received message. */
  static String fullText(MimeMessage m) {
    try {
      return m.getSubject() + "\n" + text(m) + "\n" + html(m);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static int occurrences(String haystack, String needle) {
    int count = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }
}
