package dev.accesslink.example.guide;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SaveOrganizationCommand;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import javax.sql.DataSource;

/** The README's "Use it" snippet, compiled; {@link ReadmeSnippetTest} keeps the two equal and runs it. */
final class ReadmeSnippet {
  private ReadmeSnippet() {}

  /** What the snippet leaves behind, for the test to check. */
  record Result(UnlockOutcome outcome, AccessLink link) {}

  static Result useIt(DataSource dataSource, LinkNotifier emailNotifier, LinkNotifier smsNotifier,
      DoorController doorController, Clock clock) {
    // README.md "Use it" shows the lines from here on
    AccessLinks links = AccessLinks.builder()   // AutoCloseable: close() it when the application stops
        .persistence(JdbcAccessLinkPersistence.create(dataSource))                  // or InMemoryAccessLinkPersistence
        .notifier(emailNotifier).notifier(smsNotifier)                             // EMAIL, SMS
        .doors(doorController)                                                     // e.g. MQTT
        .clock(clock)                                                              // e.g. Clock.systemUTC()
        .build();

    OrganizationId acme = OrganizationId.of("acme");
    AdminId alice = AdminId.of("alice");
    links.saveOrganization(new SaveOrganizationCommand(acme, alice, "Acme HQ",    // create or change
        ZoneId.of("Europe/Paris"), URI.create("https://doors.acme.example/l/")));

    SentAccessLink sent = links.send(SendAccessLinkCommand.manual(acme, alice, "Ada Lovelace",
        GroupId.of("visitors"), ValidityWindow.endingAt(clock.instant().plus(Duration.ofHours(8)))));
    String url = sent.manualUrlIfAny().orElseThrow().reveal();   // shown once, never again

    UnlockOutcome outcome = links.unlock(new UnlockDoorCommand(url, DoorId.of("front-door")));  // the URL or its secret
    AccessLink now = links.getLink(acme, sent.link().id());      // delivery state, revocation, last use
    // up to here
    links.close();
    return new Result(outcome, now);
  }
}
