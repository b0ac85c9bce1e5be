package dev.accesslink.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.out.AddressCheck;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.LinkNotifier;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The process {@link HandOverCrashTest} kills: it sends one EMAIL link whose notifier hands the
 * message over (writes {@code HANDED <link id> <secret>} to stdout, the test's stand-in for the
 * recipient's inbox) and then hangs before it can answer, so the attempt's outcome is never
 * recorded; the parent kills it there with {@code kill -9}.
 *
 * <p>Arguments: JDBC URL, user, organization, group.
 */
public final class HandOverCrashChild {
  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

  private HandOverCrashChild() {}

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setUsername(args[1]);
    config.setPassword("");
    config.setMaximumPoolSize(4);
    HikariDataSource pool = new HikariDataSource(config);
    JdbcAccessLinkPersistence p =
        JdbcAccessLinkPersistence.create(pool, JdbcSettings.builder().migrateOnCreate(false).build());
    LinkNotifier handsOverThenHangs = new LinkNotifier() {
      @Override
      public DeliveryChannel channel() {
        return DeliveryChannel.EMAIL;
      }

      @Override
      public AddressCheck normalize(String rawAddress) {
        return AddressCheck.valid(rawAddress);
      }

      @Override
      public DeliveryResult deliver(LinkMessage message) {
        String url = message.url().reveal();
        synchronized (OUT) {
          OUT.println("HANDED " + message.link() + " " + url.substring(url.lastIndexOf('/') + 1));
          OUT.flush();
        }
        while (true) {
          try {
            Thread.sleep(60_000); // the provider's answer never comes: the parent kills us here
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.OutcomeUnknown("interrupted");
          }
        }
      }
    };
    AccessLinks links = AccessLinks.builder().persistence(p).notifier(handsOverThenHangs)
        .doors(new RecordingDoorController()).build();
    links.send(SendAccessLinkCommand.email(OrganizationId.of(args[2]), AdminId.of("crash-test"), "Ada Lovelace",
        "ada@example.com", GroupId.of(args[3]), ValidityWindow.always()));
    System.exit(3); // not reached: the notifier never returns
  }
}
