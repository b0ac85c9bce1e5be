package dev.accesslink.jdbc;

import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.AccessEventType;
import dev.accesslink.core.domain.Actor;
import dev.accesslink.core.domain.WebhookDelivery;
import dev.accesslink.core.domain.WebhookEndpoint;
import dev.accesslink.core.domain.WebhookEndpointId;
import dev.accesslink.core.domain.WebhookEventType;
import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.DeliveryPolicy;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.LinkPolicy;
import dev.accesslink.core.domain.LinkRules;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.LinkUsage;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaExhaustedException;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.Revocation;
import dev.accesslink.core.domain.SecretHash;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.out.store.DeliveryClaim;
import dev.accesslink.core.port.out.store.DeliveryCompletion;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.QuotaKey;
import dev.accesslink.core.port.out.store.UseTake;
import dev.accesslink.testkit.Fixtures;
import dev.accesslink.testkit.MutableClock;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What this adapter promises beyond the port contracts, on one database: migrations, quota races
 * between two application instances (two pools), dispatchers on two pools, no secret at rest,
 * atomic failure, and the directory's editing API. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcPersistenceTests {
  private static final int THREADS_PER_POOL = 16;
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  private TestDatabase db;

  abstract TestDatabase.Kind kind();

  @BeforeAll
  void createDatabase() {
    db = TestDatabase.create(kind());
  }

  @AfterAll
  void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  // ---------------------------------------------------------------- migrations

  /**
   * The number of versioned scripts the module ships for this database (the shared ones, and on
   * MariaDB its own), so a new migration needs no edit here.
   */
  private int migrationScripts() throws Exception {
    int n = scriptsIn("/db/accesslink/migration");
    assertThat(n).as("versioned migration scripts").isGreaterThanOrEqualTo(5);
    return kind() == TestDatabase.Kind.MARIADB ? n + scriptsIn("/db/accesslink/vendor/mariadb") : n;
  }

  private static int scriptsIn(String location) throws Exception {
    java.net.URL dir = JdbcAccessLinkPersistence.class.getResource(location);
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of(dir.toURI()))) {
      return (int) files.filter(f -> f.getFileName().toString().matches("V[0-9_]+__.+\\.sql")).count();
    }
  }

  @Test
  @DisplayName("migrations run from empty, and a second run changes nothing")
  void migrationsFromEmptyAndTwice() throws Exception {
    try (TestDatabase empty = TestDatabase.create(kind())) {
      JdbcAccessLinkPersistence p =
          JdbcAccessLinkPersistence.create(empty.pool(2), JdbcSettings.builder().migrateOnCreate(false).build());
      assertThat(empty.tables()).isEmpty();

      assertThat(p.migrate()).isEqualTo(migrationScripts());
      Map<String, List<String>> schema = schemaOf(empty);
      assertThat(schema.keySet()).contains("al_delivery_attempt", "al_quota_spent");
      assertThat(schema.keySet()).contains("al_link", "al_quota_stripe", "al_group", "al_door", "al_group_door",
          "al_organization", "al_event", "al_unlock_intent", "al_idempotency_key", "al_webhook_endpoint",
          "al_webhook_subscription", "al_webhook_delivery", "al_webhook_cursor",
          JdbcAccessLinkPersistence.SCHEMA_HISTORY_TABLE);

      assertThat(p.migrate()).isZero();
      assertThat(JdbcAccessLinkPersistence.create(empty.pool(2)).migrate()).isZero();
      assertThat(schemaOf(empty)).isEqualTo(schema);
    }
  }

  @Test
  @DisplayName("links and organizations stored before version 8 read as English, without a sender's name")
  void upgradeKeepsOldRows() throws Exception {
    try (TestDatabase old = TestDatabase.create(kind())) {
      JdbcAccessLinkPersistence p = atVersion3(old.pool(2));
      try (Connection c = old.inspector().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO al_organization (id, display_name, zone_id, email_limit, sms_limit,"
            + " manual_limit, link_base_url) VALUES ('old-org', 'Old HQ', 'UTC', 10, 10, 10, 'https://old.example/l/')");
        s.executeUpdate("INSERT INTO al_link (id, organization, channel, recipient_name, group_id, issued_by,"
            + " created_at, quota_month, quota_held, delivery_status, attempts) VALUES"
            + " ('0190a4e0-0000-7000-8000-000000000001', 'old-org', 'MANUAL', 'Ada', 'visitors', 'boss',"
            + " 0, 0, 1, 'NOT_REQUIRED', 0)");
      }

      assertThat(p.migrate()).isEqualTo(migrationScripts() - 3);

      OrganizationId oldOrg = OrganizationId.of("old-org");
      assertThat(p.organizations().find(oldOrg).orElseThrow().defaultLanguage()).isEqualTo(Language.ENGLISH);
      AccessLink link = p.links().findById(oldOrg,
          AccessLinkId.parse("0190a4e0-0000-7000-8000-000000000001")).orElseThrow();
      assertThat(link.issuerNameIfAny()).isEmpty();
      assertThat(link.language()).isEqualTo(Language.ENGLISH);
    }
  }

  private static Map<String, List<String>> schemaOf(TestDatabase d) throws Exception {
    Map<String, List<String>> schema = new TreeMap<>();
    try (Connection c = d.inspector().getConnection(); Statement s = c.createStatement()) {
      for (String table : d.tables()) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + d.quote(table) + " WHERE 1 = 0")) {
          ResultSetMetaData m = rs.getMetaData();
          List<String> columns = new ArrayList<>();
          for (int i = 1; i <= m.getColumnCount(); i++) {
            columns.add(m.getColumnName(i).toLowerCase() + " " + m.getColumnTypeName(i) + " " + m.isNullable(i));
          }
          schema.put(table.toLowerCase(), columns);
        }
      }
    }
    return schema;
  }

  // ---------------------------------------------------------------- quota races

  @Test
  @DisplayName("EMAIL: two instances racing for the last slots admit exactly the free number, ended windows included")
  void emailRaceAcrossInstancesReclaimsEndedWindows() throws Exception {
    OrganizationId org = Fixtures.newOrganization();
    StoreUnderTest one = StoreUnderTest.of(db.persistence());
    StoreUnderTest two = StoreUnderTest.of(db.secondPersistence());
    long limit = 10;
    for (int i = 0; i < 10; i++) {
      ValidityWindow window = i < 4 ? ValidityWindow.endingAt(T0.plus(Duration.ofHours(1))) : ValidityWindow.always();
      AccessLink l = Fixtures.link(org, DeliveryChannel.EMAIL, window, T0);
      assertThat(one.insert(Fixtures.newLink(l, Fixtures.reservation(l, limit, T0)))).isInstanceOf(InsertOutcome.Inserted.class);
    }
    Instant later = T0.plus(Duration.ofHours(2));
    QuotaKey key = QuotaKey.live(org, DeliveryChannel.EMAIL);
    assertThat(one.quotaUsed(key, later)).as("ended windows no longer count").isEqualTo(6);

    int admitted = race(i -> {
      StoreUnderTest s = i % 2 == 0 ? one : two;
      AccessLink l = Fixtures.link(org, DeliveryChannel.EMAIL, ValidityWindow.always(), later);
      return s.insert(Fixtures.newLink(l, Fixtures.reservation(l, limit, later))) instanceof InsertOutcome.Inserted;
    });

    assertThat(admitted).isEqualTo(4);
    assertThat(one.quotaUsed(key, later)).isEqualTo(limit);
    assertThat(two.quotaUsed(key, later)).isEqualTo(limit);
  }

  @Test
  @DisplayName("SMS: two instances racing at the month's end in the organization's zone admit exactly the free number")
  void smsRaceAcrossInstancesAtMonthBoundary() throws Exception {
    OrganizationId org = Fixtures.newOrganization();
    db.persistence().organizations().save(new OrganizationSettings(org, "Acme LA", LOS_ANGELES,
        new QuotaLimits(1000, 10, QuotaLimits.UNLIMITED), URI.create("https://links.example.com/l")));
    db.persistence().groups().save(Fixtures.group(org, "visitors", "Visitors", "front"));
    // 23:59 on 31 March in Los Angeles is already 1 April in UTC: still March for the quota.
    Instant marchEnd = ZonedDateTime.of(2026, 3, 31, 23, 59, 0, 0, LOS_ANGELES).toInstant();
    Instant aprilStart = ZonedDateTime.of(2026, 4, 1, 0, 0, 0, 0, LOS_ANGELES).toInstant();
    MutableClock clock = MutableClock.at(marchEnd);
    AccessLinks one = library(db.persistence(), clock, new RecordingLinkNotifier(DeliveryChannel.SMS));
    AccessLinks two = library(db.secondPersistence(), clock, new RecordingLinkNotifier(DeliveryChannel.SMS));
    for (int i = 0; i < 7; i++) {
      one.send(sms(org, i));
    }

    Function<Integer, Boolean> send = i -> {
      try {
        (i % 2 == 0 ? one : two).send(sms(org, i));
        return true;
      } catch (QuotaExhaustedException e) {
        return false;
      }
    };
    assertThat(race(send::apply)).isEqualTo(3);
    assertThat(StoreUnderTest.of(db.persistence()).quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 3)), marchEnd))
        .isEqualTo(10);

    clock.set(aprilStart);
    assertThat(race(send::apply)).as("a new month in Los Angeles starts from zero").isEqualTo(10);
    assertThat(StoreUnderTest.of(db.persistence()).quotaUsed(QuotaKey.monthly(org, DeliveryChannel.SMS, YearMonth.of(2026, 4)), aprilStart))
        .isEqualTo(10);
  }

  @Test
  @DisplayName("the first sends of a fresh organization, racing on two instances before its counter exists, are all admitted")
  void firstSendsOfAFreshOrganizationAreAllAdmitted() throws Exception {
    StoreUnderTest one = StoreUnderTest.of(db.persistence());
    StoreUnderTest two = StoreUnderTest.of(db.secondPersistence());
    long limit = 1000; // more than the racing threads: nobody may be refused
    for (int round = 0; round < 6; round++) {
      OrganizationId org = Fixtures.newOrganization();
      DeliveryChannel channel = round % 2 == 0 ? DeliveryChannel.EMAIL : DeliveryChannel.SMS;
      List<InsertOutcome> refusals = Collections.synchronizedList(new ArrayList<>());
      int admitted = race(i -> {
        AccessLink l = Fixtures.link(org, channel, ValidityWindow.always(), T0);
        InsertOutcome out = (i % 2 == 0 ? one : two).insert(Fixtures.newLink(l, Fixtures.reservation(l, limit, T0)));
        if (!(out instanceof InsertOutcome.Inserted)) {
          refusals.add(out);
        }
        return out instanceof InsertOutcome.Inserted;
      });
      assertThat(refusals).as("round %d (%s)", round, channel).isEmpty();
      assertThat(admitted).isEqualTo(THREADS_PER_POOL * 2);
      AccessLink probe = Fixtures.link(org, channel, ValidityWindow.always(), T0);
      assertThat(two.quotaUsed(Fixtures.reservation(probe, limit, T0).key(), T0)).isEqualTo(THREADS_PER_POOL * 2);
    }
  }

  @Test
  @DisplayName("unlimited inserts leave the counter alone; a limit set later is exact on two instances, also after a mix")
  void unlimitedInsertsThenALimit() throws Exception {
    StoreUnderTest one = StoreUnderTest.of(db.persistence());
    StoreUnderTest two = StoreUnderTest.of(db.secondPersistence());
    for (DeliveryChannel channel : List.of(DeliveryChannel.EMAIL, DeliveryChannel.SMS)) {
      OrganizationId org = Fixtures.newOrganization();
      QuotaKey key = Fixtures.reservation(Fixtures.link(org, channel, ValidityWindow.always(), T0), 1, T0).key();
      int threads = THREADS_PER_POOL * 2;

      List<AccessLinkId> unlimited = Collections.synchronizedList(new ArrayList<>());
      assertThat(insertRace(one, two, org, channel, i -> QuotaLimits.UNLIMITED, unlimited)).isEqualTo(threads);
      assertThat(counterRow(org, channel)).as("%s: not kept while unlimited", channel).isEqualTo(QuotaStripes.NOT_KEPT);
      assertThat(two.quotaUsed(key, T0)).isEqualTo(threads);
      // revoking gives a live-links unit back (not a monthly one), also while the counter is not kept
      for (AccessLinkId id : unlimited.subList(0, 3)) {
        one.revoke(org, id, Revocation.byAdministrator(Fixtures.admin(), T0));
      }
      long held = channel == DeliveryChannel.EMAIL ? threads - 3 : threads;
      assertThat(heldUnits(org, channel)).isEqualTo(held);
      assertThat(one.quotaUsed(key, T0)).isEqualTo(held);

      // a limit is set: the first limited inserts rebuild the counter, and exactly the free units are taken
      long limit = held + 5;
      assertThat(insertRace(one, two, org, channel, i -> limit, new ArrayList<>())).as(channel.name()).isEqualTo(5);
      assertThat(counterRow(org, channel)).isEqualTo(limit);
      assertThat(heldUnits(org, channel)).isEqualTo(limit);

      // a mix: one instance still thinks the quota is unlimited, the other has a limit (a few rounds:
      // the interleavings differ from round to round)
      long before = limit;
      for (int round = 0; round < 3; round++) {
        long mixedLimit = before + 8;
        int admitted = insertRace(one, two, org, channel, i -> i % 2 == 0 ? QuotaLimits.UNLIMITED : mixedLimit,
            new ArrayList<>());
        assertThat(admitted).isBetween(threads / 2, threads / 2 + 8);
        long afterMix = heldUnits(org, channel);
        assertThat(afterMix).isEqualTo(before + admitted);
        assertThat(one.quotaUsed(key, T0)).isEqualTo(afterMix);

        // and then the limited race for the last units is exact again
        assertThat(insertRace(one, two, org, channel, i -> afterMix + 3, new ArrayList<>()))
            .as("%s round %d", channel, round).isEqualTo(3);
        assertThat(counterRow(org, channel)).isEqualTo(afterMix + 3);
        assertThat(heldUnits(org, channel)).isEqualTo(afterMix + 3);
        before = afterMix + 3;
      }
    }
  }

  /** Every racer inserts one link of {@code channel} at T0 with the limit {@code limitOf(i)}. */
  private static int insertRace(StoreUnderTest one, StoreUnderTest two, OrganizationId org, DeliveryChannel channel,
      Function<Integer, Long> limitOf, List<AccessLinkId> inserted) throws Exception {
    return race(i -> {
      AccessLink l = Fixtures.link(org, channel, ValidityWindow.always(), T0);
      boolean ok = (i % 2 == 0 ? one : two).insert(Fixtures.newLink(l, Fixtures.reservation(l, limitOf.apply(i), T0)))
          instanceof InsertOutcome.Inserted;
      if (ok) {
        inserted.add(l.id());
      }
      return ok;
    });
  }

  private long counterRow(OrganizationId org, DeliveryChannel channel) throws Exception {
    return single("SELECT used FROM al_quota_counter WHERE organization = ? AND channel = ?", org, channel);
  }

  private long heldUnits(OrganizationId org, DeliveryChannel channel) throws Exception {
    return single("SELECT COUNT(*) FROM al_link WHERE organization = ? AND channel = ? AND quota_held = 1", org, channel);
  }

  private long single(String sql, OrganizationId org, DeliveryChannel channel) throws Exception {
    try (Connection c = db.inspector().getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, org.value());
      p.setString(2, channel.name());
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).as(sql).isTrue();
        long value = rs.getLong(1);
        assertThat(rs.next()).as(sql).isFalse();
        return value;
      }
    }
  }

  private static SendAccessLinkCommand sms(OrganizationId org, int i) {
    return SendAccessLinkCommand.sms(org, Fixtures.admin(), "Visitor " + i, "+1 415 555 " + (1000 + i),
        GroupId.of("visitors"), ValidityWindow.always());
  }

  /** Runs {@code THREADS_PER_POOL * 2} calls at once; returns how many returned true. */
  private static int race(Function<Integer, Boolean> call) throws Exception {
    int threads = THREADS_PER_POOL * 2;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger yes = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int i = t;
        futures.add(pool.submit((Callable<Void>) () -> {
          start.await();
          if (call.apply(i)) {
            yes.incrementAndGet();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return yes.get();
  }

  private static AccessLinks library(JdbcAccessLinkPersistence p, MutableClock clock, RecordingLinkNotifier notifier) {
    return AccessLinks.builder()
        .persistence(p)
        .doors(new RecordingDoorController())
        .notifier(notifier)
        .clock(clock)
        .dispatchEvery(Duration.ZERO) // the tests dispatch by hand
        .build();
  }

  // ---------------------------------------------------------------- striped quota counters

  @Test
  @DisplayName("striped counter: two instances racing admit exactly the free units, from empty stripes and from partly full ones")
  void stripedRaceFromEmptyAndPartlyFullStripes() throws Exception {
    StoreUnderTest one = StoreUnderTest.of(db.persistence());
    StoreUnderTest two = StoreUnderTest.of(db.secondPersistence());
    for (DeliveryChannel channel : List.of(DeliveryChannel.EMAIL, DeliveryChannel.SMS)) {
      OrganizationId org = Fixtures.newOrganization();
      long limit = 40;
      Race first = raceAt(one, two, org, channel, limit, T0, i -> ValidityWindow.always());
      assertThat(first.inserted()).as("%s: fresh counter", channel).hasSize(32);
      assertExact(org, channel, 32);

      Race second = raceAt(one, two, org, channel, limit, T0, i -> ValidityWindow.always());
      assertThat(second.inserted()).as("%s: partly full stripes", channel).hasSize(8);
      assertThat(second.refused()).hasSize(24).allMatch(r -> r.equals(new InsertOutcome.QuotaExhausted(limit, limit)));
      assertExact(org, channel, limit);
      assertThat(stripeRows(org, channel)).hasSize(JdbcSettings.DEFAULT_QUOTA_STRIPES);

      assertThat(raceAt(one, two, org, channel, limit, T0, i -> ValidityWindow.always()).inserted()).isEmpty();
      assertExact(org, channel, limit);
    }
  }

  @Test
  @DisplayName("striped counter: a limit lowered below the use admits nothing until releases bring the use under it")
  void stripedLoweredLimit() throws Exception {
    StoreUnderTest one = StoreUnderTest.of(db.persistence());
    StoreUnderTest two = StoreUnderTest.of(db.secondPersistence());
    OrganizationId org = Fixtures.newOrganization();
    DeliveryChannel channel = DeliveryChannel.EMAIL;
    List<AccessLinkId> held = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      AccessLink l = Fixtures.link(org, channel, ValidityWindow.always(), T0);
      assertThat((i % 2 == 0 ? one : two).insert(Fixtures.newLink(l, Fixtures.reservation(l, 30, T0))))
          .isInstanceOf(InsertOutcome.Inserted.class);
      held.add(l.id());
    }
    // the stripes have room for 20 more under the limit of 30, but only 2 under the new limit of 12
    Race underTwelve = raceAt(one, two, org, channel, 12, T0, i -> ValidityWindow.always());
    assertThat(underTwelve.inserted()).hasSize(2);
    assertThat(underTwelve.refused()).hasSize(30).allMatch(r -> r.equals(new InsertOutcome.QuotaExhausted(12, 12)));
    assertExact(org, channel, 12);
    held.addAll(underTwelve.inserted());

    held.addAll(raceAt(one, two, org, channel, 30, T0, i -> ValidityWindow.always()).inserted());
    assertThat(held).hasSize(30);

    Race lowered = raceAt(one, two, org, channel, 20, T0, i -> ValidityWindow.always());
    assertThat(lowered.inserted()).isEmpty();
    assertThat(lowered.refused()).hasSize(32).allMatch(r -> r.equals(new InsertOutcome.QuotaExhausted(30, 20)));

    revoke(one, org, held, 8);
    assertThat(raceAt(one, two, org, channel, 20, T0, i -> ValidityWindow.always()).refused())
        .as("22 held, limit 20").hasSize(32).allMatch(r -> r.equals(new InsertOutcome.QuotaExhausted(22, 20)));
    assertExact(org, channel, 22);

    revoke(two, org, held, 5);
    assertThat(raceAt(one, two, org, channel, 20, T0, i -> ValidityWindow.always()).inserted()).as("17 held").hasSize(3);
    assertExact(org, channel, 20);
  }

  @Test
  @DisplayName("striped counter: the units of a raised limit are usable at once, and exactly them")
  void stripedRaisedLimit() throws Exception {
    StoreUnderTest one = StoreUnderTest.of(db.persistence());
    StoreUnderTest two = StoreUnderTest.of(db.secondPersistence());
    OrganizationId org = Fixtures.newOrganization();
    DeliveryChannel channel = DeliveryChannel.MANUAL;
    assertThat(raceAt(one, two, org, channel, 10, T0, i -> ValidityWindow.always()).inserted()).hasSize(10);
    assertExact(org, channel, 10);

    assertThat(raceAt(one, two, org, channel, 30, T0, i -> ValidityWindow.always()).inserted()).hasSize(20);
    assertExact(org, channel, 30);
    assertThat(raceAt(one, two, org, channel, 30, T0, i -> ValidityWindow.always()).inserted()).isEmpty();
  }

  @Test
  @DisplayName("striped counter: units given back by revoke and by failed deliveries are taken again, exactly")
  void stripedReleaseThenTakeAgain() throws Exception {
    StoreUnderTest one = StoreUnderTest.of(db.persistence());
    StoreUnderTest two = StoreUnderTest.of(db.secondPersistence());
    for (DeliveryChannel channel : List.of(DeliveryChannel.EMAIL, DeliveryChannel.SMS)) {
      OrganizationId org = Fixtures.newOrganization();
      long limit = 12;
      List<AccessLinkId> ids = new ArrayList<>();
      List<DeliveryClaim> claims = new ArrayList<>();
      for (int i = 0; i < limit; i++) {
        AccessLink l = Fixtures.link(org, channel, ValidityWindow.always(), T0);
        DeliveryClaim claim = Fixtures.initialClaim(l, Duration.ofMinutes(1));
        assertThat((i % 2 == 0 ? one : two).insert(new NewAccessLink(l, Fixtures.reservation(l, limit, T0), null, claim)))
            .isInstanceOf(InsertOutcome.Inserted.class);
        ids.add(l.id());
        claims.add(claim);
      }
      assertThat(raceAt(one, two, org, channel, limit, T0, i -> ValidityWindow.always()).inserted()).isEmpty();

      // revoking gives back a live-links unit only; a failed delivery gives back either
      revoke(one, org, ids.subList(0, 3), 3);
      for (DeliveryClaim claim : claims.subList(3, 5)) {
        assertThat(Fixtures.complete(two, claim, new DeliveryCompletion.Failed(T0, "bounced"))).isTrue();
      }
      long free = channel == DeliveryChannel.EMAIL ? 5 : 2;
      assertThat(raceAt(one, two, org, channel, limit, T0, i -> ValidityWindow.always()).inserted())
          .as(channel.name()).hasSize((int) free);
      assertExact(org, channel, limit);
    }
  }

  @Test
  @DisplayName("striped counter: units of ended windows spread over the stripes are reclaimed, exactly")
  void stripedReclaimOfEndedWindows() throws Exception {
    StoreUnderTest one = StoreUnderTest.of(db.persistence());
    StoreUnderTest two = StoreUnderTest.of(db.secondPersistence());
    OrganizationId org = Fixtures.newOrganization();
    DeliveryChannel channel = DeliveryChannel.EMAIL;
    ValidityWindow endsSoon = ValidityWindow.endingAt(T0.plus(Duration.ofHours(1)));
    assertThat(raceAt(one, two, org, channel, 32, T0, i -> i % 2 == 0 ? endsSoon : ValidityWindow.always()).inserted())
        .hasSize(32);
    assertThat(stripeRows(org, channel).stream().filter(s -> s.used() > 0).count()).as("units on several stripes")
        .isGreaterThan(1);

    Instant later = T0.plus(Duration.ofHours(2));
    assertThat(raceAt(one, two, org, channel, 32, later, i -> ValidityWindow.always()).inserted()).hasSize(16);
    assertThat(two.quotaUsed(QuotaKey.live(org, channel), later)).isEqualTo(32);
    assertExact(org, channel, 32);
  }

  @Test
  @DisplayName("striped counter: a counter not kept under unlimited inserts is rebuilt on every stripe when a limit comes")
  void stripedRebuildOfACounterNotKept() throws Exception {
    StoreUnderTest one = StoreUnderTest.of(db.persistence());
    StoreUnderTest two = StoreUnderTest.of(db.secondPersistence());
    OrganizationId org = Fixtures.newOrganization();
    DeliveryChannel channel = DeliveryChannel.SMS;
    raceUnlimited(one, two, org, channel);
    // PostgreSQL spreads the shared locks of unlimited inserts over every stripe (a row share-locked
    // by several transactions becomes a MultiXact there); MariaDB and H2 need stripe 0 only
    int unlimitedStripes = kind() == TestDatabase.Kind.POSTGRESQL ? JdbcSettings.DEFAULT_QUOTA_STRIPES : 1;
    assertThat(stripeRows(org, channel)).as("an unlimited counter, not kept on every stripe")
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, unlimitedStripes)
            .mapToObj(s -> new StripeRow(s, QuotaStripes.NOT_KEPT, 0, -1)).toList());

    assertThat(raceAt(one, two, org, channel, 40, T0, i -> ValidityWindow.always()).inserted()).hasSize(8);
    assertThat(stripeRows(org, channel)).hasSize(JdbcSettings.DEFAULT_QUOTA_STRIPES);
    assertExact(org, channel, 40);
    assertThat(one.quotaUsed(Fixtures.reservation(Fixtures.link(org, channel, ValidityWindow.always(), T0), 40, T0).key(), T0))
        .isEqualTo(40);
  }

  @Test
  @DisplayName("striped counter: an unlimited counter with stripe 0 only (as earlier versions left it) takes unlimited inserts as it is, and a limit set later is exact")
  void unlimitedCounterWithStripe0Only() throws Exception {
    StoreUnderTest one = StoreUnderTest.of(db.persistence());
    StoreUnderTest two = StoreUnderTest.of(db.secondPersistence());
    OrganizationId org = Fixtures.newOrganization();
    DeliveryChannel channel = DeliveryChannel.EMAIL;
    raceUnlimited(one, two, org, channel);
    try (Connection c = db.inspector().getConnection(); PreparedStatement p = c.prepareStatement(
        "DELETE FROM al_quota_stripe WHERE organization = ? AND channel = ? AND stripe > 0")) {
      p.setString(1, org.value());
      p.setString(2, channel.name());
      p.executeUpdate();
    }

    raceUnlimited(one, two, org, channel);
    assertThat(stripeRows(org, channel)).as("taken as it is: stripe 0 shared, no other stripe created")
        .containsExactly(new StripeRow(0, QuotaStripes.NOT_KEPT, 0, -1));
    assertThat(raceAt(one, two, org, channel, 70, T0, i -> ValidityWindow.always()).inserted()).hasSize(6);
    assertExact(org, channel, 70);
  }

  @Test
  @DisplayName("one stripe is one counter row, as before striping; instances with 1 and 16 stripes share a counter exactly")
  void oneStripeAndMixedStripeCounts() throws Exception {
    db.persistence();
    StoreUnderTest single1 = instance(1);
    StoreUnderTest single2 = instance(1);
    OrganizationId org = Fixtures.newOrganization();
    DeliveryChannel channel = DeliveryChannel.EMAIL;
    List<AccessLinkId> held = new ArrayList<>(raceAt(single1, single2, org, channel, 20, T0, i -> ValidityWindow.always())
        .inserted());
    assertThat(held).hasSize(20);
    assertThat(stripeRows(org, channel)).containsExactly(new StripeRow(0, 20, 20, 20));
    revoke(single1, org, held, 2);
    assertThat(raceAt(single1, single2, org, channel, 20, T0, i -> ValidityWindow.always()).inserted()).hasSize(2);
    assertThat(stripeRows(org, channel)).containsExactly(new StripeRow(0, 20, 20, 20));

    // another instance with 16 stripes joins: same counter, still exact
    StoreUnderTest striped = StoreUnderTest.of(db.persistence());
    assertThat(raceAt(single1, striped, org, channel, 45, T0, i -> ValidityWindow.always()).inserted()).hasSize(25);
    assertExact(org, channel, 45);
    revoke(striped, org, held, 10);
    assertThat(raceAt(striped, single2, org, channel, 45, T0, i -> ValidityWindow.always()).inserted()).hasSize(10);
    assertExact(org, channel, 45);
  }

  @Test
  @DisplayName("a database with version-1 counters upgraded to striped counters keeps its quotas exact")
  void upgradeFromOneCounterRowKeepsQuotasExact() throws Exception {
    try (TestDatabase old = TestDatabase.create(kind())) {
      HikariDataSource pool = old.pool(6);
      JdbcAccessLinkPersistence probe =
          JdbcAccessLinkPersistence.create(pool, JdbcSettings.builder().migrateOnCreate(false).build());
      org.flywaydb.core.Flyway.configure()
          .dataSource(pool)
          .locations(JdbcAccessLinkPersistence.MIGRATION_LOCATION)
          .table(JdbcAccessLinkPersistence.SCHEMA_HISTORY_TABLE)
          .placeholders(probe.migrationPlaceholders())
          .target("1")
          .load()
          .migrate();
      // what version 1 left: a kept EMAIL counter (3 units held, a revoked link holding none) and a
      // monthly SMS counter that is not kept (4 units held)
      OrganizationId kept = Fixtures.newOrganization();
      OrganizationId notKept = Fixtures.newOrganization();
      try (Connection c = pool.getConnection()) {
        for (int i = 0; i < 4; i++) {
          insertV1Link(c, kept, DeliveryChannel.EMAIL, 0, i < 3 ? 1 : 0);
          insertV1Link(c, notKept, DeliveryChannel.SMS, 202603, 1);
        }
        insertV1Counter(c, kept, DeliveryChannel.EMAIL, 0, 3);
        insertV1Counter(c, notKept, DeliveryChannel.SMS, 202603, QuotaStripes.NOT_KEPT);
      }

      assertThat(JdbcAccessLinkPersistence.create(pool).migrate()).as("already migrated by create").isZero();
      StoreUnderTest one = StoreUnderTest.of(JdbcAccessLinkPersistence.create(pool, JdbcSettings.builder().migrateOnCreate(false).build()));
      StoreUnderTest two = StoreUnderTest.of(JdbcAccessLinkPersistence.create(old.pool(6), JdbcSettings.builder().migrateOnCreate(false).build()));
      QuotaKey emailKey = QuotaKey.live(kept, DeliveryChannel.EMAIL);
      QuotaKey smsKey = QuotaKey.monthly(notKept, DeliveryChannel.SMS, YearMonth.of(2026, 3));
      assertThat(one.quotaUsed(emailKey, T0)).isEqualTo(3);
      assertThat(one.quotaUsed(smsKey, T0)).isEqualTo(4);
      assertThat(value(old, "SELECT used FROM al_quota_counter WHERE organization = ?", kept)).isEqualTo(3);
      assertThat(value(old, "SELECT used FROM al_quota_counter WHERE organization = ?", notKept))
          .isEqualTo(QuotaStripes.NOT_KEPT);

      assertThat(raceAt(one, two, kept, DeliveryChannel.EMAIL, 10, T0, i -> ValidityWindow.always()).inserted()).hasSize(7);
      assertThat(raceAt(one, two, notKept, DeliveryChannel.SMS, 10, T0, i -> ValidityWindow.always()).inserted()).hasSize(6);
      assertThat(value(old, "SELECT used FROM al_quota_counter WHERE organization = ?", kept)).isEqualTo(10);
      assertThat(value(old, "SELECT used FROM al_quota_counter WHERE organization = ?", notKept)).isEqualTo(10);
      assertThat(value(old, "SELECT COUNT(*) FROM al_quota_stripe WHERE organization = ?", kept))
          .isEqualTo(JdbcSettings.DEFAULT_QUOTA_STRIPES);
      assertThat(two.quotaUsed(emailKey, T0)).isEqualTo(10);
      assertThat(two.quotaUsed(smsKey, T0)).isEqualTo(10);
    }
  }

  @Test
  @DisplayName("links, doors and organizations stored before version 5 read back without rules, open to links, without policy")
  void upgradeToLinkRulesKeepsExistingData() throws Exception {
    try (TestDatabase old = TestDatabase.create(kind())) {
      HikariDataSource pool = old.pool(2);
      atVersion3(pool);
      OrganizationId org = Fixtures.newOrganization();
      String linkId = Fixtures.linkId(T0).toString();
      try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
        st.executeUpdate("INSERT INTO al_organization (id, display_name, zone_id, email_limit, sms_limit, manual_limit,"
            + " link_base_url) VALUES ('" + org.value() + "', 'Old HQ', 'UTC', 1000, 10, 5, 'https://old.example/l/')");
        st.executeUpdate("INSERT INTO al_group (organization, id, name) VALUES ('" + org.value() + "', 'visitors', 'Visitors')");
        st.executeUpdate("INSERT INTO al_door (organization, id, name) VALUES ('" + org.value() + "', 'front', 'Front')");
        st.executeUpdate("INSERT INTO al_group_door (organization, group_id, door_id, door_order)"
            + " VALUES ('" + org.value() + "', 'visitors', 'front', 0)");
        st.executeUpdate("INSERT INTO al_link (id, organization, channel, recipient_name, group_id, issued_by,"
            + " created_at, quota_month, quota_held, delivery_status, attempts)"
            + " VALUES ('" + linkId + "', '" + org.value() + "', 'MANUAL', 'Visitor', 'visitors', 'admin', 0, 0, 1,"
            + " 'NOT_REQUIRED', 0)");
      }
      JdbcAccessLinkPersistence upgraded = JdbcAccessLinkPersistence.create(pool);
      AccessLinkId id = AccessLinkId.parse(linkId);
      AccessLink link = upgraded.links().findById(org, id).orElseThrow();
      assertThat(link.rules()).isEqualTo(LinkRules.none());
      assertThat(link.usage()).isEqualTo(LinkUsage.none());
      assertThat(upgraded.groups().findGroup(org, GroupId.of("visitors")).orElseThrow().doors())
          .containsExactly(new Door(DoorId.of("front"), "Front"));
      assertThat(upgraded.organizations().find(org).orElseThrow().linkPolicy()).isEqualTo(LinkPolicy.none());
      assertThat(upgraded.useCounter().take(id, T0)).isEqualTo(new UseTake.Taken());
      assertThat(upgraded.links().findById(org, id).orElseThrow().usage()).isEqualTo(new LinkUsage(1, T0));
    }
  }


  @Test
  @DisplayName("upgraded to V7, the events written before are not announced to webhooks; those written after are")
  void upgradeToWebhooksAnnouncesOnlyNewEvents() throws Exception {
    try (TestDatabase old = TestDatabase.create(kind())) {
      HikariDataSource pool = old.pool(4);
      JdbcAccessLinkPersistence p = atVersion3(pool);
      OrganizationId org = Fixtures.newOrganization();
      AccessEvent before = new AccessEvent(java.util.UUID.randomUUID(), org, T0, AccessEventType.LINK_SENT,
          Actor.system(), Fixtures.linkId(T0), null, "MANUAL");
      p.events().record(before);

      assertThat(p.migrate()).isEqualTo(migrationScripts() - 3);
      WebhookEndpoint endpoint = new WebhookEndpoint(WebhookEndpointId.random(), org,
          java.net.URI.create("https://hooks.example.com/in"), java.util.Set.of(WebhookEventType.LINK_SENT),
          T0.minusSeconds(3600), Fixtures.admin(), null);
      p.webhookEndpoints().create(endpoint, "sealed");
      AccessEvent after = new AccessEvent(java.util.UUID.randomUUID(), org, T0.plusSeconds(1), AccessEventType.LINK_SENT,
          Actor.system(), Fixtures.linkId(T0), null, "MANUAL");
      p.events().record(after);
      while (p.webhookOutbox().announce(100) > 0) {
        // drain
      }
      assertThat(p.webhookOutbox().deliveries(org, endpoint.id(), 10)).extracting(WebhookDelivery::eventId)
          .containsExactly(after.id());
      assertThat(p.events().recent(org, 10)).containsExactly(after, before);
    }
  }

  /**
   * A store on {@code pool} that does not migrate by itself, its schema brought to version 3 (the
   * last one released before this round's migrations), for the upgrade tests.
   */
  private static JdbcAccessLinkPersistence atVersion3(javax.sql.DataSource pool) {
    JdbcAccessLinkPersistence p =
        JdbcAccessLinkPersistence.create(pool, JdbcSettings.builder().migrateOnCreate(false).build());
    org.flywaydb.core.Flyway.configure(JdbcAccessLinkPersistence.class.getClassLoader())
        .dataSource(pool).locations(JdbcAccessLinkPersistence.MIGRATION_LOCATION)
        .table(JdbcAccessLinkPersistence.SCHEMA_HISTORY_TABLE).placeholders(p.migrationPlaceholders())
        .target("3").load().migrate();
    return p;
  }

  private static void insertV1Link(Connection c, OrganizationId org, DeliveryChannel channel, int month, int held)
      throws Exception {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO al_link (id, organization, channel, recipient_name,"
        + " group_id, issued_by, created_at, quota_month, quota_held, delivery_status, attempts)"
        + " VALUES (?, ?, ?, 'Visitor', 'visitors', 'admin', 0, ?, ?, 'SENT', 1)")) {
      p.setString(1, Fixtures.linkId(T0).toString());
      p.setString(2, org.value());
      p.setString(3, channel.name());
      p.setInt(4, month);
      p.setInt(5, held);
      p.executeUpdate();
    }
  }

  private static void insertV1Counter(Connection c, OrganizationId org, DeliveryChannel channel, int month, long used)
      throws Exception {
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO al_quota_counter (organization, channel, quota_month, used) VALUES (?, ?, ?, ?)")) {
      p.setString(1, org.value());
      p.setString(2, channel.name());
      p.setInt(3, month);
      p.setLong(4, used);
      p.executeUpdate();
    }
  }

  private static long value(TestDatabase d, String sql, OrganizationId org) throws Exception {
    try (Connection c = d.inspector().getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, org.value());
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).as(sql).isTrue();
        return rs.getLong(1);
      }
    }
  }

  /** A store on a pool of its own (another application instance) with {@code stripes} quota stripes. */
  private StoreUnderTest instance(int stripes) {
    return StoreUnderTest.of(JdbcAccessLinkPersistence.create(db.pool(6),
        JdbcSettings.builder().migrateOnCreate(false).quotaStripes(stripes).build()));
  }

  private record Race(List<AccessLinkId> inserted, List<InsertOutcome.QuotaExhausted> refused) {}

  /** Every racer inserts one link of {@code channel} at {@code at} with {@code limit}, on the two stores in turn. */
  private static Race raceAt(StoreUnderTest one, StoreUnderTest two, OrganizationId org, DeliveryChannel channel,
      long limit, Instant at, Function<Integer, ValidityWindow> window) throws Exception {
    List<AccessLinkId> inserted = Collections.synchronizedList(new ArrayList<>());
    List<InsertOutcome.QuotaExhausted> refused = Collections.synchronizedList(new ArrayList<>());
    race(i -> {
      AccessLink l = Fixtures.link(org, channel, window.apply(i), at);
      InsertOutcome out = (i % 2 == 0 ? one : two).insert(Fixtures.newLink(l, Fixtures.reservation(l, limit, at)));
      if (out instanceof InsertOutcome.QuotaExhausted q) {
        refused.add(q);
      } else {
        inserted.add(l.id());
      }
      return true;
    });
    return new Race(List.copyOf(inserted), List.copyOf(refused));
  }

  /** Revokes the first {@code n} links of {@code ids} that are not revoked yet, and forgets them. */
  private static void revoke(StoreUnderTest store, OrganizationId org, List<AccessLinkId> ids, int n) {
    for (int i = 0; i < n; i++) {
      assertThat(store.revoke(org, ids.remove(0), Revocation.byAdministrator(Fixtures.admin(), T0)))
          .isInstanceOf(dev.accesslink.core.port.out.store.RevokeOutcome.Revoked.class);
    }
  }

  record StripeRow(int stripe, long used, long cap, long capLimit) {}

  private List<StripeRow> stripeRows(OrganizationId org, DeliveryChannel channel) throws Exception {
    List<StripeRow> rows = new ArrayList<>();
    try (Connection c = db.inspector().getConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT stripe, used, cap, cap_limit FROM al_quota_stripe WHERE organization = ? AND channel = ? ORDER BY stripe")) {
      p.setString(1, org.value());
      p.setString(2, channel.name());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rows.add(new StripeRow(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return rows;
  }

  /**
   * {@code held} links hold a unit, the stripes are kept and add up to them, and their caps hold the
   * invariant that makes the fast path exact: all 0, or {@code sum(max(used, cap)) <= cap_limit}.
   */
  private void assertExact(OrganizationId org, DeliveryChannel channel, long held) throws Exception {
    assertThat(heldUnits(org, channel)).as("links holding a unit").isEqualTo(held);
    List<StripeRow> rows = stripeRows(org, channel);
    assertThat(rows).allMatch(r -> r.used() >= 0, "kept");
    assertThat(rows.stream().mapToLong(StripeRow::used).sum()).as("sum of the stripes").isEqualTo(held);
    assertThat(counterRow(org, channel)).as("the al_quota_counter view").isEqualTo(held);
    boolean noRoom = rows.stream().allMatch(r -> r.cap() == 0);
    long bound = rows.stream().mapToLong(r -> Math.max(r.used(), r.cap())).sum();
    assertThat(rows.stream().map(StripeRow::capLimit).distinct()).as("one cap_limit").hasSize(1);
    assertThat(noRoom || bound <= rows.get(0).capLimit()).as("caps %s", rows).isTrue();
  }

  // ---------------------------------------------------------------- outbox

  @Test
  @DisplayName("two dispatchers on two pools deliver every pending delivery exactly once")
  void dispatchersOnTwoPools() throws Exception {
    OrganizationId org = Fixtures.newOrganization();
    db.persistence().organizations().save(OrganizationSettings.of(org, "Acme", URI.create("https://links.example.com/l")));
    db.persistence().groups().save(Fixtures.group(org, "visitors", "Visitors", "front"));
    List<AccessLinkId> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      // inserted under a claim whose holder "crashed" before attempting: its lease runs out
      AccessLink l = Fixtures.link(org, DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
      StoreUnderTest.of(db.persistence()).insert(new NewAccessLink(l, Fixtures.reservation(l, 1000, T0), null,
          Fixtures.initialClaim(l, Duration.ofSeconds(5))));
      ids.add(l.id());
    }
    MutableClock clock = MutableClock.at(T0.plus(Duration.ofMinutes(1)));
    RecordingLinkNotifier n1 = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
    RecordingLinkNotifier n2 = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
    DeliveryPolicy small = new DeliveryPolicy(Duration.ofMinutes(2), 8, Duration.ofSeconds(30), Duration.ofHours(1), 3);
    AccessLinks one = AccessLinks.builder().persistence(db.persistence())
        .doors(new RecordingDoorController()).notifier(n1).clock(clock).deliveryPolicy(small).dispatchEvery(Duration.ZERO).build();
    AccessLinks two = AccessLinks.builder().persistence(db.secondPersistence())
        .doors(new RecordingDoorController()).notifier(n2).clock(clock).deliveryPolicy(small).dispatchEvery(Duration.ZERO).build();

    race(i -> {
      AccessLinks dispatcher = i % 2 == 0 ? one : two;
      for (int round = 0; round < 30 && dispatcher.dispatchDue().claimed() > 0; round++) {
        // keep dispatching while there is work
      }
      return true;
    });

    List<LinkMessage> sent = new ArrayList<>(n1.delivered());
    sent.addAll(n2.delivered());
    Map<AccessLinkId, Long> perLink = sent.stream().filter(m -> ids.contains(m.link()))
        .collect(Collectors.groupingBy(LinkMessage::link, Collectors.counting()));
    assertThat(perLink.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(perLink.values()).allMatch(count -> count == 1);
    for (AccessLinkId id : ids) {
      assertThat(StoreUnderTest.of(db.persistence()).findById(org, id).orElseThrow().delivery().status()).isEqualTo(DeliveryStatus.SENT);
    }
  }

  @Test
  @DisplayName("a lease left by a crashed dispatcher is reclaimed by another instance once it expires")
  void crashedLeaseIsReclaimed() {
    StoreUnderTest crashed = StoreUnderTest.of(db.persistence());
    StoreUnderTest survivor = StoreUnderTest.of(db.secondPersistence());
    OrganizationId org = Fixtures.newOrganization();
    AccessLink l = Fixtures.link(org, DeliveryChannel.SMS, ValidityWindow.always(), T0);
    DeliveryClaim initial = Fixtures.initialClaim(l, Duration.ofSeconds(1));
    crashed.insert(new NewAccessLink(l, Fixtures.reservation(l, 10, T0), null, initial));
    Instant now = T0.plus(Duration.ofDays(400)); // past every other test's leases in this database
    DeliveryClaim held = own(crashed.claimDueDeliveries(now, Duration.ofSeconds(30), 1000), org).get(0);

    assertThat(own(survivor.claimDueDeliveries(now.plusSeconds(29), Duration.ofSeconds(30), 1000), org)).isEmpty();
    List<DeliveryClaim> taken = own(survivor.claimDueDeliveries(now.plusSeconds(30), Duration.ofSeconds(30), 1000), org);

    assertThat(taken).singleElement().satisfies(c -> assertThat(c.attempt()).isEqualTo(held.attempt() + 1));
    assertThat(crashed.beginAttempt(held, Fixtures.secret().hash(), now.plusSeconds(30))).isFalse();
    assertThat(Fixtures.complete(crashed, held, new DeliveryCompletion.Sent(now.plusSeconds(31)))).isFalse();
    assertThat(survivor.beginAttempt(taken.get(0), Fixtures.secret().hash(), now.plusSeconds(31))).isTrue();
    assertThat(Fixtures.complete(survivor, taken.get(0), new DeliveryCompletion.Sent(now.plusSeconds(32)))).isTrue();
  }

  /** 32 unlimited inserts raced by both instances: every one is stored. */
  private void raceUnlimited(StoreUnderTest one, StoreUnderTest two, OrganizationId org, DeliveryChannel channel)
      throws Exception {
    assertThat(raceAt(one, two, org, channel, QuotaLimits.UNLIMITED, T0, i -> ValidityWindow.always()).inserted())
        .hasSize(32);
  }

  private static List<DeliveryClaim> own(List<DeliveryClaim> claims, OrganizationId org) {
    return claims.stream().filter(c -> c.organization().equals(org)).toList();
  }

  // ---------------------------------------------------------------- idempotency keys

  @Test
  @DisplayName("identical keyed sends racing on two instances make one link, one message, one unit; the key and request are not at rest in clear")
  void keyedSendsRacingOnTwoInstances() throws Exception {
    OrganizationId org = Fixtures.newOrganization();
    db.persistence().organizations().save(OrganizationSettings.of(org, "Acme", URI.create("https://links.example.com/l")));
    db.persistence().groups().save(Fixtures.group(org, "visitors", "Visitors", "front"));
    MutableClock clock = MutableClock.at(T0);
    RecordingLinkNotifier mailOne = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
    RecordingLinkNotifier mailTwo = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
    AccessLinks one = library(db.persistence(), clock, mailOne);
    AccessLinks two = library(db.secondPersistence(), clock, mailTwo);
    String key = "booking-7f3e-retry-key";
    SendAccessLinkCommand command = SendAccessLinkCommand.email(org, Fixtures.admin(), "Grace Hopper",
        "grace.hopper@example.com", GroupId.of("visitors"), ValidityWindow.always())
        .withExternalRef("BK-77").withIdempotencyKey(key);
    List<SentAccessLink> answers = Collections.synchronizedList(new ArrayList<>());

    race(i -> answers.add((i % 2 == 0 ? one : two).send(command)));

    assertThat(answers).hasSize(THREADS_PER_POOL * 2);
    assertThat(answers.stream().map(a -> a.link().id()).distinct()).hasSize(1);
    assertThat(answers.stream().filter(a -> !a.repeated())).hasSize(1);
    assertThat(mailOne.delivered().size() + mailTwo.delivered().size()).isEqualTo(1);
    assertThat(StoreUnderTest.of(db.persistence()).quotaUsed(QuotaKey.live(org, DeliveryChannel.EMAIL), T0)).isEqualTo(1);
    assertThat(StoreUnderTest.of(db.persistence()).list(new dev.accesslink.core.port.out.store.LinkQuery(org,
        dev.accesslink.core.domain.LinkFilter.byExternalRef("BK-77"), null, 10))).hasSize(1);

    String everything = dumpAllTables();
    assertThat(everything).contains(IdempotencyRows.hash(dev.accesslink.core.domain.IdempotencyKey.of(key)))
        .doesNotContain(key);
    assertThat(everything.lines().filter(l -> l.contains("grace.hopper@example.com"))).as("only the link row").hasSize(1);
  }

  // ---------------------------------------------------------------- secrets, errors

  @Test
  @DisplayName("after sends on every channel, no table holds a secret in clear")
  void noSecretAtRest() throws Exception {
    OrganizationId org = Fixtures.newOrganization();
    db.persistence().organizations().save(OrganizationSettings.of(org, "Acme", URI.create("https://links.example.com/l")));
    db.persistence().groups().save(Fixtures.group(org, "visitors", "Visitors", "front"));
    RecordingLinkNotifier email = new RecordingLinkNotifier(DeliveryChannel.EMAIL);
    RecordingLinkNotifier sms = new RecordingLinkNotifier(DeliveryChannel.SMS);
    JdbcAccessLinkPersistence p = db.persistence();
    AccessLinks links = AccessLinks.builder().persistence(p).doors(new RecordingDoorController()).notifier(email).notifier(sms)
        .clock(MutableClock.at(T0)).dispatchEvery(Duration.ZERO).build();

    SentAccessLink manual = links.send(SendAccessLinkCommand.manual(org, Fixtures.admin(), "Ada", GroupId.of("visitors"), ValidityWindow.always()));
    links.send(SendAccessLinkCommand.email(org, Fixtures.admin(), "Bob", "bob@example.com", GroupId.of("visitors"), ValidityWindow.always()));
    links.send(SendAccessLinkCommand.sms(org, Fixtures.admin(), "Cy", "+1 415 555 0199", GroupId.of("visitors"), ValidityWindow.always()));
    List<String> urls = new ArrayList<>();
    urls.add(manual.manualUrlIfAny().orElseThrow().reveal());
    urls.add(email.delivered().get(0).url().reveal());
    urls.add(sms.delivered().get(0).url().reveal());

    String everything = dumpAllTables();
    for (String url : urls) {
      LinkSecret secret = LinkSecret.parsePresented(url).orElseThrow();
      String presented = secret.reveal();
      SecretHash hash = secret.hash();
      assertThat(everything).contains(hash.toHex()); // the scan does see the link rows
      assertThat(everything).doesNotContain(presented);
      assertThat(everything).doesNotContainIgnoringCase(HexFormat.of().formatHex(
          java.util.Base64.getUrlDecoder().decode(presented)));
    }
  }

  private String dumpAllTables() throws Exception {
    StringBuilder all = new StringBuilder();
    try (Connection c = db.inspector().getConnection(); Statement s = c.createStatement()) {
      List<String> tables = db.tables();
      assertThat(tables).map(String::toLowerCase).contains("al_link", "al_event", "al_quota_stripe");
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + db.quote(table))) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              Object v = rs.getObject(i);
              all.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v)).append('|');
            }
            all.append('\n');
          }
        }
      }
    }
    return all.toString();
  }

  @Test
  @DisplayName("a constraint surprise is an infrastructure error and leaves nothing half-written")
  void duplicateHashLeavesNothing() {
    OrganizationId org = Fixtures.newOrganization();
    StoreUnderTest store = StoreUnderTest.of(db.persistence());
    SecretHash hash = Fixtures.secret().hash();
    AccessLink first = Fixtures.link(org, DeliveryChannel.MANUAL, ValidityWindow.always(), T0);
    store.insert(new NewAccessLink(first, Fixtures.reservation(first, 5, T0), hash, null));
    AccessLink second = Fixtures.link(org, DeliveryChannel.MANUAL, ValidityWindow.always(), T0);

    assertThatThrownBy(() -> store.insert(new NewAccessLink(second, Fixtures.reservation(second, 5, T0), hash, null)))
        .isInstanceOf(AccessLinkInfrastructureException.class);
    assertThat(store.findById(org, second.id())).isEmpty();
    assertThat(store.quotaUsed(QuotaKey.live(org, DeliveryChannel.MANUAL), T0)).isEqualTo(1);
    assertThat(db.persistence().events().recent(org, 10)).as("nor its LINK_SENT event")
        .singleElement().satisfies(e -> assertThat(e.link()).isEqualTo(first.id()));

    // an attempt that would reuse a hash fails the same way and keeps the link's own hash
    AccessLink emailLink = Fixtures.link(org, DeliveryChannel.EMAIL, ValidityWindow.always(), T0);
    DeliveryClaim claim = Fixtures.initialClaim(emailLink, Duration.ofMinutes(1));
    store.insert(new NewAccessLink(emailLink, Fixtures.reservation(emailLink, 5, T0), null, claim));
    SecretHash own = Fixtures.secret().hash();
    assertThat(store.beginAttempt(claim, own, T0)).isTrue();
    assertThatThrownBy(() -> store.beginAttempt(claim, hash, T0)).isInstanceOf(AccessLinkInfrastructureException.class);
    assertThat(store.findBySecretHash(own)).map(AccessLink::id).contains(emailLink.id());
  }

  @Test
  @DisplayName("a database that is gone is an infrastructure error, on every port")
  void databaseGone() {
    HikariDataSource pool = db.pool(1);
    JdbcAccessLinkPersistence p = JdbcAccessLinkPersistence.create(pool, JdbcSettings.builder().migrateOnCreate(false).build());
    StoreUnderTest.of(p).quotaUsed(QuotaKey.live(Fixtures.newOrganization(), DeliveryChannel.EMAIL), T0);
    pool.close();
    OrganizationId org = Fixtures.newOrganization();
    AccessLink l = Fixtures.link(org, DeliveryChannel.MANUAL, ValidityWindow.always(), T0);

    assertThatThrownBy(() -> StoreUnderTest.of(p).insert(Fixtures.newLink(l, Fixtures.reservation(l, 5, T0))))
        .isInstanceOf(AccessLinkInfrastructureException.class);
    assertThatThrownBy(() -> p.groups().groups(org)).isInstanceOf(AccessLinkInfrastructureException.class);
    assertThatThrownBy(() -> p.organizations().find(org)).isInstanceOf(AccessLinkInfrastructureException.class);
    assertThatThrownBy(() -> p.events().recent(org, 5)).isInstanceOf(AccessLinkInfrastructureException.class);
  }

  // ---------------------------------------------------------------- directory editing

  @Test
  @DisplayName("groups and doors can be created and edited")
  void directoryEditing() {
    JdbcGroupDirectory groups = db.persistence().groups();
    OrganizationId org = Fixtures.newOrganization();
    GroupId staff = GroupId.of("staff");

    assertThat(groups.createGroup(org, staff, "Staff")).isTrue();
    assertThat(groups.createGroup(org, staff, "Other")).isFalse();
    assertThat(groups.addDoor(org, staff, new Door(DoorId.of("front"), "Front door"))).isTrue();
    assertThat(groups.addDoor(org, staff, new Door(DoorId.of("lab"), "Lab"))).isTrue();
    assertThat(groups.addDoor(org, GroupId.of("nope"), new Door(DoorId.of("lab"), "Lab"))).isFalse();
    assertThat(groups.renameGroup(org, staff, "Staff members")).isTrue();
    assertThat(groups.findGroup(org, staff)).contains(new Group(org, staff, "Staff members",
        List.of(new Door(DoorId.of("front"), "Front door"), new Door(DoorId.of("lab"), "Lab"))));

    assertThat(groups.addDoor(org, staff, new Door(DoorId.of("front"), "Main entrance"))).isTrue();
    assertThat(groups.removeDoor(org, staff, DoorId.of("lab"))).isTrue();
    assertThat(groups.removeDoor(org, staff, DoorId.of("lab"))).isFalse();
    assertThat(groups.findGroup(org, staff).orElseThrow().doors())
        .containsExactly(new Door(DoorId.of("front"), "Main entrance"));

    assertThatThrownBy(() -> groups.renameGroup(org, staff, " ")).hasMessageContaining("name");
    assertThat(groups.deleteGroup(org, staff)).isTrue();
    assertThat(groups.findGroup(org, staff)).isEmpty();
    assertThat(groups.deleteGroup(org, staff)).isFalse();
  }
}
