package dev.accesslink.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/orgs/{org}/access-links} read into a {@link SendAccessLinkCommand}:
 * unknown fields, wrong types, a missing or unknown channel, a missing group and malformed instants
 * are 400s with the web layer's codes; the rest is the core's validation. Stateless.
 */
final class SendForm {
  private static final Set<String> FIELDS =
      Set.of("recipientName", "channel", "email", "phone", "groupId", "validFrom", "validUntil", "language");

  private SendForm() {}

  /** The command the body asks for. */
  static SendAccessLinkCommand read(OrganizationId org, AdminId admin, JsonNode body) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw new ApiProblem(400, "json.unknown_field", "Unknown field '" + name + "'. Known fields: "
            + String.join(", ", FIELDS.stream().sorted().toList()) + ".", name);
      }
    }
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
    return new SendAccessLinkCommand(org, admin, name, channel, channel == DeliveryChannel.SMS ? phone : email,
        GroupId.of(groupText), new ValidityWindow(from, until), null,
        language == null ? null : Language.of(language)); // well formed here; offered or not, the core says
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

  private static @Nullable Instant instant(JsonNode body, String field) {
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
