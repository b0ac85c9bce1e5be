package dev.accesslink.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.AccessLinksBuilder;
import dev.accesslink.core.application.UnlockBookkeeping;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.in.SentAccessLink;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.out.DoorResponse;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The process {@link CrashRecoveryTest} kills: the real JDBC adapter and the library on a
 * database given by URL, under a burst of sends and unlocks, reporting on stdout every
 * acknowledgement the moment it is given. A line reaches the parent once written to the pipe, so
 * the parent knows of nothing that was not acknowledged; it may miss the last few acknowledgements
 * (still in this process when it dies), which only makes the check weaker, never wrong.
 *
 * <pre>
 * LINK &lt;id&gt;                       send() returned: the link was acknowledged (its URL shown)
 * OPEN &lt;command&gt; &lt;link&gt; &lt;door&gt;   the door controller opened the door (before answering)
 * READY                            set-up done, the burst starts
 * </pre>
 *
 * <p>Arguments: JDBC URL, user, {@link UnlockBookkeeping} name, organization, group, doors
 * (comma-separated), sender threads, unlocker threads, the secrets of the links to unlock with
 * (comma-separated).
 */
public final class CrashChild {
  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

  private static final long LOCK_ROUND_TRIP_NANOS = 2_000_000;

  private CrashChild() {}

  static void say(String line) {
    synchronized (OUT) {
      OUT.println(line);
      OUT.flush();
    }
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    UnlockBookkeeping mode = UnlockBookkeeping.valueOf(args[2]);
    OrganizationId org = OrganizationId.of(args[3]);
    GroupId group = GroupId.of(args[4]);
    List<DoorId> doors = java.util.Arrays.stream(args[5].split(",")).map(DoorId::of).toList();
    int senders = Integer.parseInt(args[6]);
    int unlockers = Integer.parseInt(args[7]);

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword("");
    config.setMaximumPoolSize(senders + unlockers + 2);
    HikariDataSource pool = new HikariDataSource(config);
    JdbcAccessLinkPersistence p =
        JdbcAccessLinkPersistence.create(pool, JdbcSettings.builder().migrateOnCreate(false).build());
    AccessLinksBuilder builder = AccessLinks.builder().persistence(p).unlockBookkeeping(mode)
        .doors(command -> {
          // a lock's round trip takes about a millisecond or two over MQTT: the door opens, then answers
          say("OPEN " + command.commandId() + " " + command.link() + " " + command.door().value());
          LockSupport.parkNanos(LOCK_ROUND_TRIP_NANOS);
          return new DoorResponse.Unlocked();
        });
    AccessLinks links = builder.build();

    List<String> secrets = List.of(args[8].split(","));
    say("READY");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < senders; t++) {
      int n = t;
      threads.add(new Thread(() -> {
        for (int i = 0; ; i++) {
          send(links, org, group, "Visitor " + n + "-" + i);
        }
      }));
    }
    for (int t = 0; t < unlockers; t++) {
      threads.add(new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
          links.unlock(new UnlockDoorCommand(secrets.get(random.nextInt(secrets.size())),
              doors.get(random.nextInt(doors.size()))));
        }
      }));
    }
    threads.forEach(Thread::start);
    // the parent kills this process; should it not, end on our own
    Thread.sleep(60_000);
    System.exit(3);
  }

  private static SentAccessLink send(AccessLinks links, OrganizationId org, GroupId group, String name) {
    SentAccessLink sent = links.send(SendAccessLinkCommand.manual(org, AdminId.of("crash-test"), name, group,
        ValidityWindow.always()));
    say("LINK " + sent.link().id());
    return sent;
  }
}
