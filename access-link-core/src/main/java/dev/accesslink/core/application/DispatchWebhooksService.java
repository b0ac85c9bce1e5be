package dev.accesslink.core.application;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.WebhookEventType;
import dev.accesslink.core.domain.WebhookSecret;
import dev.accesslink.core.port.in.DispatchWebhooksUseCase;
import dev.accesslink.core.port.in.WebhookDispatchReport;
import dev.accesslink.core.port.out.SecretSealer;
import dev.accesslink.core.port.out.WebhookOutbox;
import dev.accesslink.core.port.out.WebhookRequest;
import dev.accesslink.core.port.out.WebhookResponse;
import dev.accesslink.core.port.out.WebhookSender;
import dev.accesslink.core.port.out.store.WebhookClaim;
import dev.accesslink.core.port.out.store.WebhookCompletion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The webhook dispatcher's pass: expiries, announcements, then the due deliveries, each signed and
 * sent once and its outcome recorded under its claim. A crash between sending and recording
 * leaves the claim to run out: the delivery is sent again, with the same event id.
 */
final class DispatchWebhooksService implements DispatchWebhooksUseCase {
  /** Announcement batches per pass at most, so that one pass ends. */
  private static final int MAX_ANNOUNCE_BATCHES = 20;
  /** Claim rounds per pass at most. */
  private static final int MAX_CLAIM_ROUNDS = 10;

  private final WebhookOutbox outbox;
  private final WebhookSender sender;
  private final SecretSealer sealer;
  private final WebhookPolicy policy;
  private final Clock clock;
  private final RandomGenerator random;

  DispatchWebhooksService(
      WebhookOutbox outbox, WebhookSender sender, SecretSealer sealer, WebhookPolicy policy, Clock clock,
      RandomGenerator random) {
    this.outbox = outbox;
    this.sender = sender;
    this.sealer = sealer;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public WebhookDispatchReport dispatchWebhooks() {
    Instant now = clock.instant();
    int expired = outbox.recordExpiries(now.minus(policy.expiryDelay()), policy.batchSize());
    int announced = 0;
    for (int i = 0; i < MAX_ANNOUNCE_BATCHES; i++) {
      int n = outbox.announce(policy.batchSize());
      announced += n;
      if (n < policy.batchSize()) {
        break;
      }
    }
    int delivered = 0;
    int retried = 0;
    int failed = 0;
    // a claim takes only the oldest pending delivery of each link per endpoint (order); once it is
    // acknowledged the next one is due at once, so claim again while that makes progress
    for (int round = 0; round < MAX_CLAIM_ROUNDS; round++) {
      int deliveredBefore = delivered;
      List<WebhookClaim> claims = outbox.claimDue(clock.instant(), policy.lease(), policy.batchSize());
      for (WebhookClaim claim : claims) {
        WebhookCompletion c = attempt(claim);
        if (!outbox.complete(claim, c)) {
          continue; // the lease ran out and another dispatcher took it over
        }
        if (c instanceof WebhookCompletion.Delivered) {
          delivered++;
        } else if (c instanceof WebhookCompletion.RetryLater) {
          retried++;
        } else {
          failed++;
        }
      }
      if (claims.isEmpty() || delivered == deliveredBefore) {
        break;
      }
    }
    return new WebhookDispatchReport(expired, announced, delivered, retried, failed);
  }

  private WebhookCompletion attempt(WebhookClaim claim) {
    AccessEvent event = claim.event();
    Optional<WebhookEventType> type = WebhookEventType.announcing(event.type());
    if (type.isEmpty()) { // queued under an older mapping: nothing to send
      return new WebhookCompletion.Delivered(clock.instant(), null);
    }
    WebhookResponse response;
    List<WebhookSecret> secrets = new ArrayList<>();
    try {
      for (String sealed : claim.sealedSecrets()) {
        secrets.add(sealer.open(sealed));
      }
    } catch (RuntimeException e) { // another sealing key than the one the secret was sealed with
      secrets.clear();
    }
    if (secrets.isEmpty()) {
      response = WebhookResponse.failed(null, "the endpoint's secret cannot be opened (another sealing key?)");
    } else {
      try {
        response = sender.send(new WebhookRequest(claim.url(), event.id().toString(), event.at(), type.get(),
            data(event), secrets));
      } catch (RuntimeException e) { // a sender must not throw; if it does, it is one failed attempt
        response = WebhookResponse.failed(null, "sender error: " + e.getClass().getSimpleName());
      }
    }
    Instant at = clock.instant();
    if (response.delivered()) {
      return new WebhookCompletion.Delivered(at, response.statusCode());
    }
    String reason = response.detail().isEmpty() ? "HTTP " + response.statusCode() : response.detail();
    if (!at.isBefore(claim.queuedAt().plus(policy.retryFor()))) {
      AccessEvent disabled = new AccessEvent(UUID.randomUUID(), event.organization(), at,
          AccessEventType.WEBHOOK_ENDPOINT_DISABLED, Actor.system(), null, null,
          "endpoint " + claim.endpoint() + ": " + reason);
      return new WebhookCompletion.GaveUp(at, response.statusCode(), reason, disabled);
    }
    Duration max = policy.backoffAfter(claim.attempt());
    long half = max.toMillis() / 2;
    Duration wait = Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    return new WebhookCompletion.RetryLater(at, response.statusCode(), reason, at.plus(wait));
  }

  /** The event's fields for the body's {@code data}: ids and codes, never a secret. */
  static Map<String, String> data(AccessEvent e) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("organization", e.organization().value());
    e.linkIfAny().ifPresent(l -> data.put("link", l.toString()));
    e.doorIfAny().ifPresent(d -> data.put("door", d.value()));
    data.put("actor_kind", e.actor().kind().name().toLowerCase(java.util.Locale.ROOT));
    data.put("actor", e.actor().name());
    e.detailIfAny().ifPresent(d -> data.put("detail", d));
    return data;
  }
}
