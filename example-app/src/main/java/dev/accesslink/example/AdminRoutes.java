package dev.accesslink.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.IdempotencyKey;
import dev.accesslink.core.domain.LinkPolicy;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.LinkFilter;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.AccessLinkPage;
import dev.accesslink.core.port.in.ListAccessLinksQuery;
import dev.accesslink.core.port.in.RecentEventsUseCase;
import dev.accesslink.core.port.in.RevokeAccessLinkCommand;
import dev.accesslink.core.port.in.ResendAccessLinkCommand;
import dev.accesslink.core.port.in.ChangeValidityWindowCommand;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SetDoorLinkAccessCommand;
import dev.accesslink.core.port.in.SetLinkPolicyCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;
import java.util.Set;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * The admin API: groups, send, list, revoke, resend/rotate, change the window, quota, doors' link
 * access, link policy, events and the demo outbox, each behind the
 * bearer token (compared as SHA-256 digests, so in constant time and blind to its length). It sees
 * the library only through its use cases. Thread-safe.
 */
final class AdminRoutes {
  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_EVENTS = RecentEventsUseCase.MAX_LIMIT;

  private final AccessLinks links;
  private final @Nullable DemoOutbox outbox;
  private final byte[] adminTokenHash;
  private final AdminId admin;
  private final String adminName;
  private final Function<String, byte[]> qrPng;
  private final Clock clock;

  /**
   * @param adminName the administrator's display name, put on every link sent
   * @param qrPng a QR code of a URL as PNG bytes (the e-mail adapter's, wired by the composition root)
   */
  AdminRoutes(AccessLinks links, @Nullable DemoOutbox outbox, String adminToken, AdminId admin, String adminName,
      Function<String, byte[]> qrPng, Clock clock) {
    this.adminName = adminName;
    this.qrPng = qrPng;
    this.links = links;
    this.outbox = outbox;
    this.adminTokenHash = sha256(adminToken);
    this.admin = admin;
    this.clock = clock;
  }

