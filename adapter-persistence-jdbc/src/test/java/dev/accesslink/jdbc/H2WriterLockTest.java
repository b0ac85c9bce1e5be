package dev.accesslink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer lock of H2 file databases ({@link H2Dialect#writerLock}): H2 may write a chunk that
 * holds part of a transaction in flight, so on a file database the units of work that may write
 * run one at a time in the JVM, across every adapter on that file, while reads go on beside them.
 * {@link CrashRecoveryTest} checks what it is for: whole transactions after {@code kill -9}.
 */
@DisplayName("H2 file databases: one unit that may write at a time in the JVM, reads beside it")
class H2WriterLockTest {
  @Test
  @DisplayName("a write unit on a second adapter waits for the first one's end; a read does not")
  void fileDatabaseWritesOneAtATime(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("lock").toAbsolutePath();
    try (HikariDataSource one = pool(url); HikariDataSource two = pool(url)) {
      Database first = new Database(one, JdbcSettings.defaults());
      Database second = new Database(two, JdbcSettings.defaults());

      assertWaits(first, second, d -> d.transaction("w", h -> h.execute("SELECT 1")), true);
      assertWaits(first, second, d -> d.autoCommit("w", h -> h.execute("SELECT 1")), true);
      assertWaits(first, second, d -> d.plainAutoCommit("w", c -> c.isValid(1)), true);
      assertWaits(first, second, d -> d.plainTransaction("w", c -> c.isValid(1)), true);
      assertWaits(first, second, d -> d.upsert("w", h -> h.execute("SELECT 1")), true);
      assertWaits(first, second, d -> d.writing(() -> 1), true);
      assertWaits(first, second, d -> d.read("r", h -> h.execute("SELECT 1")), false);
      assertWaits(first, second, d -> d.plainRead("r", c -> c.isValid(1)), false);
    }
  }

  @Test
  @DisplayName("an in-memory database (nothing to keep through a crash) has no lock: writes run side by side")
  void memoryDatabaseHasNoLock() throws Exception {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (HikariDataSource one = pool(url)) {
      Database db = new Database(one, JdbcSettings.defaults());
      assertWaits(db, db, d -> d.transaction("w", h -> h.execute("SELECT 1")), false);
    }
  }

  /**
   * Holds a write unit open on {@code holder}, starts {@code unit} on {@code other}, and checks
   * that it waits for the holder's end (it parks on a {@link ReentrantLock} and stays undone) or
   * does not (it completes while the holder is open); either way it completes once the holder ends.
   */
  private static void assertWaits(Database holder, Database other, Consumer<Database> unit, boolean waits)
      throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> holder.transaction("hold", h -> {
      inside.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return 1;
    }));
    assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> next = new CompletableFuture<>();
    Thread runner = new Thread(() -> {
      try {
        unit.accept(other);
        next.complete(null);
      } catch (Throwable e) {
        next.completeExceptionally(e);
      }
    }, "second-unit");
    runner.start();
    try {
      if (waits) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!next.isDone() && !parkedOnALock(runner) && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(next).as("a unit that may write, while another one is open").isNotDone();
        assertThat(parkedOnALock(runner)).as("parked on the writer lock").isTrue();
      } else {
        next.get(30, TimeUnit.SECONDS);
      }
    } finally {
      release.countDown();
    }
    next.get(30, TimeUnit.SECONDS);
    assertThat(held.get(30, TimeUnit.SECONDS)).isEqualTo(1);
  }

  private static boolean parkedOnALock(Thread t) {
    Object blocker = LockSupport.getBlocker(t);
    return blocker != null && blocker.getClass().getEnclosingClass() == ReentrantLock.class;
  }

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }
}
