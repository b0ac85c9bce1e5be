package dev.accesslink.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * A statement written with Jdbi's {@code :name} parameters, turned once into its positional form
 * for plain JDBC: for the few statements on the hot paths, where Jdbi's per-statement set-up (a
 * handle with its own copy of the configuration, an argument factory looked up per bound value)
 * costs more CPU than the driver's work (measured with {@code HotPathProfile} in the benchmarks).
 * The same {@link Params} bind the statement through Jdbi elsewhere, so both paths bind every value
 * with the same JDBC type. Immutable, thread-safe.
 */
final class NamedSql {
  private final String positional;
  private final List<String> names;

  private NamedSql(String positional, List<String> names) {
    this.positional = positional;
    this.names = List.copyOf(names);
  }

  /**
   * Parses {@code named}: each {@code :name} (outside quoted literals; {@code ::} is a cast, kept)
   * becomes a {@code ?}.
   */
  static NamedSql of(String named) {
    StringBuilder sql = new StringBuilder(named.length());
    List<String> names = new ArrayList<>();
    int n = named.length();
    for (int i = 0; i < n; i++) {
      char ch = named.charAt(i);
      if (ch == '\'') {
        int end = named.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated literal in statement");
        }
        sql.append(named, i, end + 1);
        i = end;
      } else if (ch == ':' && i + 1 < n && named.charAt(i + 1) == ':') {
        sql.append("::");
        i++;
      } else if (ch == ':' && i + 1 < n && Character.isJavaIdentifierStart(named.charAt(i + 1))) {
        int end = i + 1;
        while (end < n && Character.isJavaIdentifierPart(named.charAt(end))) {
          end++;
        }
        names.add(named.substring(i + 1, end));
        sql.append('?');
        i = end - 1;
      } else {
        sql.append(ch);
      }
    }
    return new NamedSql(sql.toString(), names);
  }

  /** The statement with {@code ?} in place of the names. */
  String positional() {
    return positional;
  }

  /** The parameter names in order of appearance (a name may appear more than once). */
  List<String> names() {
    return names;
  }

  /** The parsed form of {@code named}, parsed once per distinct text (statements are constants). */
  static NamedSql cached(String named) {
    return CACHE.computeIfAbsent(named, NamedSql::of);
  }

  private static final Map<String, NamedSql> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Runs the statement as a unit of its own on {@code c} with {@code params}: commits when the
   * connection is not in auto-commit mode (a pool may hand out such connections).
   *
   * @return the update count
   */
  int update(Connection c, Params params) throws SQLException {
    int count = execute(c, params);
    if (!c.getAutoCommit()) {
      c.commit();
    }
    return count;
  }

  /**
   * Runs the statement as a unit of its own on {@code c} with {@code params}, as {@link #update}
   * does, and returns the int in the first column of the first row of its first result: for a
   * compound statement that ends with a {@code SELECT} of what it did.
   */
  int selectInt(Connection c, Params params) throws SQLException {
    int value;
    try (PreparedStatement p = c.prepareStatement(positional)) {
      bind(p, params);
      boolean resultSet = p.execute();
      while (!resultSet && p.getUpdateCount() != -1) {
        resultSet = p.getMoreResults();
      }
      if (!resultSet) {
        throw new SQLException("the statement returned no result");
      }
      try (ResultSet rs = p.getResultSet()) {
        if (!rs.next()) {
          throw new SQLException("the statement returned no row");
        }
        value = rs.getInt(1);
      }
    }
    if (!c.getAutoCommit()) {
      c.commit();
    }
    return value;
  }

  /** Runs the statement as an update in {@code c}'s current transaction; returns the update count. */
  int execute(Connection c, Params params) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(positional)) {
      bind(p, params);
      return p.executeUpdate();
    }
  }

  /** Runs the statement once per element of {@code batch}, as one JDBC batch in {@code c}'s transaction. */
  int[] executeBatch(Connection c, List<Params> batch) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(positional)) {
      for (Params params : batch) {
        bind(p, params);
        p.addBatch();
      }
      return p.executeBatch();
    }
  }

  private void bind(PreparedStatement p, Params params) throws SQLException {
    for (int i = 0; i < names.size(); i++) {
      params.set(p, i + 1, names.get(i));
    }
  }

  /**
   * Named values, each with its JDBC type: bound with {@code setString}, {@code setLong}, {@code
   * setInt} or {@code setNull} of that type, as Jdbi binds a {@code String}, {@code Long} or {@code
   * Integer}, whether through plain JDBC ({@link NamedSql#update}) or through Jdbi ({@link #bindTo}).
   */
  static final class Params {
    private record Typed(@Nullable Object value, int type) implements Argument {
      @Override
      public void apply(int position, PreparedStatement p, org.jdbi.v3.core.statement.StatementContext ctx)
          throws SQLException {
        set(p, position);
      }

      void set(PreparedStatement p, int position) throws SQLException {
        if (value == null) {
          p.setNull(position, type);
        } else if (type == Types.BIGINT) {
          p.setLong(position, (Long) value);
        } else if (type == Types.INTEGER) {
          p.setInt(position, (Integer) value);
        } else {
          p.setString(position, (String) value);
        }
      }

      @Override
      public String toString() {
        return "typed " + type; // never the value: bound values stay out of messages and logs
      }
    }

    private final Map<String, Typed> values = new HashMap<>(64);

    Params string(String name, @Nullable String value) {
      values.put(name, new Typed(value, Types.VARCHAR));
      return this;
    }

    Params bigint(String name, @Nullable Long value) {
      values.put(name, new Typed(value, Types.BIGINT));
      return this;
    }

    Params integer(String name, @Nullable Integer value) {
      values.put(name, new Typed(value, Types.INTEGER));
      return this;
    }

    /** Binds every value to {@code statement} by name. */
    <S extends SqlStatement<S>> S bindTo(S statement) {
      values.forEach(statement::bind);
      return statement;
    }

    void set(PreparedStatement p, int position, String name) throws SQLException {
      Typed t = values.get(name);
      if (t == null) {
        throw new IllegalStateException("no value for parameter " + name);
      }
      t.set(p, position);
    }
  }
}
