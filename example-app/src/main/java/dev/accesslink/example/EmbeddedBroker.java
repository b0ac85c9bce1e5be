package dev.accesslink.example;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * An in-process MQTT 5 broker (HiveMQ Community Edition) for the demo: loopback only, on a free
 * port (never 1883, which a real broker may hold), in-memory persistence, its files in a temporary
 * folder that {@link #close()} removes. A process killed with {@code kill -9} cannot remove its
 * folder, so each start removes the {@code accesslink-mqtt*} folders no running broker holds: each
 * broker holds a file lock on its folder's {@code .lock} for as long as it runs. The folders this
 * JVM holds are never even opened by that check: on Linux a process's file lock is released when
 * it closes <em>any</em> channel on that file, so probing its own lock would hand its folder to the
 * next start of another process.
 */
final class EmbeddedBroker implements AutoCloseable {
  private static final String PREFIX = "accesslink-mqtt";
  private static final System.Logger LOG = System.getLogger(EmbeddedBroker.class.getName());
  /** The folders whose lock this JVM holds (never probed: see the class comment). */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final EmbeddedHiveMQ hivemq;
  private final Path root;
  private final int port;
  private final FileChannel lockFile;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, Path root, int port, FileChannel lockFile) {
    this.hivemq = hivemq;
    this.root = root;
    this.port = port;
    this.lockFile = lockFile;
  }

  /** Removes the folders of brokers that died without cleaning up (no live process holds their lock). */
  static void removeLeftovers(Path tempDir) {
    try (Stream<Path> folders = Files.list(tempDir)) {
      folders.filter(f -> f.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(f))
          .filter(f -> !HELD.contains(f.toAbsolutePath().normalize()))
          .filter(EmbeddedBroker::abandoned)
          .forEach(f -> {
            LOG.log(System.Logger.Level.INFO, "removing the leftover MQTT broker folder {0}", f);
            delete(f);
          });
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot look for leftover broker folders: {0}", e.getMessage());
    }
  }

  private static boolean abandoned(Path folder) {
    Path lock = folder.resolve(".lock");
    if (!Files.exists(lock)) {
      // From a version without the lock file, or still being set up: only when clearly old.
      try {
        return Files.getLastModifiedTime(folder).toInstant().isBefore(Instant.now().minus(Duration.ofHours(1)));
      } catch (IOException e) {
        return false;
      }
    }
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = ch.tryLock();
      if (held == null) {
        return false;
      }
      held.release();
      return true;
    } catch (OverlappingFileLockException e) {
      return false; // held by this very JVM
    } catch (IOException e) {
      return false;
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot remove {0}: {1}", folder, e.getMessage());
    }
  }

  static EmbeddedBroker start() {
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path root = Files.createTempDirectory(PREFIX);
      FileChannel lockFile = hold(root); // held until close(); released by the OS if the process dies
      removeLeftovers(root.getParent());
      Path conf = Files.createDirectories(root.resolve("conf"));
      Files.writeString(conf.resolve("config.xml"), """
          <?xml version="1.0"?>
          <hivemq>
            <listeners>
              <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
            </listeners>
            <persistence><mode>in-memory</mode></persistence>
            <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
          </hivemq>
          """.formatted(port));
      Files.writeString(conf.resolve("logback.xml"), """
          <configuration>
            <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
              <encoder><pattern>%-5level [mqtt] %msg%n</pattern></encoder>
            </appender>
            <root level="ERROR"><appender-ref ref="CONSOLE"/></root>
          </configuration>
          """);
      Files.createDirectories(root.resolve("data"));
      Files.createDirectories(root.resolve("extensions"));
      EmbeddedHiveMQ broker = EmbeddedHiveMQ.builder()
          .withConfigurationFolder(conf)
          .withDataFolder(root.resolve("data"))
          .withExtensionsFolder(root.resolve("extensions"))
          .build();
      broker.start().join();
      return new EmbeddedBroker(broker, root, port, lockFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the embedded MQTT broker", e);
    }
  }

  /**
   * Locks {@code folder}'s {@code .lock} for this JVM (until the returned channel is closed and
   * {@link #release} is called) and registers it as held, so no check of this JVM ever probes it.
   */
  static FileChannel hold(Path folder) throws IOException {
    FileChannel lockFile = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    HELD.add(folder.toAbsolutePath().normalize());
    try {
      lockFile.lock();
    } catch (IOException | RuntimeException e) {
      release(folder, lockFile);
      throw e;
    }
    return lockFile;
  }

  /** Closes {@code lockFile} and forgets {@code folder} as held. */
  static void release(Path folder, FileChannel lockFile) throws IOException {
    try {
      lockFile.close();
    } finally {
      HELD.remove(folder.toAbsolutePath().normalize());
    }
  }

  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() throws IOException, ExecutionException {
    try {
      hivemq.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop waiting for the broker; its folder is removed below
    } finally {
      release(root, lockFile);
      delete(root);
    }
  }
}
