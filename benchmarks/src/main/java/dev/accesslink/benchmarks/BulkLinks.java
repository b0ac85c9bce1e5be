package dev.accesslink.benchmarks;

import dev.accesslink.core.domain.AccessLinkId;
import dev.accesslink.core.domain.LinkSecret;
import dev.accesslink.core.domain.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads many MANUAL links straight into the adapter's own {@code al_link} table with one {@code
 * COPY}, and keeps the quota counter equal to what the adapter would have counted. A sample of the
 * links, spread evenly over the table, gets secrets the suite knows, so it can unlock with them.
 */
final class BulkLinks {
  private static final String COLUMNS = "id, organization, channel, recipient_name, group_id, issued_by, created_at,"
      + " secret_hash, quota_month, quota_held, delivery_status, attempts";

  /** What was loaded. */
  record Loaded(List<String> knownSecrets, String middleId, long millis) {}

  private BulkLinks() {}

  static Loaded load(DataSource pool, OrganizationId org, int count, int known) throws Exception {
    long t0 = System.nanoTime();
    int stride = Math.max(1, count / known);
    List<String> secrets = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    SecureRandom secure = new SecureRandom();
    SplittableRandom fast = new SplittableRandom(42);
    long firstMillis = Instant.now().minusSeconds(3 * 365 * 86_400L).toEpochMilli();
    long step = Math.max(1, (3 * 365 * 86_400_000L) / count);
    String middleId = "";
    byte[] hash = new byte[32];
    try (Connection c = pool.getConnection()) {
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY al_link (" + COLUMNS + ") FROM STDIN");
      StringBuilder b = new StringBuilder(1 << 20);
      String orgText = org.value();
      for (int i = 0; i < count; i++) {
        long millis = firstMillis + i * step;
        AccessLinkId id = AccessLinkId.generate(Instant.ofEpochMilli(millis), fast);
        if (i == count / 2) {
          middleId = id.toString();
        }
        String hashHex;
        if (i % stride == stride / 2 && secrets.size() < known) {
          LinkSecret secret = LinkSecret.generate(secure);
          secrets.add(secret.reveal());
          hashHex = secret.hash().toHex();
        } else {
          fast.nextBytes(hash);
          hashHex = hex.formatHex(hash);
        }
        b.append(id).append('\t').append(orgText).append("\tMANUAL\tVisitor ").append(i).append('\t')
            .append(Library.GROUP.value()).append('\t').append(Library.ADMIN.value()).append('\t')
            .append(millis * 1000).append('\t').append(hashHex).append("\t0\t1\tNOT_REQUIRED\t0\n");
        if (b.length() > (1 << 20) - 400) {
          byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
          copy.writeToCopy(bytes, 0, bytes.length);
          b.setLength(0);
        }
      }
      byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      copy.endCopy();
      try (PreparedStatement p = c.prepareStatement(
          // the counter's stripe 0 (schema version 2); cap 0, so the next limited send rebalances
          "INSERT INTO al_quota_stripe (organization, channel, quota_month, stripe, used, cap, cap_limit)"
              + " VALUES (?, 'MANUAL', 0, 0, ?, 0, -1) ON CONFLICT (organization, channel, quota_month, stripe)"
              + " DO UPDATE SET used = al_quota_stripe.used + ?")) {
        p.setString(1, orgText);
        p.setLong(2, count);
        p.setLong(3, count);
        p.executeUpdate();
      }
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE al_link");
      }
    }
    return new Loaded(secrets, middleId, (System.nanoTime() - t0) / 1_000_000);
  }
}
