package dev.accesslink.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.IdempotencyKey;
import dev.accesslink.core.domain.IdempotencyKeyReusedException;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.LinkFilter;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.memory.InMemoryAccessEvents;
import dev.accesslink.core.memory.InMemoryAccessLinkPersistence;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
import dev.accesslink.core.port.in.ListAccessLinksQuery;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.SetQuotaLimitsCommand;
import dev.accesslink.core.port.out.ForwardingLinkRecords;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Sends with an idempotency key and an external reference (issue 16, items 4 and 5). */
@DisplayName("Safe retries and external references")
class SafeRetriesSpecTest {
  static final Instant T0 = Fixtures.T0;
  final OrganizationId org = OrganizationId.of("acme");
  final OrganizationId other = OrganizationId.of("globex");
  final AdminId admin = AdminId.of("boss");
  final GroupId visitors = GroupId.of("visitors");

  final MutableClock clock = MutableClock.at(T0);
  final InMemoryAccessEvents events = new InMemoryAccessEvents();
  final InMemoryAccessLinkPersistence persistence = new InMemoryAccessLinkPersistence(events);
  final RecordingLinkNotifier email = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
  final RecordingLinkNotifier sms = new RecordingLinkNotifier(DeliveryChannel.SMS);
  final AtomicInteger purges = new AtomicInteger();
  final AccessLinks links;

  SafeRetriesSpecTest() {
    for (OrganizationId o : List.of(org, other)) {
      persistence.organizations().save(new OrganizationSettings(o, "Org " + o.value(), ZoneId.of("UTC"),
          QuotaLimits.defaults(), URI.create("https://acme.example/l/")));
      persistence.groups().put(new Group(o, visitors, "Visitors", List.of(new Door(DoorId.of("front"), "Front"))));
    }
    links = AccessLinks.builder().persistence(persistence)
        .links(new ForwardingLinkRecords(persistence.links()) {
          @Override
          public int purgeIdempotencyKeys(Instant now) {
            purges.incrementAndGet();
            return super.purgeIdempotencyKeys(now);
          }
        })
        .doors(new RecordingDoorController()).notifier(email).notifier(sms).clock(clock)
        .dispatchEvery(Duration.ZERO).build();
  }

  SendAccessLinkCommand smsTo(String phone) {
    return SendAccessLinkCommand.sms(org, admin, "Ada Lovelace", phone, visitors, ValidityWindow.always());
  }

  List<AccessLink> all(OrganizationId o) {
    return links.list(ListAccessLinksQuery.firstPage(o, 100)).items();
  }

  long sent(OrganizationId o) {
    return events.all().stream()
        .filter(e -> e.type() == AccessEventType.LINK_SENT && e.organization().equals(o)).count();
  }

  @Nested
  @DisplayName("an idempotency key")
  class Keys {
    @Test
    @DisplayName("the same key and request returns the first link and spends nothing: no unit, no message, no row, no event")
    void repeatSpendsNothing() {
      SentAccessLink first = links.send(smsTo("(415) 555-0123").withIdempotencyKey("booking-42"));
      // the same request: the address as typed differs, normalized it is the same
      SentAccessLink again = links.send(smsTo("+14155550123").withIdempotencyKey("booking-42"));

      assertThat(first.repeated()).isFalse();
      assertThat(again.repeated()).isTrue();
      assertThat(again.link().id()).isEqualTo(first.link().id());
      assertThat(again.link().delivery().status()).isEqualTo(first.link().delivery().status());
      assertThat(sms.delivered()).hasSize(1);
      assertThat(links.quotaUsage(org).of(DeliveryChannel.SMS).used()).isEqualTo(1);
      assertThat(all(org)).hasSize(1);
      assertThat(sent(org)).isEqualTo(1);
    }

    @Test
    @DisplayName("a repeat is answered even when the quota is used up, the window has ended or the group is gone")
    void repeatBeforeChecks() {
      links.setQuotaLimits(new SetQuotaLimitsCommand(org, admin, QuotaLimits.defaults().with(DeliveryChannel.SMS, 1)));
      SendAccessLinkCommand command = SendAccessLinkCommand.sms(org, admin, "Ada", "4155550123", visitors,
          ValidityWindow.endingAt(T0.plus(Duration.ofHours(1)))).withIdempotencyKey("k");
      AccessLinkId id = links.send(command).link().id();
      clock.advance(Duration.ofHours(2));
      persistence.groups().remove(org, visitors);

      SentAccessLink again = links.send(command);

      assertThat(again.repeated()).isTrue();
      assertThat(again.link().id()).isEqualTo(id);
      assertThat(sms.delivered()).hasSize(1);
    }

