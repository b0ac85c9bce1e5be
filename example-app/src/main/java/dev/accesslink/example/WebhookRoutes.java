package dev.accesslink.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.WebhookDelivery;
import dev.accesslink.core.domain.WebhookEndpoint;
import dev.accesslink.core.domain.WebhookEndpointId;
import dev.accesslink.core.domain.WebhookEventType;
import dev.accesslink.core.port.in.CreateWebhookEndpointCommand;
import dev.accesslink.core.port.in.CreatedWebhookEndpoint;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhook part of the admin API: register, list, delete, rotate and re-enable an
 * organization's endpoints, and read each one's delivery log. Authorization and the organization
 * come from {@link AdminRoutes}. Thread-safe.
 */
final class WebhookRoutes {
  private static final Set<String> FIELDS = Set.of("url", "events");

  /** Authorizes a request and names its organization. */
  interface Organization {
    OrganizationId of(Exchange ex);
  }

  private final AccessLinks links;
  private final AdminId admin;
  private final Organization organization;

  WebhookRoutes(AccessLinks links, AdminId admin, Organization organization) {
    this.links = links;
    this.admin = admin;
    this.organization = organization;
  }

  void register(Routes routes) {
    routes.path("/api/orgs/{org}/webhooks").on(HandlerType.GET, this::list).on(HandlerType.POST, this::create)
        .register();
    routes.path("/api/orgs/{org}/webhooks/{id}").on(HandlerType.DELETE, this::delete).register();
    routes.path("/api/orgs/{org}/webhooks/{id}/deliveries").on(HandlerType.GET, this::deliveries).register();
    routes.path("/api/orgs/{org}/webhooks/{id}/rotate-secret").on(HandlerType.POST, this::rotate).register();
    routes.path("/api/orgs/{org}/webhooks/{id}/enable").on(HandlerType.POST, this::enable).register();
  }

  private void list(Exchange ex) throws IOException {
    ex.sendJson(200, links.webhookEndpoints(organization.of(ex)).stream().map(WebhookRoutes::view).toList());
  }

  private void create(Exchange ex) throws IOException {
    OrganizationId org = organization.of(ex);
    JsonNode body = ex.jsonObject();
    Json.onlyFields(body, FIELDS);
    JsonNode url = body.get("url");
    if (url == null || url.isNull() || (url.isTextual() && url.asText().isBlank())) {
      throw new ApiProblem(400, "webhook.url.required", "Enter the URL events are posted to.", "url");
    }
    if (!url.isTextual()) {
      throw new ApiProblem(400, "json.type", "'url' must be a string.", "url");
    }
    JsonNode events = body.get("events");
    if (events == null || events.isNull()) {
      throw new ApiProblem(400, "webhook.events.required", "Choose at least one event type, e.g. \"link.sent\".",
          "events");
    }
    if (!events.isArray()) {
      throw new ApiProblem(400, "json.type", "'events' must be an array of strings.", "events");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode e : events) {
      if (!e.isTextual()) {
        throw new ApiProblem(400, "json.type", "'events' must be an array of strings.", "events");
      }
      names.add(e.asText());
    }
    CreatedWebhookEndpoint created =
        links.createWebhookEndpoint(new CreateWebhookEndpointCommand(org, admin, url.asText(), names));
    Map<String, Object> out = view(created.endpoint());
    out.put("secret", created.secret().reveal());
    ex.sendJson(201, out);
  }

  private void delete(Exchange ex) throws IOException {
    OrganizationId org = organization.of(ex);
    links.deleteWebhookEndpoint(org, WebhookEndpointId.parse(ex.path("id")), admin);
    ex.sendJson(204, null);
  }

  private void rotate(Exchange ex) throws IOException {
    OrganizationId org = organization.of(ex);
    CreatedWebhookEndpoint rotated = links.rotateWebhookSecret(org, WebhookEndpointId.parse(ex.path("id")), admin);
    Map<String, Object> out = view(rotated.endpoint());
    out.put("secret", rotated.secret().reveal());
    ex.sendJson(200, out);
  }

  private void enable(Exchange ex) throws IOException {
    OrganizationId org = organization.of(ex);
    ex.sendJson(200, view(links.enableWebhookEndpoint(org, WebhookEndpointId.parse(ex.path("id")), admin)));
  }

  private void deliveries(Exchange ex) throws IOException {
    OrganizationId org = organization.of(ex);
    int limit = ex.intQuery("limit", 50);
    List<Map<String, Object>> out = new ArrayList<>();
    for (WebhookDelivery d : links.webhookDeliveries(org, WebhookEndpointId.parse(ex.path("id")), limit)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("eventId", d.eventId().toString());
      m.put("type", WebhookEventType.announcing(d.type()).map(WebhookEventType::wireName).orElse(d.type().name()));
      m.put("linkId", d.link() == null ? null : d.link().toString());
      m.put("status", d.status().name());
      m.put("attempts", d.attempts());
      m.put("createdAt", d.createdAt());
      m.put("lastAttemptAt", d.lastAttemptAt());
      m.put("lastStatusCode", d.lastStatusCode());
      m.put("lastError", d.lastError());
      m.put("nextAttemptAt", d.nextAttemptAt());
      out.add(m);
    }
    ex.sendJson(200, out);
  }

  static Map<String, Object> view(WebhookEndpoint e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id().toString());
    m.put("url", e.url().toString());
    m.put("events", e.events().stream().map(WebhookEventType::wireName).toList());
    m.put("createdAt", e.createdAt());
    m.put("enabled", e.enabled());
    m.put("disabledAt", e.disabledAt());
    return m;
  }
}
