package dev.accesslink.example;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryState;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.port.in.ChannelQuotaUsage;
import dev.accesslink.core.port.in.QuotaUsageReport;
import dev.accesslink.core.port.in.VisitorLinkView;
import dev.accesslink.core.domain.LinkPolicy;
import dev.accesslink.core.domain.LinkRules;
import dev.accesslink.core.domain.RuleState;
import dev.accesslink.core.domain.ScheduleSlot;
import dev.accesslink.core.domain.WeeklySchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of {@code docs/api.md}, built from the library's values. Stateless. */
final class ApiViews {
  private ApiViews() {}

  static Map<String, Object> group(Group g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", g.id().value());
    m.put("name", g.name());
    m.put("doors", g.doors().stream().map(ApiViews::door).toList());
    return m;
  }

  static Map<String, Object> door(Door d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id().value());
    m.put("name", d.name());
    m.put("linkAccess", d.linkAccess());
    return m;
  }

  /** A link in the organization's zone {@code zone}, which its schedule and next opening are read in. */
  static Map<String, Object> link(AccessLink link, Instant now, ZoneId zone) {
    Map<String, Object> m = link(link, now);
    rules(m, link.ruleStateAt(now, zone));
    return m;
  }

  /** The rule fields of a link's JSON: the rules, uses left, end of the countdown, next opening. */
  static void rules(Map<String, Object> m, RuleState state) {
    LinkRules r = state.rules();
    m.put("maxUses", r.maxUses());
    m.put("usesLeft", state.usesLeft());
    m.put("activeMinutesAfterFirstUse", r.activeMinutesAfterFirstUse());
    m.put("activeUntil", state.activeUntil());
    m.put("schedule", r.schedule() == null ? null : schedule(r.schedule()));
    m.put("nextOpening", state.nextOpening());
  }

  static Map<String, Object> schedule(WeeklySchedule s) {
    List<Map<String, Object>> slots = new ArrayList<>();
    for (ScheduleSlot slot : s.slots()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("days", slot.daysInOrder().stream().map(d -> d.name().substring(0, 3)).toList());
      m.put("from", slot.from().toString());
      m.put("until", slot.until().toString());
      slots.add(m);
    }
    return Map.of("slots", slots);
  }

  static Map<String, Object> policy(LinkPolicy p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maxValidityDays", p.maxValidityDays());
    m.put("requireExpiry", p.requireExpiry());
    return m;
  }

  private static Map<String, Object> link(AccessLink link, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", link.id().toString());
    m.put("recipientName", link.recipient().name());
    m.put("channel", link.channel().name());
    if (link.channel() == DeliveryChannel.EMAIL) {
      m.put("email", link.recipient().address());
    } else if (link.channel() == DeliveryChannel.SMS) {
      m.put("phone", link.recipient().address());
    }
    m.put("groupId", link.group().value());
    m.put("validFrom", link.window().validFrom());
    m.put("validUntil", link.window().validUntil());
    m.put("status", link.statusAt(now).name());
    DeliveryState d = link.delivery();
    Map<String, Object> delivery = new LinkedHashMap<>();
    delivery.put("status", d.status().name());
    delivery.put("attempts", d.attempts());
    delivery.put("lastAttemptAt", d.lastAttemptAt());
    delivery.put("lastError", d.lastError());
    m.put("delivery", delivery);
    m.put("createdAt", link.createdAt());
    m.put("issuedBy", link.issuedBy().value());
    Revocation r = link.revocation();
    if (r != null) {
      Map<String, Object> rv = new LinkedHashMap<>();
      rv.put("at", r.at());
      rv.put("reason", r.reason().name());
      rv.put("by", r.revokedBy() == null ? null : r.revokedBy().value());
      m.put("revocation", rv);
    } else {
      m.put("revocation", null);
    }
    m.put("lastUsedAt", link.lastUsedAt());
    m.put("externalRef", link.externalRef());
    m.put("issuerName", link.issuerName());
    m.put("language", link.language().tag());
    return m;
  }

  static Map<String, Object> quota(QuotaUsageReport report) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ChannelQuotaUsage c : report.channels()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("used", c.used());
      m.put("limit", c.unlimited() ? null : c.limit());
      if (c.channel() == DeliveryChannel.SMS) {
        m.put("resetsAt", c.resetsAt());
      }
      out.put(c.channel().name().toLowerCase(Locale.ROOT), m);
    }
    return out;
  }

  static Map<String, Object> event(AccessEvent e, Map<String, String> doorNames) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id().toString());
    m.put("at", e.at());
    m.put("type", e.type().name());
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put("kind", e.actor().kind().name());
    actor.put("name", e.actor().name());
    m.put("actor", actor);
    m.put("linkId", e.link() == null ? null : e.link().toString());
    m.put("doorId", e.door() == null ? null : e.door().value());
    m.put("doorName", e.door() == null ? null : doorNames.get(e.door().value()));
    m.put("detail", e.detail());
    return m;
  }

  static Map<String, Object> visitor(VisitorLinkView v, VisitorTexts texts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recipientName", v.recipientName());
    m.put("organizationName", v.organizationName());
    m.put("groupName", v.groupName());
    List<Map<String, Object>> doors = v.doors().stream().map(ApiViews::door).toList();
    m.put("doors", doors);
    m.put("validFrom", v.window().validFrom());
    m.put("validUntil", v.window().validUntil());
    m.put("zone", v.zone().getId());
    m.put("status", v.status().name());
    rules(m, v.rules());
    m.put("issuerName", v.issuerName());
    m.put("language", v.language().tag());
    m.put("validFromText", v.window().validFrom() == null ? null
        : texts.when(v.language(), v.window().validFrom(), v.zone()));
    m.put("validUntilText", v.window().validUntil() == null ? null
        : texts.when(v.language(), v.window().validUntil(), v.zone()));
    // the rules' instants as the visitor reads them: in the link's language and the organization's zone
    m.put("activeUntilText", v.rules().activeUntil() == null ? null
        : texts.when(v.language(), v.rules().activeUntil(), v.zone()));
    m.put("nextOpeningText", v.rules().nextOpening() == null ? null
        : texts.when(v.language(), v.rules().nextOpening(), v.zone()));
    m.put("texts", texts.page(v.language()));
    return m;
  }
}
