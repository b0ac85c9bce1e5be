package dev.accesslink.email;

import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.Translations;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The built-in template, see {@link EmailTemplate#standard()}: texts from {@link Translations} in
 * the link's language, a QR code of the link beside the link as text. Immutable, thread-safe.
 */
final class StandardEmailTemplate implements EmailTemplate {
  /** The built-in texts: {@code dev/accesslink/email/messages*.properties}. */
  static final Translations BUILT_IN =
      Translations.of("dev.accesslink.email.messages", StandardEmailTemplate.class.getClassLoader());
  static final StandardEmailTemplate INSTANCE = new StandardEmailTemplate(BUILT_IN);

  /** Doors listed by name; more are summarized as "and N more". */
  static final int MAX_DOORS_LISTED = 20;
  /** Longest group or place name in the subject, in characters. */
  static final int MAX_SUBJECT_PART = 60;

  private final Translations texts;

  StandardEmailTemplate(Translations texts) {
    this.texts = Objects.requireNonNull(texts, "texts");
  }

  @Override
  public RenderedEmail render(LinkMessage m) {
    Language lang = m.language();
    String name = Texts.clean(m.recipient().name());
    String org = Texts.clean(m.organizationName());
    String group = Texts.clean(m.groupName());
    String issuer = m.issuerNameIfAny().map(Texts::clean).filter(s -> !s.isEmpty()).orElse(null);
    String url = m.url().reveal();

    String subject = t(lang, "subject", Texts.shorten(group, MAX_SUBJECT_PART), Texts.shorten(org, MAX_SUBJECT_PART));
    Parts plain = parts(lang, name, org, group, issuer, m, false);
    Parts html = parts(lang, name, org, group, issuer, m, true);
    return new RenderedEmail(
        subject,
        text(lang, plain, url),
        html(lang, subject, html, url),
        List.of(InlineImage.qrCode(InlineImage.QR_CODE_CONTENT_ID, url)));
  }

  /** The sentences that hold user values, escaped for HTML or not. */
  private record Parts(String greeting, String intro, List<String> doors, String window, String revoked, String footer) {}

  private Parts parts(Language lang, String name, String org, String group, String issuer, LinkMessage m,
      boolean forHtml) {
    UnaryOperator<String> esc = forHtml ? Texts::escapeHtml : UnaryOperator.identity();
    String sender = issuer == null ? esc.apply(org) : t(lang, "sender.named", esc.apply(issuer), esc.apply(org));
    String groupShown = forHtml ? "<strong>" + esc.apply(group) + "</strong>" : group;
    List<String> doors = new ArrayList<>();
    for (String d : doors(lang, m.doorNames())) {
      doors.add(esc.apply(d));
    }
    return new Parts(
        t(lang, "greeting", esc.apply(name)),
        t(lang, "intro", sender, groupShown),
        doors,
        esc.apply(describe(texts, lang, m.window(), m.zone())),
        t(lang, "trouble.revoked", sender),
        issuer == null ? t(lang, "footer.no.sender", "", esc.apply(org))
            : t(lang, "footer", esc.apply(issuer), esc.apply(org)));
  }

  private String text(Language lang, Parts p, String url) {
    StringBuilder t = new StringBuilder(1024);
    t.append(p.greeting).append("\n\n");
    t.append(p.intro).append("\n\n");
    if (p.doors.isEmpty()) {
      t.append("  ").append(t(lang, "doors.none")).append('\n');
    }
    for (String door : p.doors) {
      t.append("  - ").append(door).append('\n');
    }
    t.append('\n').append(t(lang, "when.label")).append(' ').append(p.window).append(".\n\n");
    t.append(t(lang, "open.link")).append("\n\n");
    t.append(url).append("\n\n");
    t.append(t(lang, "trouble")).append('\n');
    t.append("  - ").append(t(lang, "trouble.split")).append('\n');
    t.append("  - ").append(t(lang, "trouble.time")).append('\n');
    t.append("  - ").append(p.revoked).append("\n\n");
    t.append(t(lang, "keep.secret")).append("\n\n");
    t.append("-- \n");
    t.append(p.footer).append('\n');
    return t.toString();
  }

  private String html(Language lang, String subject, Parts p, String url) {
    String eUrl = Texts.escapeHtml(url);
    StringBuilder h = new StringBuilder(2048);
    h.append("<!DOCTYPE html>\n<html lang=\"").append(Texts.escapeHtml(lang.tag()))
        .append("\">\n<head>\n<meta charset=\"UTF-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Texts.escapeHtml(subject)).append("</title>\n</head>\n")
        .append("<body style=\"font-family: Arial, Helvetica, sans-serif; font-size: 16px;"
            + " line-height: 1.5; color: #1a1a1a; max-width: 600px; margin: 0 auto;"
            + " padding: 16px;\">\n");
    h.append("<p>").append(p.greeting).append("</p>\n");
    h.append("<p>").append(p.intro).append("</p>\n<ul>\n");
    if (p.doors.isEmpty()) {
      h.append("<li>").append(Texts.escapeHtml(t(lang, "doors.none"))).append("</li>\n");
    }
    for (String door : p.doors) {
      h.append("<li>").append(door).append("</li>\n");
    }
    h.append("</ul>\n<p><strong>").append(Texts.escapeHtml(t(lang, "when.label"))).append("</strong> ")
        .append(p.window).append(".</p>\n");
    h.append("<p>");
    if (isWebUrl(url)) {
      h.append("<a href=\"").append(eUrl)
          .append("\" style=\"display: inline-block; padding: 12px 20px; background: #0b5fff;"
              + " color: #ffffff; text-decoration: none; border-radius: 6px;"
              + " font-weight: bold;\">").append(Texts.escapeHtml(t(lang, "button"))).append("</a>");
    } else {
      h.append(Texts.escapeHtml(t(lang, "open.link")));
    }
    h.append("</p>\n");
    // the QR code, with the link as text beside it (to copy, or for a reader without images)
    h.append("<p>").append(Texts.escapeHtml(t(lang, "qr.caption"))).append("</p>\n")
        .append("<p><img src=\"cid:").append(InlineImage.QR_CODE_CONTENT_ID).append("\" alt=\"")
        .append(Texts.escapeHtml(t(lang, "qr.alt")))
        .append("\" width=\"240\" height=\"240\" style=\"display: block; width: 240px; height: 240px;\"></p>\n")
        .append("<p style=\"font-family: monospace; font-size: 13px; word-break: break-all;\"><code>")
        .append(eUrl).append("</code></p>\n");
    h.append("<p>").append(Texts.escapeHtml(t(lang, "trouble"))).append("</p>\n<ul>\n")
        .append("<li>").append(Texts.escapeHtml(t(lang, "trouble.button"))).append("</li>\n")
        .append("<li>").append(Texts.escapeHtml(t(lang, "trouble.time"))).append("</li>\n")
        .append("<li>").append(p.revoked).append("</li>\n</ul>\n");
    h.append("<p>").append(Texts.escapeHtml(t(lang, "keep.secret"))).append("</p>\n");
    h.append("<p style=\"color: #666666; font-size: 13px;\">").append(p.footer).append("</p>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private String t(Language lang, String key, Object... args) {
    return texts.format(lang, key, args);
  }

  /** Only http(s) URLs become clickable; anything else is shown as text, never as a link. */
  private static boolean isWebUrl(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  private List<String> doors(Language lang, List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (out.size() == MAX_DOORS_LISTED) {
        out.add(t(lang, "doors.more", names.size() - MAX_DOORS_LISTED));
        break;
      }
      out.add(Texts.clean(n));
    }
    return out;
  }

  /** The window in English, such as "valid at once, never expires". */
  static String describe(ValidityWindow w, ZoneId zone) {
    return describe(BUILT_IN, Language.ENGLISH, w, zone);
  }

  /** The window as a phrase in {@code lang}, such as "valid at once, never expires". */
  static String describe(Translations texts, Language lang, ValidityWindow w, ZoneId zone) {
    DateTimeFormatter when = DateTimeFormatter.ofPattern(texts.text(lang, "date.time"), lang.locale());
    String from = w.from().map(i -> texts.format(lang, "window.from", at(when, i, zone)))
        .orElse(texts.format(lang, "window.at.once"));
    String until = w.until().map(i -> texts.format(lang, "window.until", at(when, i, zone)))
        .orElse(texts.format(lang, "window.never"));
    return texts.format(lang, w.from().isPresent() && w.until().isPresent() ? "window.both" : "window.open",
        from, until);
  }

  /** Such as "Tuesday 3 March 2026, 09:00 (Europe/Berlin, UTC+01:00)". */
  private static String at(DateTimeFormatter when, Instant instant, ZoneId zone) {
    ZonedDateTime local = instant.atZone(zone);
    String offset = offsetLabel(local.getOffset());
    String label = zone.normalized() instanceof ZoneOffset ? offset : zone.getId() + ", " + offset;
    return when.format(local) + " (" + label + ")";
  }

  private static String offsetLabel(ZoneOffset offset) {
    return offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId();
  }
}
