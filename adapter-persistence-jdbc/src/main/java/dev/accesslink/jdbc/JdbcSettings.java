package dev.accesslink.jdbc;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link JdbcAccessLinkPersistence}, made by {@link #builder()} or {@link #defaults()}.
 * A final class rather than a record, so that a new option is a new builder method and never a
 * changed constructor. Immutable and thread-safe.
 */
public final class JdbcSettings {
  /** The default of {@link #quotaStripes()}: two application instances with pools of 4 to 16 connections. */
  public static final int DEFAULT_QUOTA_STRIPES = 16;

  /** The largest accepted {@link #quotaStripes()}. */
  public static final int MAX_QUOTA_STRIPES = 256;

  private static final JdbcSettings DEFAULTS = builder().build();

  private final boolean migrateOnCreate;
  private final int maxTransactionAttempts;
  private final int quotaStripes;

  private JdbcSettings(Builder b) {
    if (b.maxTransactionAttempts < 1 || b.maxTransactionAttempts > 100) {
      throw new IllegalArgumentException("maxTransactionAttempts is 1 to 100, got " + b.maxTransactionAttempts);
    }
    if (b.quotaStripes < 1 || b.quotaStripes > MAX_QUOTA_STRIPES) {
      throw new IllegalArgumentException("quotaStripes is 1 to " + MAX_QUOTA_STRIPES + ", got " + b.quotaStripes);
    }
    this.migrateOnCreate = b.migrateOnCreate;
    this.maxTransactionAttempts = b.maxTransactionAttempts;
    this.quotaStripes = b.quotaStripes;
  }

  /** Migrations run on create, 8 attempts per unit of work, {@value #DEFAULT_QUOTA_STRIPES} quota stripes. */
  public static JdbcSettings defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether {@link JdbcAccessLinkPersistence#create} runs the Flyway migrations itself; off when
   * the product runs them (see {@link JdbcAccessLinkPersistence#MIGRATION_LOCATION}).
   */
  public boolean migrateOnCreate() {
    return migrateOnCreate;
  }

  /**
   * How often a unit of work is tried in all when the database reports a serialization failure or
   * deadlock (1 = no retry).
   */
  public int maxTransactionAttempts() {
    return maxTransactionAttempts;
  }

  /**
   * Over how many rows each quota counter is spread, so that concurrent sends of one organization
   * under a finite limit take their units from different rows (1 to {@value #MAX_QUOTA_STRIPES}; 1
   * = one row per counter). Quotas are exact whatever the value, also when application instances
   * sharing a database use different values; see {@code docs/persistence.md}, "How quotas stay
   * exact".
   */
  public int quotaStripes() {
    return quotaStripes;
  }

  /** Equal when every option is equal. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof JdbcSettings s
        && s.migrateOnCreate == migrateOnCreate
        && s.maxTransactionAttempts == maxTransactionAttempts
        && s.quotaStripes == quotaStripes;
  }

  /** A hash of every option. */
  @Override
  public int hashCode() {
    return Objects.hash(migrateOnCreate, maxTransactionAttempts, quotaStripes);
  }

  /** Every option by name. */
  @Override
  public String toString() {
    return "JdbcSettings[migrateOnCreate=" + migrateOnCreate + ", maxTransactionAttempts=" + maxTransactionAttempts
        + ", quotaStripes=" + quotaStripes + "]";
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

    /** Attempts per unit of work on serialization failure or deadlock (default 8, 1 to 100). */
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

    /**
     * The settings.
     *
     * @throws IllegalArgumentException if {@code maxTransactionAttempts} is not 1 to 100 or {@code
     *     quotaStripes} not 1 to {@value JdbcSettings#MAX_QUOTA_STRIPES}
     */
    public JdbcSettings build() {
      return new JdbcSettings(this);
    }
  }
}
