package dev.accesslink.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.AccessLinksBuilder;
import dev.accesslink.core.application.DeliveryPolicy;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.domain.OrganizationSettings;
import dev.accesslink.core.domain.QuotaLimits;
import dev.accesslink.core.domain.ValidityWindow;
import dev.accesslink.core.port.in.DispatchReport;
import dev.accesslink.core.port.in.SendAccessLinkCommand;
import dev.accesslink.core.port.out.AddressCheck;
import dev.accesslink.core.port.out.DeliveryResult;
import dev.accesslink.core.port.out.DoorResponse;
import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.email.EmailLinkNotifier;
import dev.accesslink.email.SmtpSecurity;
import dev.accesslink.email.SmtpSettings;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Figure 8: a backlog of pending e-mail links drained by the library's dispatcher to a local SMTP
 * server, against a bare Jakarta Mail loop sending the same messages to the same server.
 */
final class DeliveryDrainFigure extends SuitePart {
  /** The targets of issue 19: one instance against the bare loop, and two instances against it. */
  static final double ONE_TARGET = 0.8;
  static final double TWO_TARGET = 1.6;
  private static final String FROM = "access@bench.example";

  DeliveryDrainFigure(SuiteState state) {
    super(state);
  }

  void measure(Postgres pg) throws Exception {
    int count = quick ? 200 : 2_000;
    log("figure 8: delivery drain, " + count + " e-mails");
    DrainMailServer smtp = DrainMailServer.start();
    closeables.add(smtp::stop);
    int port = smtp.port();
    // each instance has its notifier, as two application instances would: SMTP connections are
    // kept per notifier (SmtpSettings defaults)
    EmailLinkNotifier email = keepNotifier(smtpSettings(port).build());
    EmailLinkNotifier emailB = keepNotifier(smtpSettings(port).build());
    // the backlog: sends whose first attempt failed for a moment (a notifier that answers
    // TransientFailure), due again at once (no backoff)
    LinkNotifier down = answering(email, () -> new DeliveryResult.TransientFailure("bench.smtp_down"));
    DeliveryPolicy policy = new DeliveryPolicy(Duration.ofMinutes(2), 8, Duration.ZERO, Duration.ZERO,
        DeliveryPolicy.defaults().batchSize());
    String schema = pg.createSchema("drain");
    HikariDataSource poolA = pg.pool(schema, 10);
    HikariDataSource poolB = pg.pool(schema, 10);
    JdbcAccessLinkPersistence persistenceA = JdbcAccessLinkPersistence.create(poolA);
    JdbcAccessLinkPersistence persistenceB = JdbcAccessLinkPersistence.create(poolB);
    OrganizationId org = OrganizationId.of("drain");
    persistenceA.organizations().save(OrganizationSettings.of(org, "Bench drain", URI.create("https://links.example/l"))
        .withQuotaLimits(QuotaLimits.defaults().with(DeliveryChannel.EMAIL, Long.MAX_VALUE)));
    persistenceA.groups().save(new Group(org, Library.GROUP, "Lobby",
        List.of(new dev.accesslink.core.domain.Door(Library.DOOR, "Front door"))));
    dev.accesslink.core.port.out.DoorController noDoor = c -> new DoorResponse.Unreachable("not used");
    AccessLinks producer = keep(AccessLinks.builder().persistence(persistenceA).notifier(down).doors(noDoor)
        .deliveryPolicy(policy).dispatchEvery(Duration.ZERO).build());
    AccessLinks instanceA = keep(AccessLinks.builder().persistence(persistenceA).notifier(email).doors(noDoor)
        .deliveryPolicy(policy).dispatchEvery(Duration.ZERO).build());
    AccessLinks instanceB = keep(AccessLinks.builder().persistence(persistenceB).notifier(emailB).doors(noDoor)
        .deliveryPolicy(policy).dispatchEvery(Duration.ZERO).build());
    // before, in the same rounds: notifiers that open a new SMTP connection for every message
    // (maxIdleConnections(0)), as the adapter did before it kept connections
    AccessLinks beforeA = keep(AccessLinks.builder().persistence(persistenceA)
        .notifier(keepNotifier(smtpSettings(port).maxIdleConnections(0).build())).doors(noDoor)
        .deliveryPolicy(policy).dispatchEvery(Duration.ZERO).build());
    AccessLinks beforeB = keep(AccessLinks.builder().persistence(persistenceB)
        .notifier(keepNotifier(smtpSettings(port).maxIdleConnections(0).build())).doors(noDoor)
        .deliveryPolicy(policy).dispatchEvery(Duration.ZERO).build());

    // warm-up, and the message the bare loop sends: one the library sent (same size, same headers)
    // warm enough that the first path measured does not pay for the JIT compiler: with 50 or 500
    // messages of warm-up, C2 still compiled for seconds during the first path (JFR), which cost it
    // about 2 ms of CPU a message
    int warm = quick ? 50 : count;
    backlog(producer, org, warm, "warmup");
    drain(List.of(instanceA));
    backlog(producer, org, warm, "warmup2");
    drain(List.of(instanceA, instanceB));
    backlog(producer, org, warm, "warmup3");
    drain(List.of(beforeA, beforeB));
    byte[] sample = smtp.firstMessage();
    bare(port, sample, warm, "warmup", false);
    bare(port, sample, warm, "warmup1", true);
    // and the server that only counts, for the rows that show what the server's filing costs
    smtp.fileMessages(false);
    backlog(producer, org, warm, "warmup4");
    drain(List.of(instanceA, instanceB));
    bare(port, sample, warm, "warmup5", false);
    smtp.fileMessages(true);
    smtp.forget();

    // CPU per message, which other load on the machine disturbs far less than messages/s: this
    // JVM's (library or bare loop, and GreenMail) and the PostgreSQL backends' of both pools
    long[] backends = java.util.stream.LongStream.concat(
        java.util.Arrays.stream(HotPathProfile.backendPids(poolA)),
        java.util.Arrays.stream(HotPathProfile.backendPids(poolB))).toArray();
    List<String> names = List.of("one instance", "two instances", "bare loop", "bare loop, one connection",
        "one instance, a connection per message", "two instances, a connection per message",
        "two instances, a server that only counts", "bare loop, a server that only counts");
    int paths = names.size();
    double[] cpu = new double[paths];
    double[] pgCpu = new double[paths];
    Runs one = new Runs("one instance / bare loop (messages/s)");
    Runs two = new Runs("two instances / bare loop (messages/s)");
    Runs oneBefore = new Runs("before, one instance with a connection per message / bare loop (messages/s)");
    Runs twoBefore = new Runs("before, two instances with a connection per message / bare loop (messages/s)");
    Runs twoCounted = new Runs("a server that only counts: two instances / bare loop (messages/s)");
    List<double[]> all = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    for (int run = 0; run < Runs.COUNT; run++) {
      double[] r = new double[paths];
      // order rotates from run to run, so drift hits all paths alike
      for (int k = 0; k < paths; k++) {
        int which = (run * 2 + k) % paths;
        String tag = "r" + run + "p" + which;
        double rate;
        smtp.fileMessages(which < 6);
        if (which != 2 && which != 3 && which != 7) {
          backlog(producer, org, count, tag);
          smtp.forget();
          long c0 = processCpu();
          long p0 = HotPathProfile.backendCpu(backends);
          long t0 = System.nanoTime();
          drain(switch (which) {
            case 0 -> List.of(instanceA);
            case 1, 6 -> List.of(instanceA, instanceB);
            case 4 -> List.of(beforeA);
            default -> List.of(beforeA, beforeB);
          });
          rate = count / ((System.nanoTime() - t0) / 1e9);
          cpu[which] += (processCpu() - c0) / 1e6 / count / Runs.COUNT;
          pgCpu[which] += (HotPathProfile.backendCpu(backends) - p0) / 1e6 / count / Runs.COUNT;
        } else {
          smtp.forget();
          long c0 = processCpu();
          long t0 = System.nanoTime();
          bare(port, sample, count, tag, which == 3);
          rate = count / ((System.nanoTime() - t0) / 1e9);
          cpu[which] += (processCpu() - c0) / 1e6 / count / Runs.COUNT;
        }
        log("  " + tag + " " + names.get(which) + ": " + Math.round(rate) + " messages/s");
        String check = smtp.sentOnce(recipients(tag, count), tag);
        if (!check.isEmpty()) {
          failures.add("delivery drain: " + check);
        }
        if (which == 1 && run == 0) {
          checks.add(check.isEmpty() ? "each of the " + fmt(count) + " messages arrived exactly once" : check);
        }
        r[which] = rate;
      }
      one.add(Double.NaN, r[0] / r[2]);
      two.add(Double.NaN, r[1] / r[2]);
      oneBefore.add(Double.NaN, r[4] / r[2]);
      twoBefore.add(Double.NaN, r[5] / r[2]);
      twoCounted.add(Double.NaN, r[6] / r[7]);
      all.add(r);
    }
    double[] m = all.get(one.medianRun());
    // the dispatcher's own cost, without SMTP: a notifier that answers Sent at once
    LinkNotifier instant = answering(email, () -> new DeliveryResult.Sent("bench-" + UUID.randomUUID()));
    double instantRate;
    try (AccessLinks noSmtp = AccessLinks.builder().persistence(persistenceA).notifier(instant).doors(noDoor)
        .deliveryPolicy(policy).dispatchEvery(Duration.ZERO).build()) {
      backlog(producer, org, count, "instant");
      long t0 = System.nanoTime();
      drain(List.of(noSmtp));
      instantRate = count / ((System.nanoTime() - t0) / 1e9);
    }
    // before/after in the same run: one instance attempting its batch one delivery at a time
    double serialRate;
    try (AccessLinks serial = AccessLinks.builder().persistence(persistenceA).notifier(email).doors(noDoor)
        .deliveryPolicy(policy).dispatchEvery(Duration.ZERO).dispatchParallelism(1).build()) {
      backlog(producer, org, count, "serial");
      smtp.forget();
      long t0 = System.nanoTime();
      drain(List.of(serial));
      serialRate = count / ((System.nanoTime() - t0) / 1e9);
      String check = smtp.sentOnce(recipients("serial", count), "serial");
      if (!check.isEmpty()) {
        failures.add("delivery drain: " + check);
      }
    }
    Report.Figure f = new Report.Figure("8. Delivery drain: " + fmt(count) + " pending e-mails",
        "A backlog of " + fmt(count) + " EMAIL links whose first attempt failed for a moment (made by the library"
            + " with a notifier that answered `TransientFailure`, due again at once), drained by"
            + " `AccessLinks.dispatchDue()` called in a loop until a pass claims nothing (claim a batch of "
            + policy.batchSize() + " with a lease, mint a fresh secret per attempt, store its hash, render,"
            + " `EmailLinkNotifier` over SMTP, the connection kept for the next message (`SmtpSettings` defaults: up to "
            + SmtpSettings.DEFAULT_MAX_IDLE_CONNECTIONS + " kept, each checked with `NOOP` before reuse), record the result and the audit event;"
            + " each pass attempts up to " + AccessLinksBuilder.DEFAULT_DISPATCH_PARALLELISM + " deliveries of its"
            + " batch at once, the default `dispatchParallelism`, and returns when all are recorded)"
            + " to GreenMail in the suite's JVM (127.0.0.1, plain SMTP; `TCP_NODELAY` set by the suite on the"
            + " sockets it accepts, as a production server has it: without it each connection's multi-line `EHLO`"
            + " answer waits about 40 ms for a delayed ACK). Two instances: two `AccessLinks`"
            + " with their own pools and notifiers on one database, one thread calling `dispatchDue()` each. Floor: a bare,"
            + " single-threaded Jakarta Mail loop sending the same number of messages (one the library sent, as the server received it, parsed"
            + " again for each recipient: same headers and parts) to the same server with `Transport.send` (one connection per message,"
            + " as the issue defines it); for contrast, the same loop over one connection. Every message is counted"
            + " at the server, by envelope recipient. For contrast, in the same runs: two instances and the bare loop"
            + " again against a server that only counts, reading and parsing each message without filing it into a"
            + " mailbox (GreenMail files under one lock for the whole server and finds a recipient's mailbox by"
            + " scanning all of them: more than half of its CPU in the figure). Before, in the same runs: both again with notifiers that keep no connection"
            + " (`maxIdleConnections(0)`, a new connection per message, as the adapter did before it kept them). "
            + Runs.COUNT + " consecutive runs, the " + paths + " paths in rotating order;"
            + " the table shows the run with the median one-instance ratio.");
    f.row("library: one dispatching instance", new Stats(0).throughput(m[0], "messages/s"))
        .row("library: two dispatching instances on one database", new Stats(0).throughput(m[1], "messages/s"))
        .row("floor: bare Jakarta Mail loop, `Transport.send` per message", new Stats(0).throughput(m[2], "messages/s"))
        .row("for contrast: bare loop over one SMTP connection", new Stats(0).throughput(m[3], "messages/s"))
        .row("for contrast: library, one instance, a notifier that answers `Sent` at once (the dispatcher's own"
            + " work, no SMTP; one drain after the runs)", new Stats(0).throughput(instantRate, "messages/s"))
        .row("for contrast: library, one instance, `dispatchParallelism(1)`: one delivery at a time (connections kept), as before"
            + " issue 19's second round (one drain after the runs)", new Stats(0).throughput(serialRate, "messages/s"))
        .row("before: library, one instance, `maxIdleConnections(0)`: a new SMTP connection for every message, as before"
            + " connections were kept", new Stats(0).throughput(m[4], "messages/s"))
        .row("before: library, two instances, `maxIdleConnections(0)`", new Stats(0).throughput(m[5], "messages/s"))
        .row("for contrast: library, two instances, a server that only counts (no filing into mailboxes)",
            new Stats(0).throughput(m[6], "messages/s"))
        .row("for contrast: bare loop, `Transport.send` per message, a server that only counts",
            new Stats(0).throughput(m[7], "messages/s"));
    f.ratio(String.format(java.util.Locale.ROOT, "CPU per message, mean of the runs (this JVM: library or loop, and"
        + " GreenMail; + PostgreSQL backends): one instance %.2f + %.2f ms, two instances %.2f + %.2f ms, bare loop"
        + " %.2f ms, bare loop over one connection %.2f ms; one instance / bare loop %s (JVM alone %s)",
        cpu[0], pgCpu[0], cpu[1], pgCpu[1], cpu[2], cpu[3], Report.x((cpu[0] + pgCpu[0]) / cpu[2]),
        Report.x(cpu[0] / cpu[2])));
    f.ratio(one.line());
    f.ratio(two.line());
    f.ratio("two instances, counted at the server: " + String.join("; ", checks));
    f.ratio("one instance, default parallelism (median run) / `dispatchParallelism(1)`: "
        + Report.x(m[0] / serialRate) + "; `dispatchParallelism(1)` / bare loop (median run): "
        + Report.x(serialRate / m[2]));
    f.ratio(twoCounted.line() + " (no target: what the library reaches when the server's filing is not on the bare"
        + " loop's path)");
    f.ratio(String.format(java.util.Locale.ROOT, "CPU per message with a server that only counts: two instances"
        + " %.2f + %.2f ms, bare loop %.2f ms", cpu[6], pgCpu[6], cpu[7]));
    f.ratio(oneBefore.line());
    f.ratio(twoBefore.line());
    f.ratio(String.format(java.util.Locale.ROOT, "connections kept / a connection per message, same runs: one instance"
        + " %s, two instances %s (medians of the runs' ratios to the bare loop); CPU per message with a connection"
        + " per message: one instance %.2f + %.2f ms, two instances %.2f + %.2f ms",
        Report.x(one.medianThroughput() / oneBefore.medianThroughput()),
        Report.x(two.medianThroughput() / twoBefore.medianThroughput()), cpu[4], pgCpu[4], cpu[5], pgCpu[5]));
    boolean met = one.medianThroughput() >= ONE_TARGET && two.medianThroughput() >= TWO_TARGET;
    f.verdict = "targets one instance ≥ " + Report.x(ONE_TARGET) + " (median " + Report.x(one.medianThroughput())
        + "), two instances ≥ " + Report.x(TWO_TARGET) + " (median " + Report.x(two.medianThroughput())
        + ") of the bare loop, each message once: " + (met && failures.stream().noneMatch(
            s -> s.startsWith("delivery drain")) ? "met" : "missed");
    report.figures.add(f);
  }

