package dev.accesslink.benchmarks;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.UnlockBookkeeping;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import dev.accesslink.jdbc.JdbcSettings;
import java.net.URI;
import java.util.List;
import javax.sql.DataSource;

/** The library as a product wires it: JDBC persistence on a pool, a door controller, defaults elsewhere. */
final class Library {
  static final GroupId GROUP = GroupId.of("lobby");
  static final DoorId DOOR = DoorId.of("front");
  static final AdminId ADMIN = AdminId.of("bench-admin");

  final JdbcAccessLinkPersistence persistence;
  /**
   * The library as shipped: default wiring, which includes the one-second directory cache and
   * guaranteed unlocks (an intent in the unlock journal before each door command).
   */
  final AccessLinks links;
  /** The same library with the directory cache off ({@code directoryCache(Duration.ZERO)}). */
  final AccessLinks uncached;
  /**
   * The same library with {@code unlockBookkeeping(UnlockBookkeeping.BEFORE_ANSWER)}: the visitor
   * waits for the last use + audit event write, as every unlock did before background bookkeeping.
   */
  final AccessLinks beforeAnswer;
  /**
   * The library as shipped with {@code access-link-micrometer} attached, as Spring Boot sets it up
   * without a tracer: meters on a registry, observations feeding timers through {@code
   * DefaultMeterObservationHandler}.
   */
  final AccessLinks withMicrometer;
  /**
   * The same library with {@code unlockBookkeeping(MAY_LOSE_OPENINGS_ON_CRASH)}: no journal write,
   * bookkeeping in the background, as the default was before issue 21.
   */
  final AccessLinks lossy;

  Library(DataSource pool, DoorController doors) {
    this(pool, doors, JdbcSettings.defaults());
  }

  Library(DataSource pool, DoorController doors, JdbcSettings settings) {
    this.persistence = JdbcAccessLinkPersistence.create(pool, settings);
    this.links = AccessLinks.builder()
        .persistence(persistence)
        .doors(doors)
        .build();
    this.uncached = AccessLinks.builder()
        .persistence(persistence)
        .doors(doors)
        .directoryCache(java.time.Duration.ZERO)
        .build();
    this.beforeAnswer = AccessLinks.builder()
        .persistence(persistence)
        .doors(doors)
        .unlockBookkeeping(UnlockBookkeeping.BEFORE_ANSWER)
        .build();
    io.micrometer.core.instrument.MeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    io.micrometer.observation.ObservationRegistry observations = io.micrometer.observation.ObservationRegistry.create();
    observations.observationConfig().observationHandler(
        new io.micrometer.core.instrument.observation.DefaultMeterObservationHandler(meters));
    this.withMicrometer = AccessLinks.builder()
        .persistence(persistence)
        .doors(doors)
        .telemetry(dev.accesslink.micrometer.AccessLinkMetrics.of(meters, observations))
        .build();
    this.lossy = AccessLinks.builder()
        .persistence(persistence)
        .doors(doors)
        .unlockBookkeeping(UnlockBookkeeping.MAY_LOSE_OPENINGS_ON_CRASH)
        .build();
  }

  /** Waits until every instance has stored the bookkeeping of the unlocks it answered. */
  void settle() {
    for (AccessLinks l : List.of(links, uncached, withMicrometer, lossy)) {
      if (!l.awaitBookkeeping(java.time.Duration.ofSeconds(60))) {
        throw new IllegalStateException("unlock bookkeeping not stored within 60 s");
      }
    }
  }

  /** Creates (or replaces) an organization with one group holding {@link #DOOR}. */
  OrganizationId organization(String id, long manualLimit) {
    OrganizationId org = OrganizationId.of(id);
    persistence.organizations().save(OrganizationSettings.of(org, "Bench " + id, URI.create("https://links.example/l"))
        .withQuotaLimits(QuotaLimits.defaults().with(dev.accesslink.core.domain.DeliveryChannel.MANUAL, manualLimit)));
    persistence.groups().save(new Group(org, GROUP, "Lobby", List.of(new Door(DOOR, "Front door"))));
    return org;
  }

  /** Sends a MANUAL link that never expires. */
  SentAccessLink sendManual(OrganizationId org) {
    return sendManual(links, org);
  }

  /** Sends a MANUAL link that never expires through {@code links}. */
  static SentAccessLink sendManual(AccessLinks links, OrganizationId org) {
    return links.send(SendAccessLinkCommand.manual(org, ADMIN, "Ada Visitor", GROUP, ValidityWindow.always()));
  }

  /** The secret of a MANUAL link: the last path segment of its one-time URL. */
  static String secretOf(SentAccessLink sent) {
    return sent.manualUrlIfAny().orElseThrow().secret().reveal();
  }

  static QuotaLimits unlimited() {
    return QuotaLimits.defaults();
  }
}
