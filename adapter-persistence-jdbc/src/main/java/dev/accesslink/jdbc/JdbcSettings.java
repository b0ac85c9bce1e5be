package dev.accesslink.jdbc;

/**
 * Settings of {@link JdbcAccessLinkPersistence}. Immutable.
 *
 * @param migrateOnCreate whether {@link JdbcAccessLinkPersistence#create} runs the Flyway
 *     migrations itself; off when the product runs them (see {@link
 *     JdbcAccessLinkPersistence#MIGRATION_LOCATION})
 * @param maxTransactionAttempts how often a unit of work is tried in all when the database reports
 *     a serialization failure or deadlock (1 = no retry)
 * @param quotaStripes over how many rows each quota counter is spread, so that concurrent sends of
 *     one organization under a finite limit take their units from different rows (1 to {@value
 *     #MAX_QUOTA_STRIPES}; 1 = one row per counter). Quotas are exact whatever the value, also when
 *     application instances sharing a database use different values; see {@code
 *     docs/persistence.md}, "How quotas stay exact"
 */
public record JdbcSettings(boolean migrateOnCreate, int maxTransactionAttempts, int quotaStripes) {
  /** The default of {@link #quotaStripes()}: two application instances with pools of 4 to 16 connections. */
  public static final int DEFAULT_QUOTA_STRIPES = 16;

  /** The largest accepted {@link #quotaStripes()}. */
  public static final int MAX_QUOTA_STRIPES = 256;

  public JdbcSettings {
    if (maxTransactionAttempts < 1 || maxTransactionAttempts > 100) {
      throw new IllegalArgumentException("maxTransactionAttempts is 1 to 100, got " + maxTransactionAttempts);
    }
    if (quotaStripes < 1 || quotaStripes > MAX_QUOTA_STRIPES) {
      throw new IllegalArgumentException("quotaStripes is 1 to " + MAX_QUOTA_STRIPES + ", got " + quotaStripes);
    }
  }

  /** Settings with the default {@link #quotaStripes()} (the two-argument form of earlier versions). */
  public JdbcSettings(boolean migrateOnCreate, int maxTransactionAttempts) {
    this(migrateOnCreate, maxTransactionAttempts, DEFAULT_QUOTA_STRIPES);
  }

  /** Migrations run on create, 8 attempts per unit of work, {@value #DEFAULT_QUOTA_STRIPES} quota stripes. */
  public static JdbcSettings defaults() {
    return new JdbcSettings(true, 8, DEFAULT_QUOTA_STRIPES);
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link JdbcSettings}. Not thread-safe. */
  public static final class Builder {
    private boolean migrateOnCreate = true;
    private int maxTransactionAttempts = 8;
    private int quotaStripes = DEFAULT_QUOTA_STRIPES;

    private Builder() {}

    /** Whether {@code create} runs the migrations (default true). */
    public Builder migrateOnCreate(boolean migrate) {
      this.migrateOnCreate = migrate;
      return this;
    }

    /** Attempts per unit of work on serialization failure or deadlock (default 8). */
    public Builder maxTransactionAttempts(int attempts) {
      this.maxTransactionAttempts = attempts;
      return this;
    }

    /**
     * Over how many rows each quota counter is spread (default {@value
     * JdbcSettings#DEFAULT_QUOTA_STRIPES}, 1 to {@value JdbcSettings#MAX_QUOTA_STRIPES}). About the
     * number of connections that send links for one organization at the same time, over all
     * application instances; 1 keeps one row per counter, and every send of an organization
     * under a finite limit then waits for the previous one's commit.
     */
    public Builder quotaStripes(int stripes) {
      this.quotaStripes = stripes;
      return this;
    }

    /** The settings. */
    public JdbcSettings build() {
      return new JdbcSettings(migrateOnCreate, maxTransactionAttempts, quotaStripes);
    }
  }
}
