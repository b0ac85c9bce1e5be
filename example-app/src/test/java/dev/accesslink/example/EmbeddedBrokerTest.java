package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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
}
