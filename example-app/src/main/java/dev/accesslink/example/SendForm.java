package dev.accesslink.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.LinkRules;
import dev.accesslink.core.domain.ScheduleSlot;
import dev.accesslink.core.domain.WeeklySchedule;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/orgs/{org}/access-links} read into a {@link SendAccessLinkCommand}:
 * unknown fields, wrong types, a missing or unknown channel, a missing group and malformed instants
 * are 400s with the web layer's codes; malformed schedule times and days are the core's {@code
 * schedule.*} codes; the rest is the core's validation. Stateless.
 */
final class SendForm {
  private static final Set<String> FIELDS =
      Set.of("recipientName", "channel", "email", "phone", "groupId", "validFrom", "validUntil", "externalRef", "language", "maxUses",
          "activeMinutesAfterFirstUse", "schedule");
  private static final Set<String> SCHEDULE_FIELDS = Set.of("slots");
  private static final Set<String> SLOT_FIELDS = Set.of("days", "from", "until");

  private SendForm() {}

  /** The command the body asks for. */
  static SendAccessLinkCommand read(OrganizationId org, AdminId admin, JsonNode body) {
    Json.onlyFields(body, FIELDS);
    String name = text(body, "recipientName");
    String channelText = text(body, "channel");
    if (channelText == null) {
      throw new ApiProblem(400, "channel.required", "Choose how to send the link: EMAIL, SMS or MANUAL.", "channel");
    }
    DeliveryChannel channel;
    try {
      channel = DeliveryChannel.valueOf(channelText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(400, "channel.invalid", "The channel is EMAIL, SMS or MANUAL.", "channel");
    }
    String email = text(body, "email");
    String phone = text(body, "phone");
    if (channel != DeliveryChannel.EMAIL && email != null) {
      throw new ApiProblem(400, "email.not_applicable", "Only an EMAIL link has an e-mail address.", "email");
    }
    if (channel != DeliveryChannel.SMS && phone != null) {
      throw new ApiProblem(400, "phone.not_applicable", "Only an SMS link has a phone number.", "phone");
    }
    String groupText = text(body, "groupId");
    if (groupText == null) {
      throw new ApiProblem(400, "group.required", "Choose the group whose doors the link opens.", "groupId");
    }
    Instant from = instant(body, "validFrom");
    Instant until = instant(body, "validUntil");
    String language = text(body, "language");
    LinkRules rules = new LinkRules(integer(body, "maxUses"), integer(body, "activeMinutesAfterFirstUse"),
        schedule(body.get("schedule")));
    return new SendAccessLinkCommand(org, admin, name, channel, channel == DeliveryChannel.SMS ? phone : email,
        GroupId.of(groupText), new ValidityWindow(from, until), rules,
        text(body, "externalRef"), null, null,
        language == null ? null : Language.of(language)); // well formed here; offered or not, the core says
  }


  private static @Nullable Integer integer(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new ApiProblem(400, "json.type", "'" + field + "' must be a whole number.", field);
    }
    return n.intValue();
  }

  /** {@code {"slots": [{"days": ["MON"], "from": "08:00", "until": "18:00"}]}}, or null for none. */
  private static @Nullable WeeklySchedule schedule(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new ApiProblem(400, "json.type", "'schedule' must be an object with 'slots'.", "schedule");
    }
    Json.onlyFields(node, SCHEDULE_FIELDS);
    JsonNode slots = node.get("slots");
    if (slots == null || !slots.isArray()) {
      throw new ApiProblem(400, "json.type", "'schedule.slots' must be a list of slots.", "schedule");
    }
    if (slots.size() > WeeklySchedule.MAX_SLOTS) {
      throw new InvalidInputException("schedule.slots.too_many", "schedule",
          "A schedule has at most " + WeeklySchedule.MAX_SLOTS + " slots.");
    }
    List<ScheduleSlot> out = new ArrayList<>();
    for (JsonNode slot : slots) {
      if (!slot.isObject()) {
        throw new ApiProblem(400, "json.type", "Each schedule slot is an object with days, from and until.", "schedule");
      }
      Json.onlyFields(slot, SLOT_FIELDS);
      JsonNode days = slot.get("days");
      if (days == null || !days.isArray()) {
        throw new ApiProblem(400, "json.type", "A slot's 'days' is a list such as [\"MON\", \"TUE\"].", "schedule");
      }
      EnumSet<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
      for (JsonNode d : days) {
        if (!d.isTextual()) {
          throw new ApiProblem(400, "json.type", "A slot's 'days' is a list such as [\"MON\", \"TUE\"].", "schedule");
        }
        set.add(ScheduleSlot.day(d.asText()));
      }
      out.add(new ScheduleSlot(set, time(slot, "from"), time(slot, "until")));
    }
    return new WeeklySchedule(out);
  }

  private static LocalTime time(JsonNode slot, String field) {
    JsonNode n = slot.get(field);
    if (n == null || !n.isTextual()) {
      throw new InvalidInputException("schedule.time.invalid", "schedule",
          "A slot's 'from' and 'until' are times such as 08:00.");
    }
    String v = n.asText().strip();
    if (!v.matches("\\d{2}:\\d{2}")) {
      throw new InvalidInputException("schedule.time.invalid", "schedule",
          "A slot's 'from' and 'until' are times such as 08:00.");
    }
    try {
      return LocalTime.parse(v);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("schedule.time.invalid", "schedule",
          "A slot's 'from' and 'until' are times such as 08:00.");
    }
  }

  /** The JSON field the core's {@code address} means for {@code channel}. */
  static String addressField(DeliveryChannel channel) {
    return channel == DeliveryChannel.SMS ? "phone" : "email";
  }

  private static @Nullable String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new ApiProblem(400, "json.type", "'" + field + "' must be a string.", field);
    }
    String v = n.asText();
    return v.isBlank() ? null : v;
  }

  static @Nullable Instant instant(JsonNode body, String field) {
    String v = text(body, field);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v.strip());
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(v.strip()).toInstant();
      } catch (DateTimeParseException e2) {
        throw new ApiProblem(400, "instant.invalid",
            "'" + field + "' is an ISO-8601 instant such as 2030-01-31T17:00:00Z.", field);
      }
    }
  }
}