  /** An EMAIL notifier that checks addresses as {@code addresses} does and answers every message with {@code answer}. */
  private static LinkNotifier answering(LinkNotifier addresses, java.util.function.Supplier<DeliveryResult> answer) {
    return new LinkNotifier() {
      @Override
      public DeliveryChannel channel() {
        return DeliveryChannel.EMAIL;
      }

      @Override
      public AddressCheck normalize(String rawAddress) {
        return addresses.normalize(rawAddress);
      }

      @Override
      public DeliveryResult deliver(LinkMessage message) {
        return answer.get();
      }
    };
  }

  private static SmtpSettings.Builder smtpSettings(int port) {
    return SmtpSettings.builder().host("127.0.0.1").port(port).security(SmtpSecurity.NONE).fromAddress(FROM)
        .localHostName("bench.example").timeouts(Duration.ofSeconds(30));
  }

  private EmailLinkNotifier keepNotifier(SmtpSettings settings) {
    EmailLinkNotifier notifier = EmailLinkNotifier.create(settings);
    closeables.add(notifier::close);
    return notifier;
  }

  /** CPU nanoseconds this JVM has run, all threads. */
  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String recipient(String tag, int i) {
    return "visitor-" + tag + "-" + i + "@bench.example";
  }

  /** The recipients of a path's {@code count} messages. */
  private static List<String> recipients(String tag, int count) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> recipient(tag, i)).toList();
  }

  /** {@code count} EMAIL links left pending (first attempt failed, due again at once). */
  private static void backlog(AccessLinks producer, OrganizationId org, int count, String tag) {
    for (int i = 0; i < count; i++) {
      producer.send(SendAccessLinkCommand.email(org, Library.ADMIN, "Ada Visitor " + i, recipient(tag, i),
          Library.GROUP, ValidityWindow.always()));
    }
  }

  /** Each instance dispatches on its own thread until a pass claims nothing. */
  private static void drain(List<AccessLinks> instances) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(instances.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (AccessLinks links : instances) {
        done.add(threads.submit(() -> {
          DispatchReport r;
          do {
            r = links.dispatchDue();
            if (r.retried() > 0 || r.failed() > 0) {
              throw new IllegalStateException("delivery drain: a delivery did not go out: " + r);
            }
          } while (r.claimed() > 0);
          return null;
        }));
      }
      for (Future<?> d : done) {
        d.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * The floor: the message the library sent ({@code sample}, as the server received it), parsed
   * again for each recipient and sent with plain Jakarta Mail.
   */
  private static void bare(int port, byte[] sample, int count, String tag, boolean oneConnection)
      throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", Integer.toString(port));
    p.put("mail.smtp.localhost", "bench.example");
    Session session = Session.getInstance(p);
    Transport shared = oneConnection ? session.getTransport("smtp") : null;
    if (shared != null) {
      shared.connect();
    }
    try {
      for (int i = 0; i < count; i++) {
        // the message the library sent (headers, parts and all), to this message's recipient
        MimeMessage m = new MimeMessage(session, new java.io.ByteArrayInputStream(sample));
        m.removeHeader("Received");
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient(tag, i)));
        if (shared != null) {
          m.saveChanges();
          shared.sendMessage(m, m.getAllRecipients());
        } else {
          Transport.send(m);
        }
      }
    } finally {
      if (shared != null) {
        shared.close();
      }
    }
  }
}
