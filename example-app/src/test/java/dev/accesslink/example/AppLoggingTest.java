package dev.accesslink.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The app's own warnings")
class AppLoggingTest {

  @Test
  @DisplayName("reach the console after the embedded broker (HiveMQ) has set up its logging")
  void warningsReachTheConsole() {
    TestApp.get(); // starts the app with its embedded broker, which brings its own Logback configuration
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      System.getLogger(CompositionRoot.class.getName()).log(Level.WARNING, "database down: canary 7f3a");
      System.getLogger("dev.accesslink.core.application.AccessLinks").log(Level.WARNING, "dispatcher: canary 9b1c");
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("WARN").contains("database down: canary 7f3a").contains("dispatcher: canary 9b1c");
  }
}
