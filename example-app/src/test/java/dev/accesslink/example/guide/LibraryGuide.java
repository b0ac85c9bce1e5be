package dev.accesslink.example.guide;

// docs/library-guide.md shows this file from the next line on; LibraryGuideTest keeps the two equal.
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.*;
import dev.accesslink.core.port.in.*;
import dev.accesslink.email.EmailLinkNotifier;
import dev.accesslink.email.SmtpSecurity;
import dev.accesslink.email.SmtpSettings;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import dev.accesslink.mqtt.MqttDoorController;
import dev.accesslink.mqtt.MqttDoorSettings;
import java.net.URI;
import java.time.*;
import java.util.List;
import java.util.Scanner;
import java.util.function.UnaryOperator;

/** Acme sends Ada a link by e-mail; she opens the front door with it; Acme revokes it. */
public final class LibraryGuide {
  public static void main(String[] args) {
    run("jdbc:postgresql://localhost:5432/accesslink?user=accesslink", "localhost", 25, "tcp://localhost:1883",
        address -> {
          System.out.print("Paste the link e-mailed to " + address + ": ");
          return new Scanner(System.in).nextLine();
        });
  }

  public static List<UnlockOutcome> run(String jdbcUrl, String smtpHost, int smtpPort, String mqttUri,
      UnaryOperator<String> linkMailedTo) {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(jdbcUrl);
    try (HikariDataSource dataSource = new HikariDataSource(pool);
         MqttDoorController doors = MqttDoorController.connect(MqttDoorSettings.builder(mqttUri).build());
         EmailLinkNotifier email = EmailLinkNotifier.create(SmtpSettings.builder().host(smtpHost).port(smtpPort)
             .security(SmtpSecurity.NONE) // a relay on this host; TLS and login: docs/email.md
             .fromAddress("doors@acme.example").build())) {
      JdbcAccessLinkPersistence db = JdbcAccessLinkPersistence.create(dataSource); // creates or migrates its tables
      Clock clock = Clock.systemUTC();
      try (AccessLinks links = AccessLinks.builder()
          .persistence(db)
          .notifier(email)
          .doors(doors)
          .clock(clock)
          .build()) {
        OrganizationId acme = OrganizationId.of("acme");
        AdminId alice = AdminId.of("alice");
        links.saveOrganization(new SaveOrganizationCommand(acme, alice, "Acme HQ",
            ZoneId.of("Europe/Paris"), URI.create("https://doors.acme.example/l/")));
        GroupId visitors = GroupId.of("visitors");
        Door frontDoor = new Door(DoorId.of("front-door"), "Front door");
        db.groups().createGroup(acme, visitors, "Visitors");  // false if it exists
        db.groups().addDoor(acme, visitors, frontDoor);

        // stored, then e-mailed at once; should SMTP fail, the dispatcher in links retries it
        SentAccessLink sent = links.send(SendAccessLinkCommand.email(acme, alice, "Ada Lovelace",
            "ada@example.com", visitors, ValidityWindow.endingAt(clock.instant().plus(Duration.ofHours(8)))));
        String url = linkMailedTo.apply("ada@example.com");  // https://doors.acme.example/l/...
        UnlockOutcome opened = links.unlock(new UnlockDoorCommand(url, frontDoor.id()));   // Unlocked
        links.revoke(new RevokeAccessLinkCommand(acme, alice, sent.link().id()));
        UnlockOutcome refused = links.unlock(new UnlockDoorCommand(url, frontDoor.id()));  // Denied: REVOKED
        System.out.println(links.getLink(acme, sent.link().id()).delivery() + ": " + opened + ", then " + refused);
        return List.of(opened, refused);
      } // closes links first (dispatcher, queued bookkeeping), then e-mail, doors and the pool
    }
  }
}
