package dev.accesslink.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto the suite starts for itself on a free loopback port, tuned for the floor: {@code
 * set_tcp_nodelay true}, no persistence, no logging. Stopped by {@link #close()}.
 */
final class OwnMosquitto implements AutoCloseable {
  static final String BINARY = System.getProperty("bench.mosquitto", "/usr/sbin/mosquitto");

  private final Process process;
  private final Path dir;
  private final int port;

  private OwnMosquitto(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  static OwnMosquitto start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("bench-mosquitto");
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, String.join("\n",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "set_tcp_nodelay true",
        "persistence false",
        "log_dest none",
        "max_inflight_messages 0",
        "max_queued_messages 100000",
        ""), StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(BINARY, "-c", conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.out").toFile())
        .start();
    OwnMosquitto m = new OwnMosquitto(p, dir, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("mosquitto exited at start: " + Files.readString(dir.resolve("mosquitto.out")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return m;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    m.close();
    throw new IOException("mosquitto did not open port " + port + " within 10 s");
  }

  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  static String version() {
    try {
      Process p = new ProcessBuilder(BINARY, "-h").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(5, TimeUnit.SECONDS);
      return out.lines().filter(l -> l.contains("version")).findFirst().orElse("mosquitto (unknown)").trim();
    } catch (IOException e) {
      return "mosquitto (unknown)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "mosquitto (unknown)";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.list(dir)) {
      files.forEach(f -> f.toFile().delete());
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
