package dev.accesslink.jdbc;

/**
 * Settings of {@link JdbcAccessLinkPersistence}. Immutable.
 *
 * @param migrateOnCreate whether {@link JdbcAccessLinkPersistence#create} runs the Flyway
 *     migrations itself; off when the product runs them (see {@link
 *     JdbcAccessLinkPersistence#MIGRATION_LOCATION})
 * @param maxTransactionAttempts how often a unit of work is tried in all when the database reports
 *     a serialization failure or deadlock (1 = no retry)
 */
public record JdbcSettings(boolean migrateOnCreate, int maxTransactionAttempts) {
  public JdbcSettings {
    if (maxTransactionAttempts < 1 || maxTransactionAttempts > 100) {
      throw new IllegalArgumentException("maxTransactionAttempts is 1 to 100, got " + maxTransactionAttempts);
    }
  }

  /** Migrations run on create, 8 attempts per unit of work. */
  public static JdbcSettings defaults() {
    return new JdbcSettings(true, 8);
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link JdbcSettings}. Not thread-safe. */
  public static final class Builder {
    private boolean migrateOnCreate = true;
    private int maxTransactionAttempts = 8;

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

    /** The settings. */
    public JdbcSettings build() {
      return new JdbcSettings(migrateOnCreate, maxTransactionAttempts);
    }
  }
}
