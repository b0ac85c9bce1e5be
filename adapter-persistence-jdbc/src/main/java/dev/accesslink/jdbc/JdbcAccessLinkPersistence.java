package dev.accesslink.jdbc;

import dev.accesslink.core.domain.AccessLinkInfrastructureException;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.AccessLinkPersistence;
import dev.accesslink.core.port.out.DeliveryOutbox;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.core.port.out.UseCounter;
import dev.accesslink.core.port.out.UseLog;
import dev.accesslink.core.port.out.UnlockJournal;
import dev.accesslink.core.port.out.WebhookEndpoints;
import dev.accesslink.core.port.out.WebhookOutbox;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The JDBC persistence adapter: links, delivery outbox, unlock bookkeeping, group directory,
 * organizations and audit log of the access-link library on one PostgreSQL, MariaDB or H2
 * database, as one {@link AccessLinkPersistence}.
 *
 * <pre>{@code
 * JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(dataSource);
 * AccessLinks links = AccessLinks.builder().persistence(persistence).doors(doors).build();
 * }</pre>
 *
 * <p>The schema is created and upgraded by Flyway migrations shipped in this jar at {@link
 * #MIGRATION_LOCATION} (and, on MariaDB, {@link #MARIADB_MIGRATION_LOCATION}), recorded in their
 * own history table {@link #SCHEMA_HISTORY_TABLE} so they never mix with a product's own
 * migrations. Several application instances may share one
 * database: quotas and delivery claims stay exact across them. Immutable and thread-safe.
 */
public final class JdbcAccessLinkPersistence implements AccessLinkPersistence {
  /** Where the migrations shared by every database are, as a Flyway location. */
  public static final String MIGRATION_LOCATION = "classpath:db/accesslink/migration";

  /**
   * Where MariaDB's own migrations are, as a Flyway location: run with {@link #MIGRATION_LOCATION}
   * on MariaDB only (version 12: the stored procedure of the create's one-statement write; version
   * 13: the one of the unlocks' background bookkeeping). See {@link #migrationLocations()}.
   */
  public static final String MARIADB_MIGRATION_LOCATION = "classpath:db/accesslink/vendor/mariadb";

  /** The Flyway history table of these migrations. */
  public static final String SCHEMA_HISTORY_TABLE = "al_schema_history";

  private final DataSource dataSource;
  private final Database db;
  private final JdbcLinkRecords links;
  private final JdbcDeliveryOutbox outbox;
  private final JdbcUseLog uses;
  private final JdbcGroupDirectory groups;
  private final JdbcOrganizations organizations;
  private final JdbcAccessEvents events;
  private final JdbcUnlockJournal unlockJournal;
  private final JdbcUseCounter useCounter;
  private final JdbcWebhookEndpoints webhookEndpoints;
  private final JdbcWebhookOutbox webhookOutbox;

  private JdbcAccessLinkPersistence(DataSource dataSource, JdbcSettings settings) {
    this.dataSource = dataSource;
    this.db = new Database(dataSource, settings);
    QuotaStripes quota = new QuotaStripes(db, settings.quotaStripes());
    this.links = new JdbcLinkRecords(db, quota);
    this.outbox = new JdbcDeliveryOutbox(db, quota);
    this.uses = new JdbcUseLog(db);
    this.groups = new JdbcGroupDirectory(db);
    this.organizations = new JdbcOrganizations(db);
    this.events = new JdbcAccessEvents(db);
    this.unlockJournal = new JdbcUnlockJournal(db);
    this.useCounter = new JdbcUseCounter(db);
    this.webhookEndpoints = new JdbcWebhookEndpoints(db);
    this.webhookOutbox = new JdbcWebhookOutbox(db);
  }

  /** Same as {@code create(dataSource, JdbcSettings.defaults())}: runs the migrations. */
  public static JdbcAccessLinkPersistence create(DataSource dataSource) {
    return create(dataSource, JdbcSettings.defaults());
  }

  /**
   * The adapter on {@code dataSource} (use a connection pool). Runs the migrations first when
   * {@link JdbcSettings#migrateOnCreate()} is set; otherwise it does not touch the database until
   * first used.
   *
   * @throws AccessLinkInfrastructureException if the migrations fail or the database is not one
   *     of PostgreSQL, MariaDB (or MySQL) and H2
   */
  public static JdbcAccessLinkPersistence create(DataSource dataSource, JdbcSettings settings) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(settings, "settings");
    JdbcAccessLinkPersistence persistence = new JdbcAccessLinkPersistence(dataSource, settings);
    if (settings.migrateOnCreate()) {
      persistence.migrate();
    }
    return persistence;
  }

  /**
   * Runs the pending migrations (none if the schema is current).
   *
   * @return how many migrations were applied
   * @throws AccessLinkInfrastructureException if a migration fails
   */
  public int migrate() {
    try {
      // under the writer lock where there is one: another adapter on the same H2 file may be writing
      int applied = db.writing(() -> Flyway.configure(JdbcAccessLinkPersistence.class.getClassLoader())
          .dataSource(dataSource)
          .locations(migrationLocations().toArray(String[]::new))
          .table(SCHEMA_HISTORY_TABLE)
          .placeholders(migrationPlaceholders())
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate()
          .migrationsExecuted);
      db.dialect().afterMigration();
      return applied;
    } catch (FlywayException e) {
      throw new AccessLinkInfrastructureException("database: migration failed", e);
    }
  }

  /**
   * The Flyway locations of the migrations on this database, for products that run the migrations
   * with their own Flyway (see {@code docs/persistence.md}): {@link #MIGRATION_LOCATION}, and on
   * MariaDB also {@link #MARIADB_MIGRATION_LOCATION}. Without MariaDB's own location the adapter
   * still works there, with a create that costs the server more (see {@code docs/persistence.md}).
   *
   * @throws AccessLinkInfrastructureException if the database cannot be reached or is not supported
   */
  public List<String> migrationLocations() {
    return db.dialect().migrationLocations();
  }

  /**
   * The Flyway placeholders the migrations need on this database, for products that run the
   * migrations with their own Flyway (see {@code docs/persistence.md}).
   */
  public Map<String, String> migrationPlaceholders() {
    return db.dialect().placeholders();
  }

  /** Links and quota counters ({@code al_link}, {@code al_quota_stripe}). */
  @Override
  public LinkRecords links() {
    return links;
  }

  /** The delivery outbox, kept on the link rows. */
  @Override
  public DeliveryOutbox outbox() {
    return outbox;
  }

  /** The unlock bookkeeping: last uses on the link rows, events in {@code al_event}. */
  @Override
  public UseLog uses() {
    return uses;
  }

  /** The group directory, with its editing methods. */
  @Override
  public JdbcGroupDirectory groups() {
    return groups;
  }

  /** Organization settings. */
  @Override
  public Organizations organizations() {
    return organizations;
  }

  /** The audit log. */
  @Override
  public AccessEvents events() {
    return events;
  }

  /**
   * The unlock journal, on the same database as {@link #events()}: unlock intents written before
   * each door command, so that a crash leaves no opening without a record (see {@code
   * AccessLinksBuilder#unlockJournal}).
   */
  @Override
  public UnlockJournal unlockJournal() {
    return unlockJournal;
  }

  /** The uses of links with a use limit or a countdown, on their {@code al_link} rows. */
  @Override
  public UseCounter useCounter() {
    return useCounter;
  }

  /** Webhook endpoints ({@code al_webhook_endpoint}), their secrets sealed. */
  @Override
  public WebhookEndpoints webhookEndpoints() {
    return webhookEndpoints;
  }

  /**
   * Webhook deliveries ({@code al_webhook_delivery}), fed by the audit log: each event row is marked
   * for announcement by its own insert (see {@code docs/webhooks.md}).
   */
  @Override
  public WebhookOutbox webhookOutbox() {
    return webhookOutbox;
  }
}
