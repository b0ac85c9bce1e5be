package dev.accesslink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The positional form of the hot statements: what Jdbi would bind by name, bound by position. */
class NamedSqlTest {
  @Test
  @DisplayName("each :name becomes ?, in order and as often as it appears; literals and :: casts are left alone")
  void parses() {
    NamedSql sql = NamedSql.of("SELECT ':not', a::text FROM t WHERE x = :x AND y = :y_1 OR x = :x");
    assertThat(sql.positional()).isEqualTo("SELECT ':not', a::text FROM t WHERE x = ? AND y = ? OR x = ?");
    assertThat(sql.names()).containsExactly("x", "y_1", "x");
    assertThat(NamedSql.cached("SELECT :a")).isSameAs(NamedSql.cached("SELECT :a"));
    // one name per inserted column but quota_held, which the statement sets to the literal 1
    assertThat(NamedSql.of(LinkRows.INSERT_VALUES).names()).doesNotHaveDuplicates()
        .hasSize(LinkRows.INSERT_COLUMNS.split(",").length - 1);
  }

  @Test
  @DisplayName("typed values and typed nulls reach the row; a name without a value is refused before anything runs")
  void binds() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:namedsql" + System.nanoTime());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (a VARCHAR(10), b BIGINT, n INTEGER, z VARCHAR(10))");
      NamedSql insert = NamedSql.of("INSERT INTO t (a, b, n, z) VALUES (:a, :b, :n, :z)");
      NamedSql.Params p = new NamedSql.Params().string("a", "x").bigint("b", 1L << 40).integer("n", null).string("z", null);
      assertThat(insert.update(c, p)).isEqualTo(1);
      assertThat(insert.executeBatch(c, List.of(p, p))).containsExactly(1, 1);
      try (ResultSet rs = s.executeQuery("SELECT a, b, n, z FROM t")) {
        for (int i = 0; i < 3; i++) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("x");
          assertThat(rs.getLong(2)).isEqualTo(1L << 40);
          assertThat(rs.getObject(3)).isNull();
          assertThat(rs.getObject(4)).isNull();
        }
        assertThat(rs.next()).isFalse();
      }
      assertThatThrownBy(() -> insert.update(c, new NamedSql.Params().string("a", "y")))
          .isInstanceOf(IllegalStateException.class).hasMessage("no value for parameter b");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(3);
      }
    }
  }
}
