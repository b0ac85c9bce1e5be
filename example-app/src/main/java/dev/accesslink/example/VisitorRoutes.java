package dev.accesslink.example;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.DenialReason;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.port.in.LinkResolution;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The visitor API: a link's page data and the unlock button. Needs only the link's secret; a
 * secret that opens nothing is counted and, from an address that keeps guessing, throttled by the
 * {@link GuessThrottle}. Thread-safe.
 */
final class VisitorRoutes {
  private final AccessLinks links;
  private final GuessThrottle throttle;
  private final VisitorTexts texts;

  VisitorRoutes(AccessLinks links, GuessThrottle throttle, VisitorTexts texts) {
    this.links = links;
    this.throttle = throttle;
    this.texts = texts;
  }

  void register(Routes routes) {
    routes.path("/api/links/{secret}").on(HandlerType.GET, this::view).register();
    routes.path("/api/links/{secret}/doors/{door}/unlock").on(HandlerType.POST, this::unlock).register();
  }

  private void view(Exchange ex) throws IOException {
    LinkResolution r = links.resolve(ex.path("secret"));
    if (!(r instanceof LinkResolution.Found found)) {
      throw unknownLink(ex);
    }
    ex.sendJson(200, ApiViews.visitor(found.view(), texts));
  }

  /** 404 {@code link.unknown}, or 429 {@code link.attempts.throttled} for an address that keeps guessing. */
  private ApiProblem unknownLink(Exchange ex) {
    OptionalLong wait = throttle.failed(ex.clientAddress());
    if (wait.isPresent()) {
      return new ApiProblem(429, "link.attempts.throttled",
          "Too many links that are not valid were tried from your address. Wait a moment and check the link.")
          .retryAfter(wait.getAsLong());
    }
    return new ApiProblem(404, "link.unknown",
        "This access link is not valid. Check that you have the whole link, or ask for a new one.");
  }

  private void unlock(Exchange ex) throws IOException {
    ex.body(); // a body is not needed, but its size and type rules hold like everywhere else
    DoorId door = DoorId.of(ex.path("door"));
    UnlockOutcome outcome = links.unlock(new UnlockDoorCommand(ex.path("secret"), door));
    if (outcome instanceof UnlockOutcome.Unlocked u) {
      // the door's answer, on every press: written field by field (the instant as ISO-8601, as the mapper writes it)
      ex.sendJsonFields(200, "outcome", "UNLOCKED", "doorId", u.door().value(), "at", u.at().toString());
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (outcome instanceof UnlockOutcome.Denied d) {
      m.put("outcome", "DENIED");
      m.put("reason", d.reason().name());
      if (d.reason() == DenialReason.UNKNOWN_LINK) {
        ApiProblem p = unknownLink(ex);
        p.headers().forEach(ex::setHeader);
        m.putAll(p.body());
        ex.sendJson(p.status(), m);
      } else {
        m.put("message", denialMessage(d.reason()));
        ex.sendJson(403, m);
      }
    } else if (outcome instanceof UnlockOutcome.DoorBusy) {
      m.put("outcome", "BUSY");
      m.put("doorId", door.value());
      m.put("message", "Many people are opening this door right now. Try again in a moment.");
      ex.setHeader("Retry-After", "2");
      ex.sendJson(503, m);
    } else {
      m.put("outcome", "UNREACHABLE");
      m.put("doorId", door.value());
      // the lock may have opened and its answer be held up (then the audit log gets a late DOOR_UNLOCKED)
      m.put("message", "The door did not confirm that it opened. If it is still locked, try again in a moment.");
      ex.setHeader("Retry-After", "2");
      ex.sendJson(503, m);
    }
  }

  private static String denialMessage(DenialReason reason) {
    return switch (reason) {
      case NOT_YET_VALID -> "This link is not valid yet.";
      case EXPIRED -> "This link has expired.";
      case REVOKED -> "This link has been revoked.";
      case DOOR_NOT_IN_GROUP -> "This link does not open that door.";
      case LOCK_REFUSED -> "The lock refused to open. Try again, or ask for help.";
      case UNKNOWN_LINK -> "This access link is not valid.";
      case USE_LIMIT_REACHED -> "This link has been used as many times as it allows.";
      case OUTSIDE_SCHEDULE -> "This link does not open doors at this time. See when it opens next.";
      case DOOR_EXCLUDED -> "This door cannot be opened with an access link. Ask someone on site.";
    };
  }
}
