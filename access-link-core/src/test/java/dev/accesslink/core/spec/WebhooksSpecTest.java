package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.WebhookPolicy;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.UnknownWebhookEndpointException;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.domain.WebhookDelivery;
import dev.accesslink.core.domain.WebhookEventType;
import dev.accesslink.core.port.in.CreateWebhookEndpointCommand;
import dev.accesslink.core.port.in.CreatedWebhookEndpoint;
import dev.accesslink.core.port.in.RevokeAccessLinkCommand;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.WebhookDispatchReport;
import dev.accesslink.core.port.out.SecretSealer;
import dev.accesslink.core.port.out.WebhookRequest;
import dev.accesslink.core.port.out.WebhookResponse;
import dev.accesslink.core.port.out.WebhookSender;
import dev.accesslink.core.port.out.store.WebhookClaim;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Webhooks (events out)")
class WebhooksSpecTest {
  final SurfaceFixture f = new SurfaceFixture();
  final Receiver receiver = new Receiver();
  final SecretSealer sealer = new TestSealer();

  /** Records every request; answers 204 unless told to fail. */
  static final class Receiver implements WebhookSender {
    final List<WebhookRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final Deque<WebhookResponse> answers = new ArrayDeque<>();
    volatile CountDownLatch latch = new CountDownLatch(0);

    @Override
    public synchronized WebhookResponse send(WebhookRequest request) {
      requests.add(request);
      latch.countDown();
      WebhookResponse next = answers.poll();
      return next != null ? next : WebhookResponse.accepted(204);
    }

    List<String> types() {
      return requests.stream().map(r -> r.type().wireName()).toList();
    }
  }

  AccessLinks build() {
    return build(WebhookPolicy.defaults());
  }

  AccessLinks build(WebhookPolicy policy) {
    return f.withOrganization(f.builder().webhooks(receiver, sealer).webhookPolicy(policy)
        .webhookDispatchEvery(Duration.ZERO).build());
  }

  CreatedWebhookEndpoint subscribe(AccessLinks links, String... events) {
    return links.createWebhookEndpoint(new CreateWebhookEndpointCommand(f.org, f.admin,
        "https://hooks.example.com/in", List.of(events)));
  }

  @Nested
  @DisplayName("registering an endpoint")
  class Registering {
    @Test
    @DisplayName("shows its whsec_ secret once; nothing else shows it")
    void secretOnce() {
      try (AccessLinks links = build()) {
        CreatedWebhookEndpoint created = subscribe(links, "link.sent");
        String secret = created.secret().reveal();
        assertThat(secret).startsWith("whsec_");
        assertThat(created.toString()).doesNotContain(secret.substring(6));
        assertThat(links.webhookEndpoints(f.org)).containsExactly(created.endpoint());
        assertThat(links.webhookEndpoints(f.org).toString()).doesNotContain(secret.substring(6));
      }
    }

    @Test
    @DisplayName("requires https (plain http only to loopback, when allowed) and known event types; stores nothing otherwise")
    void refusesBadInput() {
      try (AccessLinks links = build(WebhookPolicy.defaults().withPlainHttpToLoopback(true))) {
        assertCode(links, "http://hooks.example.com/in", List.of("link.sent"), "webhook.url.insecure");
        assertCode(links, "http://10.0.0.1/in", List.of("link.sent"), "webhook.url.insecure");
        assertCode(links, "ftp://hooks.example.com/in", List.of("link.sent"), "webhook.url.invalid");
        assertCode(links, "https://user:pw@hooks.example.com/", List.of("link.sent"), "webhook.url.invalid");
        assertCode(links, "not a url", List.of("link.sent"), "webhook.url.invalid");
        assertCode(links, "https://hooks.example.com/in", List.of(), "webhook.events.required");
        assertCode(links, "https://hooks.example.com/in", List.of("link.opened"), "webhook.events.unknown");
        assertThat(links.webhookEndpoints(f.org)).isEmpty();

        links.createWebhookEndpoint(new CreateWebhookEndpointCommand(f.org, f.admin, "http://127.0.0.1:8080/in",
            List.of("link.sent")));
        links.createWebhookEndpoint(new CreateWebhookEndpointCommand(f.org, f.admin, "http://localhost/in",
            List.of("link.sent")));
        assertThat(links.webhookEndpoints(f.org)).hasSize(2);
      }
      try (AccessLinks strict = build()) {
        assertCode(strict, "http://127.0.0.1:8080/in", List.of("link.sent"), "webhook.url.insecure");
      }
    }

