package dev.accesslink.email;

import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.out.LinkMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The built-in English template, see {@link EmailTemplate#standard()}. Stateless. */
final class StandardEmailTemplate implements EmailTemplate {
  static final StandardEmailTemplate INSTANCE = new StandardEmailTemplate();

  /** Doors listed by name; more are summarized as "and N more". */
  static final int MAX_DOORS_LISTED = 20;
  /** Longest group or place name in the subject, in characters. */
  static final int MAX_SUBJECT_PART = 60;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm", Locale.ENGLISH);

  private StandardEmailTemplate() {}

  @Override
  public RenderedEmail render(LinkMessage m) {
    String name = Texts.clean(m.recipient().name());
    String org = Texts.clean(m.organizationName());
    String group = Texts.clean(m.groupName());
    String sender = Texts.clean(m.issuedBy().value());
    List<String> doors = doors(m.doorNames());
    String window = describe(m.window(), m.zone());
    String url = m.url().reveal();

    String subject =
        "Your access link for "
            + Texts.shorten(group, MAX_SUBJECT_PART)
            + " at "
            + Texts.shorten(org, MAX_SUBJECT_PART);
    return new RenderedEmail(
        subject,
        text(name, org, group, sender, doors, window, url),
        html(subject, name, org, group, sender, doors, window, url));
  }

  private static String text(
      String name, String org, String group, String sender, List<String> doors, String window,
      String url) {
    StringBuilder t = new StringBuilder(1024);
    t.append("Hello ").append(name).append(",\n\n");
    t.append(sender).append(" of ").append(org).append(" has sent you an access link for the group \"")
        .append(group).append("\". With it you can unlock these doors from your phone or computer,"
            + " without an account or an app:\n\n");
    if (doors.isEmpty()) {
      t.append("  (no doors are in this group yet)\n");
    }
    for (String door : doors) {
      t.append("  - ").append(door).append('\n');
    }
    t.append("\nWhen: ").append(window).append(".\n\n");
    t.append("Open this link, then choose the door to unlock:\n\n");
    t.append(url).append("\n\n");
    t.append("If the link does not work:\n");
    t.append("  - Open the whole link. If your mail program split it over two lines, copy all of it"
        + " into your browser's address bar.\n");
    t.append("  - Check the time: before the start the link is not valid yet, after the end it has"
        + " expired.\n");
    t.append("  - It may have been revoked. Ask ").append(sender).append(" at ").append(org)
        .append(" for a new one.\n\n");
    t.append("Keep this link to yourself: anyone who has it can unlock these doors while it is"
        + " valid.\n\n");
    t.append("-- \n");
    t.append("Sent on behalf of ").append(org).append(" because ").append(sender)
        .append(" entered your address.\n");
    return t.toString();
  }

  private static String html(
      String subject, String name, String org, String group, String sender, List<String> doors,
      String window, String url) {
    String eOrg = Texts.escapeHtml(org);
    String eSender = Texts.escapeHtml(sender);
    StringBuilder h = new StringBuilder(2048);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Texts.escapeHtml(subject)).append("</title>\n</head>\n")
        .append("<body style=\"font-family: Arial, Helvetica, sans-serif; font-size: 16px;"
            + " line-height: 1.5; color: #1a1a1a; max-width: 600px; margin: 0 auto;"
            + " padding: 16px;\">\n");
    h.append("<p>Hello ").append(Texts.escapeHtml(name)).append(",</p>\n");
    h.append("<p>").append(eSender).append(" of ").append(eOrg)
        .append(" has sent you an access link for the group <strong>")
        .append(Texts.escapeHtml(group))
        .append("</strong>. With it you can unlock these doors from your phone or computer,"
            + " without an account or an app:</p>\n<ul>\n");
    if (doors.isEmpty()) {
      h.append("<li>(no doors are in this group yet)</li>\n");
    }
    for (String door : doors) {
      h.append("<li>").append(Texts.escapeHtml(door)).append("</li>\n");
    }
    h.append("</ul>\n<p><strong>When:</strong> ").append(Texts.escapeHtml(window)).append(".</p>\n");
    h.append("<p>");
    if (isWebUrl(url)) {
      h.append("<a href=\"").append(Texts.escapeHtml(url))
          .append("\" style=\"display: inline-block; padding: 12px 20px; background: #0b5fff;"
              + " color: #ffffff; text-decoration: none; border-radius: 6px;"
              + " font-weight: bold;\">Open the door page</a>");
    } else {
      h.append("<code>").append(Texts.escapeHtml(url)).append("</code>");
    }
    h.append("</p>\n");
    h.append("<p>If the button does not work:</p>\n<ul>\n")
        .append("<li>Use the link in the plain-text version of this message, or copy the button's"
            + " link (right-click or long-press it) into your browser's address bar.</li>\n")
        .append("<li>Check the time: before the start the link is not valid yet, after the end"
            + " it has expired.</li>\n")
        .append("<li>It may have been revoked. Ask ").append(eSender).append(" at ").append(eOrg)
        .append(" for a new one.</li>\n</ul>\n");
    h.append("<p>Keep this link to yourself: anyone who has it can unlock these doors while it is"
        + " valid.</p>\n");
    h.append("<p style=\"color: #666666; font-size: 13px;\">Sent on behalf of ").append(eOrg)
        .append(" because ").append(eSender).append(" entered your address.</p>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /** Only http(s) URLs become clickable; anything else is shown as text, never as a link. */
  private static boolean isWebUrl(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  private static List<String> doors(List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (out.size() == MAX_DOORS_LISTED) {
        out.add("and " + (names.size() - MAX_DOORS_LISTED) + " more");
        break;
      }
      out.add(Texts.clean(n));
    }
    return out;
  }

  /** The window as a phrase, such as "valid at once, never expires". */
  static String describe(ValidityWindow w, ZoneId zone) {
    String from = w.from().map(i -> "from " + at(i, zone)).orElse("at once");
    String until = w.until().map(i -> "until " + at(i, zone)).orElse("never expires");
    if (w.from().isPresent() && w.until().isPresent()) {
      return "valid " + from + " " + until;
    }
    return "valid " + from + ", " + until;
  }

  /** Such as "Tuesday 3 March 2026, 09:00 (Europe/Berlin, UTC+01:00)". */
  private static String at(Instant instant, ZoneId zone) {
    ZonedDateTime local = instant.atZone(zone);
    String offset = offsetLabel(local.getOffset());
    String label = zone.normalized() instanceof ZoneOffset ? offset : zone.getId() + ", " + offset;
    return WHEN.format(local) + " (" + label + ")";
  }

  private static String offsetLabel(ZoneOffset offset) {
    return offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId();
  }

}
