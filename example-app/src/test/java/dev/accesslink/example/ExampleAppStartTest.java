package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A start that cannot succeed tells a newcomer why in one line, without a stack trace. */
@DisplayName("java -jar with a bad set-up: one line and an exit code, no stack trace")
class ExampleAppStartTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(Map<String, String> env) throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("ACCESSLINK_PORT", "0");
    all.put("ACCESSLINK_ADMIN_TOKEN", "start-test-token-123456");
    all.put("ACCESSLINK_DATA_DIR", Files.createTempDirectory("accesslink-start-test").toString());
    return ExampleApp.run(all, new String[0], new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a Twilio account without its auth token is exit code 2 and the setting's name")
  void configurationErrorFoundWhileWiring() throws Exception {
    int exit = run(Map.of("ACCESSLINK_TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef"));
    assertThat(exit).isEqualTo(2);
    assertThat(err()).contains("ACCESSLINK_TWILIO_AUTH_TOKEN").doesNotContain("\tat ").doesNotContain("Exception in");
    assertThat(err().strip().lines()).hasSize(1);
  }

  @Test
  @DisplayName("a database that refuses connections is exit code 1 and the driver's reason")
  void databaseDown() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    int exit = run(Map.of("ACCESSLINK_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/none",
        "ACCESSLINK_DB_USER", "nobody", "ACCESSLINK_DB_PASSWORD", "pw-never-shown-42"));
    assertThat(exit).isEqualTo(1);
    assertThat(err()).startsWith("access-links: could not start: ").doesNotContain("\tat ")
        .doesNotContain("pw-never-shown-42");
    assertThat(err().strip().lines()).hasSize(1);
  }
}
