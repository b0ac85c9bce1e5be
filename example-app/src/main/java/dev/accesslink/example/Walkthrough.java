package dev.accesslink.example;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.LinkResolution;
import dev.accesslink.core.port.in.RevokeAccessLinkCommand;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import org.h2.jdbcx.JdbcDataSource;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One send → resolve → unlock → revoke walk through the library, wired with plain {@code new} to
 * the JDBC adapter on an in-memory H2 database and a door controller written as a lambda (every
 * out-port is small enough for one). Run it with {@code --walkthrough}.
 */
public final class Walkthrough {
  private Walkthrough() {}

  /** Runs the walk, printing each step to {@code out}. */
  public static void run(PrintStream out) {
    OrganizationId demo = OrganizationId.of("demo");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:walkthrough-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(h2);
    persistence.organizations().save(OrganizationSettings.of(demo, "Demo HQ", URI.create("http://localhost:8080/l/")));
    persistence.groups().save(new Group(demo, GroupId.of("visitors"), "Visitors",
        List.of(new Door(DoorId.of("front-door"), "Front door"))));
    try (AccessLinks links = AccessLinks.builder()
            .store(persistence.store())
            .groups(persistence.groups())
            .organizations(persistence.organizations())
            .events(persistence.events())
            .unlockJournal(persistence.unlockJournal())
            .doors(command -> new DoorResponse.Unlocked()) // every door opens at once
            .clock(Clock.systemUTC())
            .build()) { // close() writes the unlock bookkeeping still queued
      AdminId admin = AdminId.of("admin");

      Instant now = Instant.now();
      SentAccessLink sent = links.send(SendAccessLinkCommand.manual(demo, admin, "Ada Lovelace",
          GroupId.of("visitors"), ValidityWindow.endingAt(now.plus(Duration.ofHours(8)))));
      String url = sent.manualUrlIfAny().orElseThrow().reveal();
      String secret = url.substring(url.lastIndexOf('/') + 1);
      out.println("1. sent a manual link to Ada Lovelace: " + url + "  (shown once)");

      LinkResolution resolution = links.resolve(secret);
      if (resolution instanceof LinkResolution.Found found) {
        out.println("2. visitor page: hello " + found.view().recipientName() + ", " + found.view().groupName()
            + " at " + found.view().organizationName() + ", status " + found.view().status());
      }

      UnlockOutcome unlocked = links.unlock(new UnlockDoorCommand(secret, DoorId.of("front-door")));
      out.println("3. unlock front door: " + unlocked);

      AccessLink revoked = links.revoke(new RevokeAccessLinkCommand(demo, admin, sent.link().id()));
      out.println("4. revoked at " + revoked.revocationIfAny().orElseThrow().at());

      out.println("5. unlock again: " + links.unlock(new UnlockDoorCommand(secret, DoorId.of("front-door"))));
      out.println("6. quota: " + links.quotaUsage(demo).of(DeliveryChannel.MANUAL).used() + " live manual links");
    }
  }
}
