package dev.accesslink.example;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.lang.System.Logger.Level;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Keeps the app's logging set-up in charge. The embedded MQTT broker (HiveMQ) configures Logback
 * from its own file when it starts, which would hide the app's warnings (dispatcher, database
 * down); {@link #restore()} runs Logback's standard configuration again afterwards (the
 * {@code logback.configurationFile} system property, else the app's {@code logback.xml}), so the
 * operator's or the app's configuration always wins. The app's {@link System.Logger} calls reach
 * SLF4J directly (slf4j-jdk-platform-logging), whatever a library does to JUL.
 */
final class AppLogging {
  private AppLogging() {}

  /** Applies the app's logging configuration again; does nothing when Logback is not the SLF4J backend. */
  static void restore() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    try {
      new ContextInitializer(context).autoConfig();
    } catch (JoranException e) {
      System.err.println("access-links: the logging configuration could not be applied: " + e.getMessage());
    }
    System.getLogger(AppLogging.class.getName()).log(Level.DEBUG, "logging configuration applied");
  }
}
