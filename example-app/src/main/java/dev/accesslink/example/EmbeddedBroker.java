package dev.accesslink.example;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * An in-process MQTT 5 broker (HiveMQ Community Edition) for the demo: loopback only, on a free
 * port (never 1883, which a real broker may hold), in-memory persistence, its files in a temporary
 * folder that {@link #close()} removes.
 */
final class EmbeddedBroker implements AutoCloseable {
  private final EmbeddedHiveMQ hivemq;
  private final Path root;
  private final int port;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, Path root, int port) {
    this.hivemq = hivemq;
    this.root = root;
    this.port = port;
  }

  static EmbeddedBroker start() {
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path root = Files.createTempDirectory("accesslink-mqtt");
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
      return new EmbeddedBroker(broker, root, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the embedded MQTT broker", e);
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
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