    @Test
    @DisplayName("refuses private, loopback and reserved addresses unless the policy allows them; stores nothing")
    void refusesPrivateAddresses() {
      List<String> privateUrls = List.of("https://10.0.0.5/in", "https://169.254.169.254/latest/meta-data/",
          "https://192.168.1.1:8443/in", "https://[fd00::1]/in", "https://[::ffff:10.0.0.1]/in", "https://0.0.0.0/in",
          "https://127.0.0.1/in", "https://[::1]/in", "https://localhost/in");
      try (AccessLinks links = build()) {
        for (String url : privateUrls) {
          assertCode(links, url, List.of("link.sent"), "webhook.url.private_address");
        }
        assertCode(links, "https://127.1/in", List.of("link.sent"), "webhook.url.invalid");
        assertCode(links, "https://2130706433/in", List.of("link.sent"), "webhook.url.invalid");
        assertThat(links.webhookEndpoints(f.org)).isEmpty();
        // a name is not resolved here: the sender judges its addresses before each call
        links.createWebhookEndpoint(new CreateWebhookEndpointCommand(f.org, f.admin, "https://8.8.8.8/in",
            List.of("link.sent")));
        links.createWebhookEndpoint(new CreateWebhookEndpointCommand(f.org, f.admin,
            "https://metadata.internal.example/in", List.of("link.sent")));
        assertThat(links.webhookEndpoints(f.org)).hasSize(2);
      }
      try (AccessLinks local = build(WebhookPolicy.defaults().withPlainHttpToLoopback(true))) {
        int before = local.webhookEndpoints(f.org).size();
        assertCode(local, "https://10.0.0.5/in", List.of("link.sent"), "webhook.url.private_address");
        local.createWebhookEndpoint(new CreateWebhookEndpointCommand(f.org, f.admin, "https://127.0.0.1:8443/in",
            List.of("link.sent")));
        assertThat(local.webhookEndpoints(f.org)).hasSize(before + 1);
      }
      try (AccessLinks onPremises = build(WebhookPolicy.defaults().withPrivateAddresses(true))) {
        int before = onPremises.webhookEndpoints(f.org).size();
        for (String url : privateUrls) {
          onPremises.createWebhookEndpoint(new CreateWebhookEndpointCommand(f.org, f.admin, url, List.of("link.sent")));
        }
        assertThat(onPremises.webhookEndpoints(f.org)).hasSize(before + privateUrls.size());
        assertCode(onPremises, "http://10.0.0.5/in", List.of("link.sent"), "webhook.url.insecure");
      }
    }

    @Test
    @DisplayName("refuses a port outside 1 to 65535 and a URL over 2000 characters, with their own codes; stores nothing")
    void refusesBadPortsAndLongUrls() {
      try (AccessLinks links = build()) {
        assertCode(links, "https://hooks.example.com:99999/in", List.of("link.sent"), "webhook.url.invalid");
        assertCode(links, "https://hooks.example.com:0/in", List.of("link.sent"), "webhook.url.invalid");
        assertCode(links, "https://hooks.example.com/" + "a".repeat(2001), List.of("link.sent"),
            "webhook.url.too_long");
        assertThat(links.webhookEndpoints(f.org)).isEmpty();
        links.createWebhookEndpoint(new CreateWebhookEndpointCommand(f.org, f.admin,
            "https://hooks.example.com:65535/in", List.of("link.sent")));
        assertThat(links.webhookEndpoints(f.org)).hasSize(1);
      }
    }

