package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the embedded broker's temporary folders")
class EmbeddedBrokerTest {
  @Test
  @DisplayName("a start removes folders of brokers killed with kill -9, and keeps those of running ones")
  void removesLeftovers(@TempDir Path tmp) throws Exception {
    Path killed = Files.createDirectories(tmp.resolve("accesslink-mqtt123"));
    Files.createFile(killed.resolve(".lock"));
    Files.writeString(Files.createDirectories(killed.resolve("data")).resolve("x"), "x");
    Path running = Files.createDirectories(tmp.resolve("accesslink-mqtt456"));
    Path oldWithoutLock = Files.createDirectories(tmp.resolve("accesslink-mqtt789"));
    Files.setLastModifiedTime(oldWithoutLock, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path freshWithoutLock = Files.createDirectories(tmp.resolve("accesslink-mqtt000"));
    Path unrelated = Files.createDirectories(tmp.resolve("something-else"));
    try (FileChannel held = FileChannel.open(running.resolve(".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      held.lock();
      EmbeddedBroker.removeLeftovers(tmp);
    }
    assertThat(killed).doesNotExist();
    assertThat(oldWithoutLock).doesNotExist();
    assertThat(running).exists();
    assertThat(freshWithoutLock).exists();
    assertThat(unrelated).exists();
  }

  @Test
  @DisplayName("a start keeps the lock of this JVM's running broker: another process cannot take its folder")
  void ownLockSurvivesTheCheck(@TempDir Path tmp) throws Exception {
    Path mine = Files.createDirectories(tmp.resolve("accesslink-mqtt-running"));
    FileChannel held = EmbeddedBroker.hold(mine);
    try {
      EmbeddedBroker.removeLeftovers(tmp); // what the next start in this JVM does
      assertThat(mine).exists();
      // another process: on Linux, closing any channel on the file in this process would have freed it
      Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(), mine.resolve(".lock").toString())
          .redirectErrorStream(true).start();
      assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo("held");
    } finally {
      EmbeddedBroker.release(mine, held);
    }
  }

  /** Run in its own JVM: prints whether the lock file given is held by another process. */
  static final class LockProbe {
    public static void main(String[] args) throws Exception {
      try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
        System.out.println(ch.tryLock() == null ? "held" : "free");
      }
    }
  }
}