  void register(Routes routes) {
    routes.path("/api/orgs/{org}/groups").on(HandlerType.GET, this::groups).register();
    routes.path("/api/orgs/{org}/access-links").on(HandlerType.GET, this::list).on(HandlerType.POST, this::send)
        .register();
    routes.path("/api/orgs/{org}/access-links/{id}").on(HandlerType.DELETE, this::revoke)
        .on(HandlerType.PATCH, this::changeWindow).register();
    routes.path("/api/orgs/{org}/access-links/{id}/resend").on(HandlerType.POST, this::resend).register();
    routes.path("/api/orgs/{org}/quota").on(HandlerType.GET, this::quota).register();
    routes.path("/api/orgs/{org}/doors/{doorId}/link-access").on(HandlerType.PUT, this::linkAccess).register();
    routes.path("/api/orgs/{org}/policy").on(HandlerType.GET, this::policy).on(HandlerType.PUT, this::setPolicy)
        .register();
    routes.path("/api/orgs/{org}/events").on(HandlerType.GET, this::events).register();
    routes.path("/api/demo/outbox").on(HandlerType.GET, this::outbox).register();
    new WebhookRoutes(links, admin, this::organization).register(routes);
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

  /** Authorizes, then parses the organization in the path; every use case refuses an unknown one. */
  private OrganizationId organization(Exchange ex) {
    authorize(ex);
    return OrganizationId.of(ex.path("org"));
  }

  private void groups(Exchange ex) throws IOException {
    OrganizationId org = organization(ex);
    ex.sendJson(200, links.groups(org).stream().map(ApiViews::group).toList());
  }

  private void send(Exchange ex) throws IOException {
    OrganizationId org = organization(ex);
    // checked before the body: a bad key is a 400 whatever the body says
    if (ex.headerCount("Idempotency-Key") > 1) {
      // which of two keys would count is a guess either way: a retry could create a second link
      throw new ApiProblem(400, "idempotency.key.multiple", "Send one Idempotency-Key header, not several.",
          "idempotencyKey");
    }
    IdempotencyKey key = ex.header("Idempotency-Key").map(IdempotencyKey::of).orElse(null);
    JsonNode body = ex.jsonObject();
    DeliveryChannel channel = DeliveryChannel.MANUAL;
    SentAccessLink sent;
    try {
      SendAccessLinkCommand command = SendForm.read(org, admin, body).withIssuerName(adminName);
      if (key != null) {
        command = command.withIdempotencyKey(key);
      }
      channel = command.channel();
      sent = links.send(command);
    } catch (InvalidInputException e) {
      if (e.field().equals("address")) {
        throw new ApiProblem(400, e.code(), e.getMessage(), SendForm.addressField(channelOf(body, channel)));
      }
      throw e;
    }
    Map<String, Object> view = ApiViews.link(sent.link(), clock.instant(), links.organization(org).zone());
    sent.manualUrlIfAny().ifPresent(url -> showOnce(view, url.reveal()));
    if (sent.repeated()) {
      // the first answer's link as it is now; nothing was stored, counted or sent this time
      ex.setHeader("Idempotent-Replayed", "true");
      ex.sendJson(200, view);
      return;
    }
    ex.sendJson(201, view);
  }

  /** The channel the body names, for an address error raised before the command existed. */
  private static DeliveryChannel channelOf(JsonNode body, DeliveryChannel known) {
    return "SMS".equalsIgnoreCase(body.path("channel").asText("")) ? DeliveryChannel.SMS : known;
  }

  private void list(Exchange ex) throws IOException {
    OrganizationId org = organization(ex);
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
    LinkFilter filter = ex.query("externalRef").map(LinkFilter::byExternalRef).orElse(LinkFilter.all());
    AccessLinkPage page = links.list(new ListAccessLinksQuery(org, filter, ex.query("cursor").orElse(null), limit));
    Map<String, Object> out = new LinkedHashMap<>();
    var now = clock.instant();
    ZoneId zone = links.organization(org).zone();
    out.put("items", page.items().stream().map(link -> ApiViews.link(link, now, zone)).toList());
    out.put("nextCursor", page.nextCursor());
    ex.sendJson(200, out);
  }

  private void revoke(Exchange ex) throws IOException {
    OrganizationId org = organization(ex);
    links.revoke(new RevokeAccessLinkCommand(org, admin, AccessLinkId.parse(ex.path("id"))));
    ex.sendJson(204, null);
  }

  /** Resends an EMAIL/SMS link, or rotates a MANUAL one (its new URL in the answer, once). */
  private void resend(Exchange ex) throws IOException {
    OrganizationId org = organization(ex);
    SentAccessLink sent = links.resend(new ResendAccessLinkCommand(org, admin, AccessLinkId.parse(ex.path("id"))));
    Map<String, Object> view = ApiViews.link(sent.link(), clock.instant(), links.organization(org).zone());
    sent.manualUrlIfAny().ifPresent(url -> showOnce(view, url.reveal()));
    ex.sendJson(200, view);
  }

  /** A new MANUAL link's URL and a PNG QR code of it to scan with a phone: shown once, never stored. */
  private void showOnce(Map<String, Object> view, String url) {
    view.put("url", url);
    view.put("qrCode", "data:image/png;base64," + Base64.getEncoder().encodeToString(qrPng.apply(url)));
  }

  /** Changes a link's validity window: the fields sent replace the link's, the others stay. */
  private void changeWindow(Exchange ex) throws IOException {
    OrganizationId org = organization(ex);
    AccessLinkId id = AccessLinkId.parse(ex.path("id"));
    JsonNode body = ex.jsonObject();
    ValidityWindow window = WindowForm.read(body, links.getLink(org, id).window());
    AccessLink changed = links.changeWindow(new ChangeValidityWindowCommand(org, admin, id, window));
    ex.sendJson(200, ApiViews.link(changed, clock.instant(), links.organization(org).zone()));
  }

  private void quota(Exchange ex) throws IOException {
    ex.sendJson(200, ApiViews.quota(links.quotaUsage(organization(ex))));
  }

  private void linkAccess(Exchange ex) throws IOException {
    OrganizationId org = organization(ex);
    DoorId door = DoorId.of(ex.path("doorId"));
    JsonNode body = ex.jsonObject();
    Json.onlyFields(body, Set.of("allowed"));
    JsonNode allowed = body.get("allowed");
    if (allowed == null || allowed.isNull()) {
      throw new ApiProblem(400, "allowed.required", "Say whether links may open the door: {\"allowed\": true} or false.",
          "allowed");
    }
    if (!allowed.isBoolean()) {
      throw new ApiProblem(400, "json.type", "'allowed' must be true or false.", "allowed");
    }
    ex.sendJson(200, ApiViews.door(links.setDoorLinkAccess(
        new SetDoorLinkAccessCommand(org, admin, door, allowed.booleanValue()))));
  }

  private void policy(Exchange ex) throws IOException {
    ex.sendJson(200, ApiViews.policy(links.linkPolicy(organization(ex))));
  }

  private void setPolicy(Exchange ex) throws IOException {
    OrganizationId org = organization(ex);
    JsonNode body = ex.jsonObject();
    Json.onlyFields(body, Set.of("maxValidityDays", "requireExpiry"));
    JsonNode days = body.get("maxValidityDays");
    Integer maxDays = null;
    if (days != null && !days.isNull()) {
      if (!days.isIntegralNumber() || !days.canConvertToInt()) {
        throw new ApiProblem(400, "json.type", "'maxValidityDays' is a whole number of days, or null.", "maxValidityDays");
      }
      maxDays = days.intValue();
    }
    JsonNode expiry = body.get("requireExpiry");
    if (expiry != null && !expiry.isNull() && !expiry.isBoolean()) {
      throw new ApiProblem(400, "json.type", "'requireExpiry' must be true, false or null.", "requireExpiry");
    }
    LinkPolicy policy = new LinkPolicy(maxDays, expiry != null && expiry.asBoolean(false));
    ex.sendJson(200, ApiViews.policy(links.setLinkPolicy(new SetLinkPolicyCommand(org, admin, policy))));
  }


  private void events(Exchange ex) throws IOException {
    OrganizationId org = organization(ex);
    int limit = ex.intQuery("limit", 100);
    if (limit < 1 || limit > MAX_EVENTS) {
      throw new ApiProblem(400, "page.limit.out_of_range", "The limit is a whole number from 1 to " + MAX_EVENTS + ".", "limit");
    }
    Map<String, String> doorNames = new HashMap<>();
    for (Group g : links.groups(org)) {
      for (Door d : g.doors()) {
        doorNames.put(d.id().value(), d.name());
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (AccessEvent e : links.recentEvents(org, limit)) {
      out.add(ApiViews.event(e, doorNames));
    }
    ex.sendJson(200, out);
  }

  private void outbox(Exchange ex) throws IOException {
    authorize(ex);
    if (outbox == null) {
      throw new ApiProblem(404, "demo.disabled",
          "There is no demo outbox: e-mail and SMS go to real providers in this configuration.");
    }
    ex.sendJson(200, outbox.newestFirst());
  }
}