    @Test
    @DisplayName("an organization has at most 50 endpoints: the 51st is a typed error and not stored")
    void boundedPerOrganization() {
      try (AccessLinks links = build()) {
        for (int i = 0; i < 50; i++) {
          subscribe(links, "link.sent");
        }
        assertCode(links, "https://hooks.example.com/one-more", List.of("link.sent"), "webhook.endpoints.too_many");
        assertThat(links.webhookEndpoints(f.org)).hasSize(50);
        links.deleteWebhookEndpoint(f.org, links.webhookEndpoints(f.org).get(0).id(), f.admin);
        subscribe(links, "link.sent");
        assertThat(links.webhookEndpoints(f.org)).hasSize(50);
      }
    }

    void assertCode(AccessLinks links, String url, List<String> events, String code) {
      assertThatThrownBy(() -> links.createWebhookEndpoint(new CreateWebhookEndpointCommand(f.org, f.admin, url, events)))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    @DisplayName("an unknown endpoint is a typed error")
    void unknown() {
      try (AccessLinks links = build()) {
        CreatedWebhookEndpoint created = subscribe(links, "link.sent");
        links.deleteWebhookEndpoint(f.org, created.endpoint().id(), f.admin);
        assertThatThrownBy(() -> links.deleteWebhookEndpoint(f.org, created.endpoint().id(), f.admin))
            .isInstanceOf(UnknownWebhookEndpointException.class);
        assertThatThrownBy(() -> links.webhookDeliveries(f.org, created.endpoint().id(), 10))
            .isInstanceOf(UnknownWebhookEndpointException.class);
      }
    }
  }

  @Nested
  @DisplayName("sending")
  class Sending {
    @Test
    @DisplayName("announces the subscribed audit events, with the event id, signed, never with a secret or URL")
    void subscribedEvents() {
      try (AccessLinks links = build()) {
        CreatedWebhookEndpoint created = subscribe(links, "link.sent", "door.unlocked", "link.revoked");
        SentAccessLink sent = f.sendManual(links);
        links.unlock(new UnlockDoorCommand(sent.manualUrlIfAny().orElseThrow().secret().reveal(), f.front));
        links.awaitBookkeeping(Duration.ofSeconds(30));
        links.revoke(new RevokeAccessLinkCommand(f.org, f.admin, sent.link().id()));
        links.unlock(new UnlockDoorCommand(sent.manualUrlIfAny().orElseThrow().secret().reveal(), f.front)); // refused: not subscribed

        WebhookDispatchReport report = links.dispatchWebhooks();

        assertThat(report.delivered()).isEqualTo(3);
        assertThat(receiver.types()).containsExactly("link.sent", "door.unlocked", "link.revoked");
        List<AccessEvent> audit = f.events.all();
        WebhookRequest first = receiver.requests.get(0);
        AccessEvent linkSent = audit.stream().filter(e -> e.type() == AccessEventType.LINK_SENT).findFirst().orElseThrow();
        assertThat(first.id()).isEqualTo(linkSent.id().toString());
        assertThat(first.data()).containsEntry("link", sent.link().id().toString()).containsEntry("organization", "acme");
        assertThat(first.secrets()).containsExactly(created.secret());
        String secret = sent.manualUrlIfAny().orElseThrow().secret().reveal();
        assertThat(receiver.requests.toString()).doesNotContain(secret).doesNotContain("doors.acme.example");
        assertThat(links.webhookDeliveries(f.org, created.endpoint().id(), 10))
            .extracting(WebhookDelivery::status).containsOnly(WebhookDelivery.Status.DELIVERED).hasSize(3);
        assertThat(links.dispatchWebhooks().delivered()).as("each once").isZero();
      }
    }

    @Test
    @DisplayName("an endpoint receives only what happened after it was created")
    void onlyAfterCreation() {
      try (AccessLinks links = build()) {
        f.sendManual(links);
        f.clock.advance(Duration.ofSeconds(1));
        subscribe(links, "link.sent");
        links.dispatchWebhooks();
        assertThat(receiver.requests).isEmpty();
      }
    }

