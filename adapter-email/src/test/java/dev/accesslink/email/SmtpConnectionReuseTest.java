package dev.accesslink.email;

import static dev.accesslink.email.TestMessages.freshAddress;
import static dev.accesslink.email.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.port.out.DeliveryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EmailLinkNotifier keeps SMTP connections for the next messages")
class SmtpConnectionReuseTest {

  private static SmtpSettings.Builder settings(ScriptedSmtpServer server) {
    return SmtpSettings.builder()
        .host("127.0.0.1")
        .port(server.port())
        .security(SmtpSecurity.NONE)
        .fromAddress("access@acme.example")
        .localHostName("test.acme.example")
        .timeouts(Duration.ofSeconds(5));
  }

  private static void sendAndExpectSent(EmailLinkNotifier notifier, int messages) {
    for (int i = 0; i < messages; i++) {
      assertThat(notifier.deliver(message(freshAddress()))).isInstanceOf(DeliveryResult.Sent.class);
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  @Test
  @DisplayName("messages in a row share one connection, each checked with NOOP before it is reused")
  void messagesInARowShareOneConnection() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.accepting();
        EmailLinkNotifier notifier = EmailLinkNotifier.create(settings(server).build())) {
      sendAndExpectSent(notifier, 3);

      assertThat(server.messages()).hasSize(3);
      assertThat(server.connections()).isEqualTo(1);
      assertThat(server.count("EHLO")).isEqualTo(1);
      assertThat(server.count("NOOP")).isEqualTo(2);
      assertThat(server.count("QUIT")).isZero();
    }
  }

  @Test
  @DisplayName("a connection the server closed while it was kept is replaced, and the message goes out once")
  void connectionClosedByTheServerIsReplaced() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.accepting();
        EmailLinkNotifier notifier = EmailLinkNotifier.create(settings(server).build())) {
      sendAndExpectSent(notifier, 1);
      server.dropConnections();

      sendAndExpectSent(notifier, 1);

      assertThat(server.messages()).hasSize(2);
      assertThat(server.connections()).isEqualTo(2);
      assertThat(server.count("MAIL FROM")).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("a connection is closed after maxMessagesPerConnection messages")
  void connectionClosedAfterItsMessageLimit() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.accepting();
        EmailLinkNotifier notifier =
            EmailLinkNotifier.create(settings(server).maxMessagesPerConnection(2).build())) {
      sendAndExpectSent(notifier, 5);

      assertThat(server.messages()).hasSize(5);
      assertThat(server.connections()).isEqualTo(3);
      await(() -> server.count("QUIT") == 2, "the two full connections said QUIT");
    }
  }

  @Test
  @DisplayName("maxIdleConnections(0) opens and closes a connection for every message")
  void noKeptConnections() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.accepting();
        EmailLinkNotifier notifier =
            EmailLinkNotifier.create(settings(server).maxIdleConnections(0).build())) {
      sendAndExpectSent(notifier, 3);

      assertThat(server.connections()).isEqualTo(3);
      await(() -> server.count("QUIT") == 3, "every connection said QUIT");
      assertThat(server.count("NOOP")).isZero();
    }
  }

  @Test
  @DisplayName("a connection whose message was refused is closed, not kept")
  void refusedMessageClosesItsConnection() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.rejectingRecipient("550 5.1.1 no such user");
        EmailLinkNotifier notifier = EmailLinkNotifier.create(settings(server).build())) {
      for (int i = 0; i < 2; i++) {
        assertThat(notifier.deliver(message(freshAddress())))
            .isEqualTo(new DeliveryResult.PermanentFailure("smtp.550 5.1.1"));
      }

      assertThat(server.connections()).isEqualTo(2);
      assertThat(server.count("NOOP")).isZero();
    }
  }

  @Test
  @DisplayName("a kept connection is closed with QUIT once its idle timeout is up")
  void idleConnectionClosedAfterItsTimeout() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.accepting();
        EmailLinkNotifier notifier = EmailLinkNotifier.create(
            settings(server).connectionIdleTimeout(Duration.ofMillis(200)).build())) {
      sendAndExpectSent(notifier, 1);

      await(() -> server.count("QUIT") == 1, "the idle connection said QUIT");
      sendAndExpectSent(notifier, 1);
      assertThat(server.connections()).isEqualTo(2);
      assertThat(server.count("NOOP")).isZero();
    }
  }

  @Test
  @DisplayName("close() says QUIT on the kept connections; later messages still go out, each on its own connection")
  void closeQuitsKeptConnections() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.accepting()) {
      EmailLinkNotifier notifier = EmailLinkNotifier.create(settings(server).build());
      sendAndExpectSent(notifier, 2);

      notifier.close();
      await(() -> server.count("QUIT") == 1, "the kept connection said QUIT");

      sendAndExpectSent(notifier, 2);
      assertThat(server.messages()).hasSize(4);
      assertThat(server.connections()).isEqualTo(3);
      await(() -> server.count("QUIT") == 3, "the later connections were closed after their message");
      notifier.close(); // idempotent
    }
  }

  @Test
  @DisplayName("concurrent deliveries never share a connection: every message arrives once")
  void concurrentDeliveriesNeverShareAConnection() throws Exception {
    int threads = 8;
    int perThread = 15;
    try (ScriptedSmtpServer server = ScriptedSmtpServer.accepting();
        EmailLinkNotifier notifier = EmailLinkNotifier.create(settings(server).build())) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<List<String>>> sent = new ArrayList<>();
      try {
        for (int t = 0; t < threads; t++) {
          sent.add(pool.submit(() -> {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
              String to = freshAddress();
              assertThat(notifier.deliver(message(to))).isInstanceOf(DeliveryResult.Sent.class);
              addresses.add(to);
            }
            return addresses;
          }));
        }
        List<String> all = new ArrayList<>();
        for (Future<List<String>> f : sent) {
          all.addAll(f.get());
        }
        assertThat(server.messages()).hasSize(threads * perThread);
        for (String to : all) {
          assertThat(server.messages().stream().filter(m -> m.contains(to)).count())
              .as("messages to %s", to).isEqualTo(1);
        }
        assertThat(server.connections()).isLessThan(threads * perThread);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
