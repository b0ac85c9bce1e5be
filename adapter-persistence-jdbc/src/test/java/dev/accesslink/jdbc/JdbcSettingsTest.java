package dev.accesslink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The adapter's settings: defaults, the builder, and the ranges it refuses. */
class JdbcSettingsTest {
  @Test
  @DisplayName("defaults: migrations on create, 8 attempts, 16 quota stripes; the builder starts from them")
  void defaults() {
    JdbcSettings defaults = JdbcSettings.defaults();
    assertThat(defaults.migrateOnCreate()).isTrue();
    assertThat(defaults.maxTransactionAttempts()).isEqualTo(8);
    assertThat(defaults.quotaStripes()).isEqualTo(JdbcSettings.DEFAULT_QUOTA_STRIPES).isEqualTo(16);
    assertThat(JdbcSettings.builder().build()).isEqualTo(defaults).hasSameHashCodeAs(defaults);
  }

  @Test
  @DisplayName("the builder sets each option, the bounds included")
  void builder() {
    JdbcSettings s = JdbcSettings.builder().migrateOnCreate(false).maxTransactionAttempts(1).quotaStripes(256).build();
    assertThat(s.migrateOnCreate()).isFalse();
    assertThat(s.maxTransactionAttempts()).isEqualTo(1);
    assertThat(s.quotaStripes()).isEqualTo(JdbcSettings.MAX_QUOTA_STRIPES);
    assertThat(JdbcSettings.builder().maxTransactionAttempts(100).quotaStripes(1).build().maxTransactionAttempts())
        .isEqualTo(100);
    assertThat(s).isNotEqualTo(JdbcSettings.defaults());
    assertThat(s.toString()).contains("migrateOnCreate=false", "maxTransactionAttempts=1", "quotaStripes=256");
  }

  @Test
  @DisplayName("attempts outside 1 to 100 and stripes outside 1 to 256 are refused by build()")
  void outOfRange() {
    for (int attempts : new int[] {0, -1, 101}) {
      assertThatThrownBy(() -> JdbcSettings.builder().maxTransactionAttempts(attempts).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxTransactionAttempts");
    }
    for (int stripes : new int[] {0, -1, 257}) {
      assertThatThrownBy(() -> JdbcSettings.builder().quotaStripes(stripes).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("quotaStripes");
    }
  }
}
