package dev.accesslink.mqtt;

import dev.accesslink.testsupport.ExternalServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A Mosquitto the test starts itself, on free loopback ports, with a generated configuration in a
 * temporary folder (which also holds its certificates, password and ACL files and its persistence).
 * Skips the test (or fails it, with {@code ACCESSLINK_SERVICES=required}) when the binary is absent.
 * {@link #restart()} stops it (SIGTERM: it saves its persistence) and starts it again on the same
 * ports; {@link #close()} stops it and removes the folder.
 */
final class OwnMosquitto implements AutoCloseable {
  static final Path BINARY = Path.of(System.getProperty("test.mosquitto", "/usr/sbin/mosquitto"));
  static final Path PASSWD = Path.of(System.getProperty("test.mosquitto_passwd", "/usr/bin/mosquitto_passwd"));

  private final Path dir;
  private final List<Integer> ports;
  private Process process;

  private OwnMosquitto(Path dir, List<Integer> ports) {
    this.dir = dir;
    this.ports = ports;
  }

  /** Skips or fails unless the Mosquitto binary is installed. */
  static void assumeInstalled() {
    ExternalServices.assume("the mosquitto binary at " + BINARY, Files.isExecutable(BINARY),
        "apt install mosquitto, or -Dtest.mosquitto=/path/to/mosquitto");
  }

  /** A folder for the broker's files, before it starts (certificates go here). */
  static Path folder() throws IOException {
    return Files.createTempDirectory("accesslink-test-mosquitto");
  }

  /**
   * Starts Mosquitto with the configuration {@code config} writes for the given free ports (one per
   * listener it asks for).
   */
  static OwnMosquitto start(Path dir, int listeners, Function<List<Integer>, String> config) throws IOException {
    assumeInstalled();
    List<Integer> ports = new java.util.ArrayList<>();
    for (int i = 0; i < listeners; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        ports.add(s.getLocalPort());
      }
    }
    // Run as the current user: started as root, Mosquitto would switch to "mosquitto", which cannot
    // read the test's private temporary folder.
    Files.writeString(dir.resolve("mosquitto.conf"), "user " + System.getProperty("user.name") + "\n"
        + config.apply(ports) + "\n", StandardCharsets.UTF_8);
    OwnMosquitto m = new OwnMosquitto(dir, List.copyOf(ports));
    try {
      m.launch();
    } catch (IOException | RuntimeException e) {
      m.close();
      throw e;
    }
    return m;
  }

  private void launch() throws IOException {
    process = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (int port : ports) {
      while (true) {
        if (!process.isAlive()) {
          throw new IOException("mosquitto exited at start: " + log());
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 200);
          break;
        } catch (IOException notYet) {
          if (System.nanoTime() > deadline) {
            throw new IOException("mosquitto did not open port " + port + " within 10 s: " + log());
          }
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          }
        }
      }
    }
  }

  String log() {
    try {
      return Files.readString(dir.resolve("mosquitto.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  int port(int listener) {
    return ports.get(listener);
  }

  Path dir() {
    return dir;
  }

  /** Adds (or replaces) a user in the password file {@code file} with {@code mosquitto_passwd -b}. */
  static void addUser(Path file, String user, String password) throws IOException, InterruptedException {
    ExternalServices.assume("mosquitto_passwd at " + PASSWD, Files.isExecutable(PASSWD), "apt install mosquitto");
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    Process p = new ProcessBuilder(PASSWD.toString(), "-b", file.toString(), user, password)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("mosquitto_passwd failed: " + out);
    }
  }

  /** Stops the broker (it saves its persistence on SIGTERM). */
  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts it again after {@link #stop()}, on the same ports and with the same files. */
  void startAgain() throws IOException {
    launch();
  }

  @Override
  public void close() {
    if (process != null) {
      stop();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
