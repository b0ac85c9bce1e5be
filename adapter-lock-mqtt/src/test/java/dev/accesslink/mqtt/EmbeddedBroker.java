package dev.accesslink.mqtt;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One in-process HiveMQ CE broker (MQTT 5) for the whole test JVM, on a free loopback port, with
 * in-memory persistence. Started on first use; stopped when the JVM exits.
 */
final class EmbeddedBroker {
  private static EmbeddedBroker instance;

  private final int port;
  private final Path root;
  private EmbeddedHiveMQ hivemq;

  private EmbeddedBroker() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    root = Files.createTempDirectory("hivemq-test");
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
    Files.createDirectories(root.resolve("data"));
    Files.createDirectories(root.resolve("extensions"));
    hivemq = startNew();
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutDown));
  }

  private EmbeddedHiveMQ startNew() {
    EmbeddedHiveMQ broker = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(root.resolve("conf"))
        .withDataFolder(root.resolve("data"))
        .withExtensionsFolder(root.resolve("extensions"))
        .build();
    broker.start().join();
    return broker;
  }

  private synchronized void shutDown() {
    try {
      hivemq.close();
    } catch (Exception e) {
      // the JVM is going away anyway
    }
  }

  static synchronized EmbeddedBroker get() {
    if (instance == null) {
      try {
        instance = new EmbeddedBroker();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  /**
   * Stops the broker and starts a new one on the same port (an embedded HiveMQ cannot be started
   * again once stopped); every client loses its connection, and in-memory state is gone.
   */
  synchronized void restart() {
    shutDown();
    hivemq = startNew();
  }
}