    @Test
    @DisplayName("keeps one link's events in order: a later one waits while an earlier one is retried")
    void inOrderPerLink() {
      try (AccessLinks links = build()) {
        subscribe(links, "link.sent", "link.revoked");
        SentAccessLink sent = f.sendManual(links);
        links.revoke(new RevokeAccessLinkCommand(f.org, f.admin, sent.link().id()));
        receiver.answers.add(WebhookResponse.failed(503, "HTTP 503"));

        WebhookDispatchReport first = links.dispatchWebhooks();
        assertThat(first.retried()).isEqualTo(1);
        assertThat(receiver.types()).containsExactly("link.sent");

        f.clock.advance(Duration.ofMinutes(1));
        links.dispatchWebhooks();
        assertThat(receiver.types()).containsExactly("link.sent", "link.sent", "link.revoked");
        assertThat(receiver.requests.get(1).id()).isEqualTo(receiver.requests.get(0).id());
      }
    }

    @Test
    @DisplayName("a dispatcher that dies between sending and recording: the event is sent again, same id")
    void crashBetweenSendAndAcknowledgement() {
      try (AccessLinks links = build()) {
        subscribe(links, "link.sent");
        f.sendManual(links);
        // a dispatcher claims and sends, then dies before completing its claim
        List<WebhookClaim> claims = f.persistence.webhookOutbox().claimDue(f.clock.instant(), Duration.ofMinutes(1), 10);
        assertThat(claims).hasSize(1);
        String sentId = claims.get(0).event().id().toString();

        assertThat(links.dispatchWebhooks().delivered()).as("leased: not sent twice at once").isZero();
        f.clock.advance(Duration.ofMinutes(2)); // the lease runs out
        assertThat(links.dispatchWebhooks().delivered()).isEqualTo(1);
        assertThat(receiver.requests).extracting(WebhookRequest::id).containsExactly(sentId);
      }
    }

    @Test
    @DisplayName("retries with growing, jittered waits for 24 hours, then disables the endpoint with an audit event")
    void retriesThenDisables() {
      try (AccessLinks links = build()) {
        CreatedWebhookEndpoint created = subscribe(links, "link.sent");
        f.sendManual(links);
        for (int i = 0; i < 200; i++) {
          receiver.answers.add(WebhookResponse.failed(500, "HTTP 500"));
        }
        List<Duration> waits = new ArrayList<>();
        int attempts = 0;
        while (links.webhookEndpoints(f.org).get(0).enabled() && attempts < 100) {
          links.dispatchWebhooks();
          attempts++;
          WebhookDelivery d = links.webhookDeliveries(f.org, created.endpoint().id(), 1).get(0);
          if (d.nextAttemptAt() != null) {
            waits.add(Duration.between(f.clock.instant(), d.nextAttemptAt()));
            f.clock.set(d.nextAttemptAt());
          }
        }
        assertThat(links.webhookEndpoints(f.org).get(0).enabled()).isFalse();
        assertThat(waits.get(1)).isGreaterThan(waits.get(0));
        assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofHours(1)));
        WebhookDelivery failed = links.webhookDeliveries(f.org, created.endpoint().id(), 1).get(0);
        assertThat(failed.status()).isEqualTo(WebhookDelivery.Status.FAILED);
        assertThat(Duration.between(failed.createdAt(), failed.lastAttemptAt())).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(f.events.all()).anySatisfy(e -> {
          assertThat(e.type()).isEqualTo(AccessEventType.WEBHOOK_ENDPOINT_DISABLED);
          assertThat(e.detail()).contains(created.endpoint().id().toString());
        });

        // disabled: new events wait; enabled again: they go
        int before = receiver.requests.size();
        links.dispatchWebhooks();
        assertThat(receiver.requests).hasSize(before);
        receiver.answers.clear();
        links.enableWebhookEndpoint(f.org, created.endpoint().id(), f.admin);
        f.sendManual(links);
        links.dispatchWebhooks();
        assertThat(receiver.requests).hasSize(before + 1);
      }
    }

