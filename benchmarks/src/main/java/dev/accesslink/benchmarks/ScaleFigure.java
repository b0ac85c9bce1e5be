package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.domain.LinkFilter;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.in.AccessLinkPage;
import dev.accesslink.core.port.in.ListAccessLinksQuery;
import dev.accesslink.mqtt.MqttDoorController;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Figure 4: unlock and the admin list page at a large table, against a small one and the floor. */
final class ScaleFigure extends SuitePart {
  ScaleFigure(SuiteState state) {
    super(state);
  }

  void measure(Postgres pg, MqttDoorController doors, MqttLockSimulator locks, RawMqttRoundTrip rawOwn)
      throws Exception {
    log("figure 4: scale, loading " + largeCount + " links");
    String smallSchema = pg.createSchema("scale_small");
    String largeSchema = pg.createSchema("scale_large");
    HikariDataSource smallPool = pg.pool(smallSchema, 4);
    HikariDataSource largePool = pg.pool(largeSchema, 4);
    Library small = new Library(smallPool, doors);
    Library large = new Library(largePool, doors);
    OrganizationId smallOrg = small.organization("scale-small", Long.MAX_VALUE);
    OrganizationId largeOrg = large.organization("scale-large", Long.MAX_VALUE);
    locks.addLock(smallOrg, Library.DOOR);
    locks.addLock(largeOrg, Library.DOOR);
    BulkLinks.Loaded smallLinks = BulkLinks.load(smallPool, smallOrg, 1_000, 1_000);
    BulkLinks.Loaded largeLinks = BulkLinks.load(largePool, largeOrg, largeCount, 1_000);
    log("loaded " + largeCount + " links in " + largeLinks.millis() + " ms");
    List<String> smallHashes = hashes(smallLinks.knownSecrets());
    List<String> largeHashes = hashes(largeLinks.knownSecrets());

    AtomicInteger next = new AtomicInteger();
    Measure.Op libSmall = Measure.settled(() -> unlockOnce(small, pick(smallLinks.knownSecrets(), next)), small::settle);
    Measure.Op libLarge = Measure.settled(() -> unlockOnce(large, pick(largeLinks.knownSecrets(), next)), large::settle);
    Measure.Op floorSmall = () -> {
      selectByHash(smallPool, pick(smallHashes, next));
      rawOwn.roundTrip();
    };
    Measure.Op floorLarge = () -> {
      selectByHash(largePool, pick(largeHashes, next));
      rawOwn.roundTrip();
    };
    Runs runs = new Runs("unlock at " + fmt(largeCount) + " / at 1,000");
    List<List<Stats>> all = new ArrayList<>();
    List<double[]> allTp = new ArrayList<>();
    WarmUp warm = Measure.warmUp(threads, slice(), libSmall, libLarge, floorSmall, floorLarge);
    for (int run = 0; run < Runs.COUNT; run++) {
      List<Stats> r = Measure.interleaved(n(200), 10, n(100), libSmall, libLarge, floorSmall, floorLarge);
      double[] t = Measure.interleavedThroughput(threads, slice(), 1, run, libSmall, libLarge, floorSmall, floorLarge);
      for (int i = 0; i < 4; i++) {
        r.get(i).throughput(t[i], threads + " threads");
      }
      runs.add(r.get(1), r.get(0));
      all.add(r);
      allTp.add(t);
    }
    List<Stats> s = all.get(runs.medianRun());
    double[] tp = allTp.get(runs.medianRun());
    Report.Figure f = new Report.Figure("4. Scale: " + String.format(Locale.ROOT, "%,d", largeCount) + " stored links",
        "Two schemas side by side: one with 1,000 links, one with " + String.format(Locale.ROOT, "%,d", largeCount)
            + " links of one organization, bulk-loaded with one `COPY` into the adapter's own `al_link` table"
            + " (indexes in place, quota counter kept equal) in " + largeLinks.millis() + " ms. Unlocks use 1,000"
            + " known secrets spread evenly over the table; each schema has its own pool of 4 connections. "
            + Runs.COUNT + " consecutive runs; the table and the ratios show the run with the median p50 ratio."
            + " The default run loads 1,000,000 links; `--scale-10m` runs this figure alone at 10,000,000.");
    f.row("library unlock, 1,000 links", s.get(0)).row("library unlock, " + fmt(largeCount) + " links", s.get(1));
    f.row("floor (SELECT + raw MQTT), 1,000 links", s.get(2)).row("floor, " + fmt(largeCount) + " links", s.get(3));
    double ratio = s.get(1).p50Millis() / s.get(0).p50Millis();
    f.ratio("median run: unlock p50 at " + fmt(largeCount) + " / at 1,000: " + Report.x(ratio) + " (p99 "
        + Report.x(s.get(1).p99Millis() / s.get(0).p99Millis()) + "); floor: "
        + Report.x(s.get(3).p50Millis() / s.get(2).p50Millis()) + "; throughput at " + fmt(largeCount) + " / at 1,000: "
        + Report.x(tp[1] / tp[0]) + " (floor " + Report.x(tp[3] / tp[2]) + ")");
    f.ratio("library / floor p50: " + Report.x(s.get(0).p50Millis() / s.get(2).p50Millis()) + " at 1,000, "
        + Report.x(s.get(1).p50Millis() / s.get(3).p50Millis()) + " at " + fmt(largeCount));
    f.ratio(runs.line());
    f.ratio(warm.line("ops/s at " + threads + " threads", "library at 1,000", "library at " + fmt(largeCount)));
    f.verdict = runs.verdict(1.2, Double.NaN);

    // the admin list page at the large table: keyset pages from the top and from the middle
    log("figure 4: list pages");
    String middleCursor = largeLinks.middleId().replace("-", "");
    Measure.Op firstPage = () -> listPage(large, largeOrg, null);
    Measure.Op deepPage = () -> listPage(large, largeOrg, middleCursor);
    String columns = "id, organization, channel, recipient_name, recipient_address, group_id, valid_from, valid_until,"
        + " issued_by, created_at, delivery_status, attempts, last_attempt_at, last_error, revoked_at,"
        + " revocation_reason, revoked_by, last_used_at";
    Measure.Op floorDeep = () -> {
      try (Connection c = largePool.getConnection(); PreparedStatement p = c.prepareStatement("SELECT " + columns
          + " FROM al_link WHERE organization = ? AND id < ? ORDER BY id DESC LIMIT 51")) {
        p.setString(1, largeOrg.value());
        p.setString(2, largeLinks.middleId());
        drain(p);
      }
    };
    Measure.Op offsetDeep = () -> {
      try (Connection c = largePool.getConnection(); PreparedStatement p = c.prepareStatement("SELECT " + columns
          + " FROM al_link WHERE organization = ? ORDER BY id DESC OFFSET ? LIMIT 51")) {
        p.setString(1, largeOrg.value());
        p.setInt(2, largeCount / 2);
        drain(p);
      }
    };
    List<Stats> l = Measure.interleaved(n(50), 10, n(30), firstPage, deepPage, floorDeep);
    double[] ltp = Measure.interleavedThroughput(threads, slice(), 1, firstPage, deepPage, floorDeep);
    for (int i = 0; i < 3; i++) {
      l.get(i).throughput(ltp[i], threads + " threads");
    }
    List<Stats> o = Measure.interleaved(1, 3, quick ? 1 : 3, offsetDeep);
    Report.Figure g = new Report.Figure("4b. Admin list page at " + fmt(largeCount) + " links",
        "`AccessLinks.list(...)`, 50 links a page, newest first, keyset (`id < cursor ORDER BY id DESC LIMIT 51` on the"
            + " `(organization, id)` index). The deep page starts at the middle of the table.");
    g.row("library: first page", l.get(0)).row("library: page at the middle (cursor)", l.get(1))
        .row("floor: bare keyset `SELECT` at the middle", l.get(2))
        .row("for contrast: `OFFSET " + fmt(largeCount / 2) + "` (what keyset avoids)", o.get(0));
    g.ratio("library deep page / first page p50: " + Report.x(l.get(1).p50Millis() / l.get(0).p50Millis())
        + "; library deep page / floor p50: " + Report.x(l.get(1).p50Millis() / l.get(2).p50Millis()));
    report.figures.add(f);
    report.figures.add(g);
  }

  private static String pick(List<String> list, AtomicInteger next) {
    return list.get(Math.floorMod(next.incrementAndGet(), list.size()));
  }

  private static List<String> hashes(List<String> secrets) {
    List<String> out = new ArrayList<>();
    for (String s : secrets) {
      out.add(dev.accesslink.core.domain.LinkSecret.parse(s).orElseThrow().hash().toHex());
    }
    return out;
  }

  private static void listPage(Library lib, OrganizationId org, String cursor) {
    AccessLinkPage page = lib.links.list(new ListAccessLinksQuery(org, LinkFilter.all(), cursor, 50));
    if (page.items().size() != 50 || page.nextCursor() == null) {
      throw new IllegalStateException("a full page was expected, got " + page.items().size());
    }
  }

  private static void drain(PreparedStatement p) throws Exception {
    int rows = 0;
    try (ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        rs.getString(1);
        rows++;
      }
    }
    if (rows != 51) {
      throw new IllegalStateException("expected 51 rows, got " + rows);
    }
  }
}