    @Test
    @DisplayName("the same key with a different request is refused with idempotency.key_reused, and nothing changes")
    void differentRequestRefused() {
      links.send(smsTo("4155550123").withIdempotencyKey("k"));
      List<SendAccessLinkCommand> others = List.of(
          smsTo("4155550124").withIdempotencyKey("k"),
          smsTo("4155550123").withExternalRef("B-1").withIdempotencyKey("k"),
          SendAccessLinkCommand.sms(org, admin, "Ada Byron", "4155550123", visitors, ValidityWindow.always())
              .withIdempotencyKey("k"),
          SendAccessLinkCommand.sms(org, AdminId.of("someone-else"), "Ada Lovelace", "4155550123", visitors,
              ValidityWindow.always()).withIdempotencyKey("k"),
          SendAccessLinkCommand.sms(org, admin, "Ada Lovelace", "4155550123", visitors,
              ValidityWindow.endingAt(T0.plus(Duration.ofDays(1)))).withIdempotencyKey("k"),
          SendAccessLinkCommand.manual(org, admin, "Ada Lovelace", visitors, ValidityWindow.always())
              .withIdempotencyKey("k"));
      for (SendAccessLinkCommand c : others) {
        assertThatThrownBy(() -> links.send(c))
            .isInstanceOfSatisfying(IdempotencyKeyReusedException.class,
                e -> assertThat(e.code()).isEqualTo("idempotency.key_reused"))
            .hasMessageNotContaining("k\"").hasMessageNotContaining("4155550123");
      }
      assertThat(all(org)).hasSize(1);
      assertThat(sms.delivered()).hasSize(1);
      assertThat(links.quotaUsage(org).of(DeliveryChannel.SMS).used()).isEqualTo(1);
      assertThat(sent(org)).isEqualTo(1);
    }

    @Test
    @DisplayName("a MANUAL repeat returns the link without its URL: the URL is shown once")
    void manualRepeatHasNoUrl() {
      SendAccessLinkCommand c = SendAccessLinkCommand.manual(org, admin, "Ada", visitors, ValidityWindow.always())
          .withIdempotencyKey("desk-7");
      SentAccessLink first = links.send(c);
      SentAccessLink again = links.send(c);

      assertThat(first.manualUrlIfAny()).isPresent();
      assertThat(again.repeated()).isTrue();
      assertThat(again.manualUrlIfAny()).isEmpty();
      assertThat(again.link().id()).isEqualTo(first.link().id());
      assertThat(links.quotaUsage(org).of(DeliveryChannel.MANUAL).used()).isEqualTo(1);
    }

    @Test
    @DisplayName("keys are per organization")
    void perOrganization() {
      SentAccessLink a = links.send(smsTo("4155550123").withIdempotencyKey("k"));
      SentAccessLink b = links.send(SendAccessLinkCommand.sms(other, admin, "Ada Lovelace", "4155550123", visitors,
          ValidityWindow.always()).withIdempotencyKey("k"));
      assertThat(b.repeated()).isFalse();
      assertThat(b.link().id()).isNotEqualTo(a.link().id());
      assertThat(sms.delivered()).hasSize(2);
    }

    @Test
    @DisplayName("a key is kept 24 hours: a send a moment before is a repeat, from then on a new link")
    void keptTwentyFourHours() {
      SendAccessLinkCommand c = smsTo("4155550123").withIdempotencyKey("k");
      AccessLinkId first = links.send(c).link().id();
      clock.advance(IdempotencyKey.RETENTION.minusMillis(1));
      assertThat(links.send(c).link().id()).isEqualTo(first);

      clock.advance(Duration.ofMillis(1));
      SentAccessLink fresh = links.send(c);
      assertThat(fresh.repeated()).isFalse();
      assertThat(fresh.link().id()).isNotEqualTo(first);
      assertThat(links.send(c).link().id()).as("the key now names the new link").isEqualTo(fresh.link().id());
      assertThat(sms.delivered()).hasSize(2);
    }

    @Test
    @DisplayName("the dispatcher purges the keys past their retention: on its first pass, then once a minute")
    void dispatcherPurges() {
      links.send(smsTo("4155550123").withIdempotencyKey("k"));
      int before = purges.get();
      links.dispatchDue();
      assertThat(purges.get()).isEqualTo(before + 1);
      links.dispatchDue();
      clock.advance(Duration.ofSeconds(59));
      links.dispatchDue();
      assertThat(purges.get()).as("passes within the minute do not purge again").isEqualTo(before + 1);
      clock.advance(Duration.ofSeconds(1));
      links.dispatchDue();
      assertThat(purges.get()).isEqualTo(before + 2);
      clock.advance(IdempotencyKey.RETENTION);
      assertThat(persistence.links().purgeIdempotencyKeys(clock.instant())).isEqualTo(1);
    }

