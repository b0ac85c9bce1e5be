package dev.accesslink.example.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.DeliveryStatus;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.memory.RecordingDoorController;
import dev.accesslink.core.memory.RecordingLinkNotifier;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import java.time.Clock;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's Java snippet is {@link ReadmeSnippet}'s, which compiles, and it works as shown. */
@DisplayName("README.md \"Use it\"")
class ReadmeSnippetTest {

  @Test
  @DisplayName("shows ReadmeSnippet.java's code as it is")
  void the_readme_shows_the_compiled_snippet() {
    String shown = DocSnippets.javaBlockAfter("README.md", "<!-- ReadmeSnippet.java -->");
    String compiled = DocSnippets.region("ReadmeSnippet.java", "README.md \"Use it\" shows", "// up to here");
    assertThat(DocSnippets.normalized(shown)).isEqualTo(DocSnippets.normalized(compiled));
  }

  @Test
  @DisplayName("its snippet sends a manual link that opens the front door (H2, in-memory notifiers and doors)")
  void the_snippet_runs() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:readme-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    // the one thing the snippet takes for granted: the group it sends a link for
    JdbcAccessLinkPersistence.create(h2).groups().save(new Group(OrganizationId.of("acme"),
        GroupId.of("visitors"), "Visitors", List.of(new Door(DoorId.of("front-door"), "Front door"))));
    RecordingDoorController doors = new RecordingDoorController();

    ReadmeSnippet.Result result = ReadmeSnippet.useIt(h2, new RecordingLinkNotifier(DeliveryChannel.EMAIL),
        new RecordingLinkNotifier(DeliveryChannel.SMS), doors, Clock.systemUTC());

    assertThat(result.outcome()).isInstanceOf(UnlockOutcome.Unlocked.class);
    assertThat(doors.commands()).singleElement()
        .satisfies(c -> assertThat(c.door()).isEqualTo(DoorId.of("front-door")));
    assertThat(result.link().delivery().status()).isEqualTo(DeliveryStatus.NOT_REQUIRED);
  }
}
