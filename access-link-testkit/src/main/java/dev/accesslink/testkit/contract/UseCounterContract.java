package dev.accesslink.testkit.contract;

import static dev.accesslink.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.domain.AccessLink;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.GroupId;
import dev.accesslink.core.domain.LinkRules;
import dev.accesslink.core.domain.LinkUsage;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.ScheduleSlot;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.domain.WeeklySchedule;
import dev.accesslink.core.port.out.LinkRecords;
import dev.accesslink.core.port.out.UseCounter;
import dev.accesslink.core.port.out.store.InsertOutcome;
import dev.accesslink.core.port.out.store.LinkQuery;
import dev.accesslink.core.port.out.store.NewAccessLink;
import dev.accesslink.core.port.out.store.UseTake;
import dev.accesslink.testkit.Fixtures;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UseCounter} owes (see its Javadoc), and how the {@link LinkRecords} over the
 * same data keep a link's rules and show its uses: rules round-trip, a use is taken only while the
 * limit leaves one, exactly so under a race between two instances, and given back. Subclass it with
 * the counter under test and the records over the same data; each test works in a fresh
 * organization.
 */
public abstract class UseCounterContract {

  /** The counter under test. */
  protected abstract UseCounter counter();

  /**
   * A second, independent counter over the same data (another connection pool: another application
   * instance). The default is the same instance.
   */
  protected UseCounter secondCounter() {
    return counter();
  }

  /** The link records over the same data, to create links and read their uses back. */
  protected abstract LinkRecords links();

  /** Threads in the race test. */
  protected int raceThreads() {
    return 16;
  }

  private final OrganizationId org = Fixtures.newOrganization();

  private AccessLink insert(LinkRules rules) {
    AccessLink link = AccessLink.issue(Fixtures.linkId(T0), org, Fixtures.recipient(DeliveryChannel.MANUAL),
        GroupId.of("visitors"), ValidityWindow.always(), Fixtures.admin(), T0, rules, null,
        dev.accesslink.core.domain.Language.ENGLISH);
    NewAccessLink n = Fixtures.newLink(link, Fixtures.reservation(link, 1_000_000, T0));
    assertThat(links().insert(n)).isInstanceOf(InsertOutcome.Inserted.class);
    return link;
  }

  private LinkUsage usage(AccessLink link) {
    return links().findById(org, link.id()).orElseThrow().usage();
  }

  @Test
  @DisplayName("a link's rules round-trip through the link records, a schedule with a night slot included")
  void rulesRoundTrip() {
    WeeklySchedule schedule = new WeeklySchedule(List.of(
        ScheduleSlot.of(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 30)),
        ScheduleSlot.of(EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(6, 0))));
    LinkRules rules = new LinkRules(1000, 10_080, schedule);
    AccessLink link = insert(rules);
    AccessLink found = links().findById(org, link.id()).orElseThrow();
    assertThat(found.rules()).isEqualTo(rules);
    assertThat(found.usage()).isEqualTo(LinkUsage.none());
    assertThat(links().list(new LinkQuery(org, dev.accesslink.core.domain.LinkFilter.all(), null, 10)))
        .singleElement().satisfies(l -> assertThat(l.rules()).isEqualTo(rules));
    AccessLink plain = insert(LinkRules.none());
    assertThat(links().findById(org, plain.id()).orElseThrow().rules()).isEqualTo(LinkRules.none());
  }

  @Test
  @DisplayName("uses are taken up to the limit, the first sets the first use, then LimitReached changes nothing")
  void takeUpToTheLimit() {
    AccessLink link = insert(LinkRules.none().withMaxUses(2));
    assertThat(counter().take(link.id(), T0)).isEqualTo(new UseTake.Taken());
    assertThat(counter().take(link.id(), T0.plusSeconds(5))).isEqualTo(new UseTake.Taken());
    assertThat(counter().take(link.id(), T0.plusSeconds(9))).isEqualTo(new UseTake.LimitReached());
    assertThat(usage(link)).isEqualTo(new LinkUsage(2, T0));
    assertThat(links().findById(org, link.id()).orElseThrow().usesLeft()).isZero();
  }

  @Test
  @DisplayName("a link without a use limit takes any number of uses (a countdown link counts them)")
  void noLimit() {
    AccessLink link = insert(LinkRules.none().withActiveMinutesAfterFirstUse(15));
    for (int i = 1; i <= 5; i++) {
      assertThat(counter().take(link.id(), T0.plusSeconds(i))).isEqualTo(new UseTake.Taken());
    }
    assertThat(usage(link)).isEqualTo(new LinkUsage(5, T0.plusSeconds(1)));
  }

  @Test
  @DisplayName("an unknown link is UnknownLink, and giving one back is ignored")
  void unknownLink() {
    assertThat(counter().take(Fixtures.linkId(T0), T0)).isEqualTo(new UseTake.UnknownLink());
    counter().giveBack(Fixtures.linkId(T0), T0);
  }

  @Test
  @DisplayName("a use given back can be taken again; the only use given back clears the first use")
  void giveBack() {
    AccessLink link = insert(LinkRules.none().withMaxUses(1));
    assertThat(counter().take(link.id(), T0)).isEqualTo(new UseTake.Taken());
    counter().giveBack(link.id(), T0);
    assertThat(usage(link)).isEqualTo(LinkUsage.none());
    assertThat(counter().take(link.id(), T0.plusSeconds(60))).isEqualTo(new UseTake.Taken());
    assertThat(usage(link)).isEqualTo(new LinkUsage(1, T0.plusSeconds(60)));
  }

  @Test
  @DisplayName("giving back one of several uses keeps the first use, and never goes below zero")
  void giveBackKeepsFirstUse() {
    AccessLink link = insert(LinkRules.none().withMaxUses(3));
    counter().take(link.id(), T0);
    counter().take(link.id(), T0.plusSeconds(1));
    counter().giveBack(link.id(), T0.plusSeconds(1));
    assertThat(usage(link)).isEqualTo(new LinkUsage(1, T0));
    counter().giveBack(link.id(), T0);
    counter().giveBack(link.id(), T0);
    assertThat(usage(link)).isEqualTo(LinkUsage.none());
  }

  @Test
  @DisplayName("a race of two instances on a link with F uses left: exactly F takes succeed")
  void raceFromTwoInstances() throws Exception {
    int uses = 3;
    AccessLink link = insert(LinkRules.none().withMaxUses(uses));
    int n = raceThreads();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<UseTake>> takes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        UseCounter c = i % 2 == 0 ? counter() : secondCounter();
        Instant at = T0.plusMillis(i);
        takes.add(pool.submit(() -> {
          start.await(60, TimeUnit.SECONDS);
          return c.take(link.id(), at);
        }));
      }
      start.countDown();
      int taken = 0;
      for (Future<UseTake> f : takes) {
        UseTake t = f.get(60, TimeUnit.SECONDS);
        if (t instanceof UseTake.Taken) {
          taken++;
        } else {
          assertThat(t).isEqualTo(new UseTake.LimitReached());
        }
      }
      assertThat(taken).isEqualTo(uses);
      assertThat(usage(link).usesTaken()).isEqualTo(uses);
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