    @Test
    @DisplayName("link.expired: once, after the window ends; not for a link revoked before")
    void expiry() {
      try (AccessLinks links = build()) {
        subscribe(links, "link.expired");
        links.dispatchWebhooks(); // the first sweep starts the clock
        SentAccessLink ends = links.send(SendAccessLinkCommand.manual(f.org, f.admin, "Ada", f.visitors,
            new ValidityWindow(null, f.clock.instant().plus(Duration.ofHours(1)))));
        SentAccessLink revoked = links.send(SendAccessLinkCommand.manual(f.org, f.admin, "Bob", f.visitors,
            new ValidityWindow(null, f.clock.instant().plus(Duration.ofHours(1)))));
        links.revoke(new RevokeAccessLinkCommand(f.org, f.admin, revoked.link().id()));

        f.clock.advance(Duration.ofMinutes(59));
        links.dispatchWebhooks();
        assertThat(receiver.requests).isEmpty();
        f.clock.advance(Duration.ofMinutes(5));
        links.dispatchWebhooks();
        f.clock.advance(Duration.ofHours(5));
        links.dispatchWebhooks();
        assertThat(receiver.types()).containsExactly("link.expired");
        assertThat(receiver.requests.get(0).data()).containsEntry("link", ends.link().id().toString());
        assertThat(f.events.all()).filteredOn(e -> e.type() == AccessEventType.LINK_EXPIRED).hasSize(1);
      }
    }

    @Test
    @DisplayName("after a rotation, events carry the new and the old secret until the overlap ends")
    void rotation() {
      try (AccessLinks links = build()) {
        CreatedWebhookEndpoint created = subscribe(links, "link.sent");
        CreatedWebhookEndpoint rotated = links.rotateWebhookSecret(f.org, created.endpoint().id(), f.admin);
        assertThat(rotated.secret()).isNotEqualTo(created.secret());
        f.sendManual(links);
        links.dispatchWebhooks();
        assertThat(receiver.requests.get(0).secrets()).containsExactly(rotated.secret(), created.secret());

        f.clock.advance(Duration.ofHours(25));
        f.sendManual(links);
        links.dispatchWebhooks();
        assertThat(receiver.requests.get(1).secrets()).containsExactly(rotated.secret());
      }
    }

    @Test
    @DisplayName("the instance's own webhook dispatcher sends without anyone calling dispatchWebhooks(); close() ends it")
    void ownDispatcher() throws Exception {
      receiver.latch = new CountDownLatch(1);
      AccessLinks links = f.withOrganization(f.builder().webhooks(receiver, sealer)
          .webhookDispatchEvery(Duration.ofMillis(10)).build());
      try (links) {
        subscribe(links, "link.sent");
        f.sendManual(links);
        assertThat(receiver.latch.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("access-links-webhooks"));
      }
      Thread t = Thread.getAllStackTraces().keySet().stream()
          .filter(x -> x.getName().equals("access-links-webhooks")).findFirst().orElse(null);
      if (t != null) {
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
      }
    }

    @Test
    @DisplayName("without webhooks(...) on the builder, the webhook use cases say so")
    void notConfigured() {
      try (AccessLinks links = f.withOrganization(f.builder().build())) {
        assertThatThrownBy(links::dispatchWebhooks).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("webhooks");
      }
    }
  }

  @Test
  @DisplayName("every webhook event type announces an audit event type, and wire names parse back")
  void mapping() {
    for (WebhookEventType t : WebhookEventType.values()) {
      assertThat(WebhookEventType.announcing(t.auditType())).contains(t);
      assertThat(WebhookEventType.parse(t.wireName())).isEqualTo(t);
    }
    assertThat(WebhookEventType.announcing(AccessEventType.QUOTA_LIMITS_CHANGED)).isEmpty();
  }
}
