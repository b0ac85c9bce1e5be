package dev.accesslink.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkException;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryState;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.LinkFilter;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.QuotaExhaustedException;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.UnknownGroupException;
import dev.accesslink.core.domain.UnknownLinkException;
import dev.accesslink.core.domain.UnknownOrganizationException;
import dev.accesslink.core.port.in.RecentEventsUseCase;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.AccessLinkPage;
import dev.accesslink.core.port.in.ChannelQuotaUsage;
import dev.accesslink.core.port.in.LinkResolution;
import dev.accesslink.core.port.in.ListAccessLinksQuery;
import dev.accesslink.core.port.in.QuotaUsageReport;
import dev.accesslink.core.port.in.RevokeAccessLinkCommand;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.in.VisitorLinkView;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The web app: the JSON API and the static admin and visitor pages, on the JDK's HTTP server.
 * It talks to the library only through its use cases and read ports; it knows no adapter.
 * Thread-safe: one instance serves every request.
 */
final class WebApp implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(WebApp.class.getName());
  private static final Set<String> SEND_FIELDS =
      Set.of("recipientName", "channel", "email", "phone", "groupId", "validFrom", "validUntil");
  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_EVENTS = RecentEventsUseCase.MAX_LIMIT;
  private static final String PAGE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
      + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final AccessLinks links;
  private final @Nullable DemoOutbox outbox;
  private final byte[] adminTokenHash;
  private final AdminId admin;
  private final Clock clock;
  private final ObjectMapper json;
  private final int maxBodyBytes;
  private final Map<String, StaticFile> files = new HashMap<>();

  private record StaticFile(String contentType, byte[] bytes) {}

  WebApp(AccessLinks links, @Nullable DemoOutbox outbox, String adminToken, AdminId admin, Clock clock, ObjectMapper json,
      int maxBodyBytes) {
    this.links = links;
    this.outbox = outbox;
    this.adminTokenHash = sha256(adminToken);
    this.admin = admin;
    this.clock = clock;
    this.json = json;
    this.maxBodyBytes = maxBodyBytes;
    for (String name : List.of("index.html", "visitor.html", "app.css", "common.js", "admin.js", "visitor.js",
        "favicon.svg")) {
      files.put(name, new StaticFile(contentType(name), resource(name)));
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    return "image/svg+xml";
  }

  private static byte[] resource(String name) {
    try (InputStream in = WebApp.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource /web/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /web/" + name, e);
    }
  }

  @Override
  public void handle(HttpExchange http) throws IOException {
    Exchange ex = new Exchange(http, json, maxBodyBytes);
    try {
      try {
        route(ex);
      } catch (ApiProblem p) {
        if (p.status() == 401) {
          ex.setHeader("WWW-Authenticate", "Bearer realm=\"access-links\"");
        }
        ex.sendJson(p.status(), p.body());
      } catch (QuotaExhaustedException e) {
        ApiProblem p = new ApiProblem(429, e.code(), e.getMessage())
            .with("channel", e.channel().name()).with("used", e.used()).with("limit", e.limit());
        e.resetsAt().ifPresent(r -> p.with("resetsAt", r));
        ex.sendJson(429, p.body());
      } catch (InvalidInputException e) {
        ex.sendJson(400, new ApiProblem(400, e.code(), e.getMessage(), e.field()).body());
      } catch (UnknownOrganizationException | UnknownGroupException | UnknownLinkException e) {
        ex.sendJson(404, new ApiProblem(404, e.code(), e.getMessage()).body());
      } catch (AccessLinkException e) {
        ex.sendJson(400, new ApiProblem(400, e.code(), e.getMessage()).body());
      } catch (AccessLinkInfrastructureException e) {
        // the cause names the failing system; the client learns only that it should try again
        LOG.log(Level.WARNING, "a backing service failed: " + e.getMessage());
        ex.setHeader("Retry-After", "5");
        ex.sendJson(503, new ApiProblem(503, "service.unavailable",
            "A backing service is not available right now. Try again in a moment.").body());
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "unexpected failure in " + ex.method() + " handler: " + e.getClass().getName());
        ex.sendJson(500, new ApiProblem(500, "internal", "Something went wrong on our side.").body());
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
      LOG.log(Level.DEBUG, "response not sent: " + e.getClass().getSimpleName());
    } finally {
      http.close();
    }
  }

  private void route(Exchange ex) throws IOException {
    List<String> s = ex.segments();
    if (s.isEmpty() || (s.size() == 1 && s.get(0).equals("index.html"))) {
      page(ex, "index.html");
      return;
    }
    switch (s.get(0)) {
      case "l" -> {
        if (s.size() != 2) {
          throw notFound();
        }
        page(ex, "visitor.html");
      }
      case "static" -> {
        StaticFile f = s.size() == 2 ? files.get(s.get(1)) : null;
        if (f == null || s.get(1).endsWith(".html")) {
          throw notFound();
        }
        allow(ex, "GET", "HEAD");
        ex.sendBytes(200, f.contentType(), f.bytes(), Map.of("Cache-Control", "no-cache"));
      }
      case "favicon.ico" -> {
        allow(ex, "GET", "HEAD");
        StaticFile f = files.get("favicon.svg");
        ex.sendBytes(200, f.contentType(), f.bytes(), Map.of("Cache-Control", "max-age=86400"));
      }
      case "api" -> api(ex, s.subList(1, s.size()));
      default -> throw notFound();
    }
  }

  private void page(Exchange ex, String name) throws IOException {
    allow(ex, "GET", "HEAD");
    StaticFile f = files.get(name);
    ex.sendBytes(200, f.contentType(), f.bytes(),
        Map.of("Cache-Control", "no-store", "Content-Security-Policy", PAGE_CSP, "X-Frame-Options", "DENY"));
  }

  private void api(Exchange ex, List<String> s) throws IOException {
    if (s.size() == 1 && s.get(0).equals("health")) {
      allow(ex, "GET");
      ex.sendJson(200, Map.of("status", "UP"));
      return;
    }
    if (s.size() >= 3 && s.get(0).equals("orgs")) {
      String resource = s.get(2);
      if (s.size() == 3 && resource.equals("groups")) {
        allow(ex, "GET");
        authorize(ex);
        ex.sendJson(200, groups(organization(s.get(1))));
        return;
      }
      if (s.size() == 3 && resource.equals("access-links")) {
        allow(ex, "GET", "POST");
        authorize(ex);
        if (ex.method().equals("POST")) {
          ex.sendJson(201, send(organization(s.get(1)), ex.jsonObject()));
        } else {
          ex.sendJson(200, list(organization(s.get(1)), ex));
        }
        return;
      }
      if (s.size() == 4 && resource.equals("access-links")) {
        allow(ex, "DELETE");
        authorize(ex);
        OrganizationId org = organization(s.get(1));
        links.revoke(new RevokeAccessLinkCommand(org, admin, AccessLinkId.parse(s.get(3))));
        ex.sendJson(204, null);
        return;
      }
      if (s.size() == 3 && resource.equals("quota")) {
        allow(ex, "GET");
        authorize(ex);
        ex.sendJson(200, quota(links.quotaUsage(organization(s.get(1)))));
        return;
      }
      if (s.size() == 3 && resource.equals("events")) {
        allow(ex, "GET");
        authorize(ex);
        ex.sendJson(200, events(organization(s.get(1)), ex));
        return;
      }
    }
    if (s.size() == 2 && s.get(0).equals("demo") && s.get(1).equals("outbox")) {
      allow(ex, "GET");
      authorize(ex);
      if (outbox == null) {
        throw new ApiProblem(404, "demo.disabled",
            "There is no demo outbox: e-mail and SMS go to real providers in this configuration.");
      }
      ex.sendJson(200, outbox.newestFirst());
      return;
    }
    if (s.size() == 2 && s.get(0).equals("links")) {
      allow(ex, "GET");
      ex.sendJson(200, visitorView(s.get(1)));
      return;
    }
    if (s.size() == 5 && s.get(0).equals("links") && s.get(2).equals("doors") && s.get(4).equals("unlock")) {
      allow(ex, "POST");
      ex.body(); // a body is not needed, but its size and type rules hold like everywhere else
      unlock(ex, s.get(1), s.get(3));
      return;
    }
    throw notFound();
  }

  private static ApiProblem notFound() {
    return new ApiProblem(404, "route.unknown", "There is nothing at this address.");
  }

  private static void allow(Exchange ex, String... methods) {
    for (String m : methods) {
      if (m.equals(ex.method())) {
        return;
      }
    }
    ex.setHeader("Allow", String.join(", ", methods));
    throw new ApiProblem(405, "method.not_allowed", ex.method() + " is not allowed here; use " + String.join(" or ", methods) + ".");
  }

  /** Bearer token check; both sides are hashed first so the comparison is constant-time and length-blind. */
  private void authorize(Exchange ex) {
    Optional<String> header = ex.header("Authorization");
    if (header.isEmpty()) {
      throw new ApiProblem(401, "auth.required", "Send the admin token as 'Authorization: Bearer <token>'.");
    }
    String h = header.get().strip();
    String token = h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).strip() : "";
    if (!MessageDigest.isEqual(sha256(token), adminTokenHash)) {
      throw new ApiProblem(401, "auth.invalid", "The admin token is not valid.");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses the organization in the path; every use case refuses an unknown one with a typed error. */
  private static OrganizationId organization(String raw) {
    return OrganizationId.of(raw);
  }

  // ---- admin endpoints ----

  private List<Map<String, Object>> groups(OrganizationId org) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Group g : links.groups(org)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", g.id().value());
      m.put("name", g.name());
      m.put("doors", g.doors().stream().map(WebApp::door).toList());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> door(Door d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id().value());
    m.put("name", d.name());
    return m;
  }

  private Map<String, Object> send(OrganizationId org, JsonNode body) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!SEND_FIELDS.contains(name)) {
        throw new ApiProblem(400, "json.unknown_field", "Unknown field '" + name + "'. Known fields: "
            + String.join(", ", SEND_FIELDS.stream().sorted().toList()) + ".", name);
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
    String addressField = channel == DeliveryChannel.SMS ? "phone" : "email";
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
    SendAccessLinkCommand command;
    SentAccessLink sent;
    try {
      command = new SendAccessLinkCommand(org, admin, name, channel, channel == DeliveryChannel.SMS ? phone : email,
          GroupId.of(groupText), new ValidityWindow(from, until));
      sent = links.send(command);
    } catch (InvalidInputException e) {
      if (e.field().equals("address")) {
        throw new ApiProblem(400, e.code(), e.getMessage(), addressField);
      }
      throw e;
    }
    Map<String, Object> view = linkView(sent.link());
    sent.manualUrlIfAny().ifPresent(url -> view.put("url", url.reveal()));
    return view;
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

  private Map<String, Object> list(OrganizationId org, Exchange ex) {
    int limit = DEFAULT_PAGE;
    Optional<String> l = ex.query("limit");
    if (l.isPresent()) {
      try {
        limit = Integer.parseInt(l.get());
      } catch (NumberFormatException e) {
        throw new ApiProblem(400, "page.limit.invalid", "The limit is a whole number from 1 to "
            + ListAccessLinksQuery.MAX_LIMIT + ".", "limit");
      }
    }
    AccessLinkPage page = links.list(new ListAccessLinksQuery(org, LinkFilter.all(), ex.query("cursor").orElse(null), limit));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", page.items().stream().map(this::linkView).toList());
    out.put("nextCursor", page.nextCursor());
    return out;
  }

  private Map<String, Object> linkView(AccessLink link) {
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
    m.put("status", link.statusAt(clock.instant()).name());
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
    return m;
  }

  private static Map<String, Object> quota(QuotaUsageReport report) {
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

  private List<Map<String, Object>> events(OrganizationId org, Exchange ex) {
    int limit = 100;
    Optional<String> l = ex.query("limit");
    if (l.isPresent()) {
      try {
        limit = Integer.parseInt(l.get());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_EVENTS) {
        throw new ApiProblem(400, "page.limit.out_of_range", "The limit is a whole number from 1 to " + MAX_EVENTS + ".", "limit");
      }
    }
    Map<String, String> doorNames = new HashMap<>();
    for (Group g : links.groups(org)) {
      for (Door d : g.doors()) {
        doorNames.put(d.id().value(), d.name());
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (AccessEvent e : links.recentEvents(org, limit)) {
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
      out.add(m);
    }
    return out;
  }

  // ---- visitor endpoints ----

  private Map<String, Object> visitorView(String secret) {
    LinkResolution r = links.resolve(secret);
    if (!(r instanceof LinkResolution.Found found)) {
      throw unknownLink();
    }
    VisitorLinkView v = found.view();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recipientName", v.recipientName());
    m.put("organizationName", v.organizationName());
    m.put("groupName", v.groupName());
    m.put("doors", v.doors().stream().map(WebApp::door).toList());
    m.put("validFrom", v.window().validFrom());
    m.put("validUntil", v.window().validUntil());
    m.put("zone", v.zone().getId());
    m.put("status", v.status().name());
    return m;
  }

  private static ApiProblem unknownLink() {
    return new ApiProblem(404, "link.unknown",
        "This access link is not valid. Check that you have the whole link, or ask for a new one.");
  }

  private void unlock(Exchange ex, String secret, String doorText) throws IOException {
    DoorId door = DoorId.of(doorText);
    UnlockOutcome outcome = links.unlock(new UnlockDoorCommand(secret, door));
    Map<String, Object> m = new LinkedHashMap<>();
    if (outcome instanceof UnlockOutcome.Unlocked u) {
      m.put("outcome", "UNLOCKED");
      m.put("doorId", u.door().value());
      m.put("at", u.at());
      ex.sendJson(200, m);
    } else if (outcome instanceof UnlockOutcome.Denied d) {
      m.put("outcome", "DENIED");
      m.put("reason", d.reason().name());
      switch (d.reason()) {
        case UNKNOWN_LINK -> {
          m.putAll(unknownLink().body());
          ex.sendJson(404, m);
        }
        default -> {
          m.put("message", denialMessage(d.reason()));
          ex.sendJson(403, m);
        }
      }
    } else {
      m.put("outcome", "UNREACHABLE");
      m.put("doorId", door.value());
      m.put("message", "The door did not answer. Try again in a moment.");
      ex.setHeader("Retry-After", "2");
      ex.sendJson(503, m);
    }
  }

  private static String denialMessage(dev.accesslink.core.domain.DenialReason reason) {
    return switch (reason) {
      case NOT_YET_VALID -> "This link is not valid yet.";
      case EXPIRED -> "This link has expired.";
      case REVOKED -> "This link has been revoked.";
      case DOOR_NOT_IN_GROUP -> "This link does not open that door.";
      case LOCK_REFUSED -> "The lock refused to open. Try again, or ask for help.";
      case UNKNOWN_LINK -> "This access link is not valid.";
    };
  }
}
