package dev.accesslink.webhook;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.port.out.WebhookResponse;
import dev.accesslink.core.port.out.WebhookSender;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import dev.accesslink.jdbc.JdbcSettings;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;

/**
 * The dispatcher that dies: opens the database, runs one webhook dispatcher pass whose sender
 * posts the event for real and then, before the pass can record the answer, prints {@code SENT
 * <id>} and waits to be killed. Arguments: JDBC URL, user, sealing key (base64).
 */
public final class WebhookCrashChild {
  private WebhookCrashChild() {}

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setUsername(args[1]);
    config.setMaximumPoolSize(2);
    HikariDataSource pool = new HikariDataSource(config);
    JdbcAccessLinkPersistence persistence =
        JdbcAccessLinkPersistence.create(pool, JdbcSettings.builder().migrateOnCreate(false).build());
    HttpWebhookSender http = HttpWebhookSender.create(WebhookSenderSettings.builder().plainHttpToLoopback(true).build());
    WebhookSender dying = request -> {
      WebhookResponse answer = http.send(request);
      System.out.println("SENT " + request.id() + " " + answer.statusCode());
      System.out.flush();
      try {
        new CountDownLatch(1).await(); // killed here, between the send and its acknowledgement
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return answer;
    };
    AccessLinks links = AccessLinks.builder().persistence(persistence).doors(new RecordingDoorController())
        .webhooks(dying, AesGcmSecretSealer.of(Base64.getDecoder().decode(args[2])))
        .webhookDispatchEvery(Duration.ZERO)
        .build();
    System.out.println("READY");
    System.out.flush();
    links.dispatchWebhooks();
  }
}