    @Test
    @DisplayName("sixteen identical sends racing create one link and send one message")
    void race() throws Exception {
      int threads = 16;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<SentAccessLink>> futures = new ArrayList<>();
      try {
        for (int i = 0; i < threads; i++) {
          futures.add(pool.submit(() -> {
            start.await();
            return links.send(smsTo("4155550123").withIdempotencyKey("race"));
          }));
        }
        start.countDown();
        List<SentAccessLink> results = new ArrayList<>();
        for (Future<SentAccessLink> f : futures) {
          results.add(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(results.stream().map(r -> r.link().id()).distinct()).hasSize(1);
        assertThat(results.stream().filter(r -> !r.repeated())).hasSize(1);
      } finally {
        pool.shutdownNow();
      }
      assertThat(all(org)).hasSize(1);
      assertThat(sms.delivered()).hasSize(1);
      assertThat(links.quotaUsage(org).of(DeliveryChannel.SMS).used()).isEqualTo(1);
    }

    @Test
    @DisplayName("a key is 1 to 100 printable ASCII characters, no space at either end; anything else is a typed error")
    void badKeys() {
      assertThat(IdempotencyKey.of("a b~!").value()).isEqualTo("a b~!");
      assertThat(IdempotencyKey.of("x".repeat(100)).value()).hasSize(100);
      assertThatThrownBy(() -> IdempotencyKey.of("")).hasFieldOrPropertyWithValue("code", "idempotency.key.blank");
      assertThatThrownBy(() -> IdempotencyKey.of("x".repeat(101)))
          .hasFieldOrPropertyWithValue("code", "idempotency.key.too_long");
      for (String bad : List.of("caf\u00e9", "a\nb", "tab\there", " lead", "trail ", "\u0000", "\u007f")) {
        assertThatThrownBy(() -> IdempotencyKey.of(bad)).as(bad).isInstanceOf(InvalidInputException.class)
            .hasFieldOrPropertyWithValue("code", "idempotency.key.invalid_characters");
      }
      assertThat(sent(org)).isZero();
    }
  }

  @Nested
  @DisplayName("an external reference")
  class ExternalRefs {
    @Test
    @DisplayName("is stored trimmed, shown on the link, and found by exact match in the list")
    void shownAndFiltered() {
      AccessLink a = links.send(smsTo("4155550123").withExternalRef("  BK-1001 ")).link();
      links.send(smsTo("4155550124").withExternalRef("BK-10011"));
      links.send(smsTo("4155550125").withExternalRef("bk-1001"));
      links.send(smsTo("4155550126"));
      links.send(SendAccessLinkCommand.sms(other, admin, "Ada", "4155550127", visitors, ValidityWindow.always())
          .withExternalRef("BK-1001"));

      assertThat(a.externalRef()).isEqualTo("BK-1001");
      assertThat(links.getLink(org, a.id()).externalRefIfAny()).contains("BK-1001");
      List<AccessLink> found = links.list(new ListAccessLinksQuery(org, LinkFilter.byExternalRef(" BK-1001"), null, 10))
          .items();
      assertThat(found).extracting(AccessLink::id).containsExactly(a.id());
      assertThat(links.list(new ListAccessLinksQuery(org, LinkFilter.byExternalRef("none"), null, 10)).items()).isEmpty();
      assertThat(all(org)).hasSize(4);
    }

    @Test
    @DisplayName("blank means none; too long, control, bidi, invisible or broken text is a typed error and nothing is sent")
    void validated() {
      assertThat(smsTo("4155550123").withExternalRef("   ").externalRef()).isNull();
      assertThat(smsTo("4155550123").withExternalRef("\uD83D\uDE00".repeat(100)).externalRef()).isNotNull();
      List<List<String>> bad = List.of(
          List.of("x".repeat(101), "external_ref.too_long"),
          List.of("a\nb", "external_ref.control_characters"),
          List.of("a\u2028b", "external_ref.control_characters"),
          List.of("a\u202Eb", "external_ref.bidi_controls"),
          List.of("\u200B\u200B", "external_ref.invisible"),
          List.of("a\uD83D", "external_ref.unpaired_surrogate"));
      for (List<String> b : bad) {
        assertThatThrownBy(() -> links.send(smsTo("4155550123").withExternalRef(b.get(0))))
            .as(b.get(1)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
              assertThat(e.code()).isEqualTo(b.get(1));
              assertThat(e.field()).isEqualTo("externalRef");
            });
        assertThatThrownBy(() -> LinkFilter.byExternalRef(b.get(0))).hasFieldOrPropertyWithValue("code", b.get(1));
      }
      assertThat(sms.delivered()).isEmpty();
      assertThat(events.all()).extracting(AccessEvent::type).doesNotContain(AccessEventType.LINK_SENT);
    }
  }
}
