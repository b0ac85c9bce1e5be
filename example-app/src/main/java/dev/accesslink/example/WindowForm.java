package dev.accesslink.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.core.domain.ValidityWindow;
import java.time.Instant;
import java.util.Set;

/**
 * The body of {@code PATCH /api/orgs/{org}/access-links/{id}}: {@code validFrom} and/or {@code
 * validUntil}; a field left out keeps its value, {@code null} (or "") removes that end. Anything
 * else is a 400 with a typed code, as for a send. Stateless.
 */
final class WindowForm {
  private static final Set<String> FIELDS = Set.of("validFrom", "validUntil");

  private WindowForm() {}

  /** The window the body asks for, starting from the link's {@code current} one. */
  static ValidityWindow read(JsonNode body, ValidityWindow current) {
    Json.onlyFields(body, FIELDS);
    if (!body.has("validFrom") && !body.has("validUntil")) {
      throw new ApiProblem(400, "window.required", "Send 'validFrom' and/or 'validUntil'.", "validUntil");
    }
    Instant from = body.has("validFrom") ? SendForm.instant(body, "validFrom") : current.validFrom();
    Instant until = body.has("validUntil") ? SendForm.instant(body, "validUntil") : current.validUntil();
    return new ValidityWindow(from, until);
  }
}
