package dev.accesslink.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts what goes over the wire: statements executed (one round trip each),
 * explicit {@code commit()} calls (one more), and commits that wait for a WAL flush (a writing
 * statement in auto-commit mode, or an explicit commit). For the round-trip table of the report.
 */
final class CountingDataSource implements DataSource {
  private final DataSource delegate;
  final LongAdder statements = new LongAdder();
  final LongAdder commits = new LongAdder();
  final LongAdder flushes = new LongAdder();

  CountingDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  void reset() {
    statements.reset();
    commits.reset();
    flushes.reset();
  }

  /** "statements + commits (WAL flushes)" per operation. */
  String perOperation(int operations) {
    double roundTrips = (statements.sum() + commits.sum()) / (double) operations;
    double f = flushes.sum() / (double) operations;
    return String.format(Locale.ROOT, "%.1f (%.1f)", roundTrips, f);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(delegate.getConnection(user, password));
  }

  private Connection wrap(Connection c) {
    InvocationHandler h = (proxy, m, args) -> {
      Object result = call(c, m, args);
      switch (m.getName()) {
        case "commit" -> {
          commits.increment();
          flushes.increment();
        }
        case "prepareStatement", "prepareCall" -> {
          return statement(c, (Statement) result, (String) args[0], PreparedStatement.class);
        }
        case "createStatement" -> {
          return statement(c, (Statement) result, null, Statement.class);
        }
        default -> { }
      }
      return result;
    };
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  private Object statement(Connection c, Statement s, String preparedSql, Class<? extends Statement> type) {
    InvocationHandler h = (proxy, m, args) -> {
      Object result = call(s, m, args);
      if (m.getName().startsWith("execute")) {
        statements.increment();
        String sql = preparedSql != null ? preparedSql : args != null && args.length > 0 ? (String) args[0] : "";
        String head = sql.stripLeading().toUpperCase(Locale.ROOT);
        boolean writes = head.startsWith("INSERT") || head.startsWith("UPDATE") || head.startsWith("DELETE")
            || (head.startsWith("WITH") && (head.contains(" INSERT ") || head.contains("UPDATE ")));
        if (writes && c.getAutoCommit()) {
          flushes.increment();
        }
      }
      return result;
    };
    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, h);
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
