package dev.accesslink.benchmarks;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AccessEvent;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.port.in.UnlockDoorCommand;
import dev.accesslink.core.port.in.UnlockOutcome;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.testkit.memory.InMemoryAccessLinkStore;
import dev.accesslink.testkit.memory.InMemoryGroupDirectory;
import dev.accesslink.testkit.memory.InMemoryOrganizations;
import java.net.URI;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: the in-process CPU cost of an unlock, with every I/O taken away — the library's unlock use
 * case on the testkit's in-memory adapters with a door that answers at once, against its floor (the
 * SHA-256 of the presented secret and one hash-map lookup). Shows what the library itself adds per
 * unlock, apart from round trips.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UnlockCpuBenchmark {
  private AccessLinks links;
  private final List<String> secrets = new ArrayList<>();
  private final Map<String, String> floorIndex = new ConcurrentHashMap<>();
  private int next;

  /** Builds the library on in-memory adapters and sends 1,000 links. */
  @Setup(Level.Trial)
  public void setUp() {
    OrganizationId org = OrganizationId.of("cpu");
    InMemoryOrganizations organizations = new InMemoryOrganizations();
    organizations.save(OrganizationSettings.of(org, "CPU", URI.create("https://links.example/l")));
    InMemoryGroupDirectory groups = new InMemoryGroupDirectory()
        .put(new Group(org, Library.GROUP, "Lobby", List.of(new Door(Library.DOOR, "Front door"))));
    AccessEvents discard = new AccessEvents() {
      @Override
      public void record(AccessEvent event) {}

      @Override
      public List<AccessEvent> recent(OrganizationId organization, int limit) {
        return List.of();
      }
    };
    links = AccessLinks.builder()
        .store(new InMemoryAccessLinkStore())
        .groups(groups)
        .organizations(organizations)
        .events(discard)
        .unlockJournal(new dev.accesslink.testkit.memory.InMemoryUnlockJournal(
            new dev.accesslink.testkit.memory.InMemoryAccessEvents()))
        .doors(command -> new DoorResponse.Unlocked())
        .build();
    for (int i = 0; i < 1_000; i++) {
      String secret = Library.secretOf(Library.sendManual(links, org));
      secrets.add(secret);
      floorIndex.put(LinkSecret.parse(secret).orElseThrow().hash().toHex(), "link-" + i);
    }
  }

  /** The library's unlock use case, I/O-free. */
  @Benchmark
  public UnlockOutcome library() {
    next = (next + 1) % secrets.size();
    return links.unlock(new UnlockDoorCommand(secrets.get(next), Library.DOOR));
  }

  /** The floor: decode, SHA-256, one map lookup. */
  @Benchmark
  public String floor() throws Exception {
    next = (next + 1) % secrets.size();
    byte[] raw = java.util.Base64.getUrlDecoder().decode(secrets.get(next));
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    return floorIndex.get(hex);
  }
}
