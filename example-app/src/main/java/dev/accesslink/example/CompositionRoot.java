package dev.accesslink.example;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.port.out.AccessEvents;
import dev.accesslink.core.port.out.AccessLinkStore;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.GroupDirectory;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.testkit.memory.InMemoryAccessEvents;
import dev.accesslink.testkit.memory.InMemoryAccessLinkStore;
import dev.accesslink.testkit.memory.InMemoryGroupDirectory;
import dev.accesslink.testkit.memory.InMemoryOrganizations;
import dev.accesslink.testkit.memory.RecordingDoorController;
import dev.accesslink.testkit.memory.RecordingLinkNotifier;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place where the example app is wired, with plain {@code new}, top to bottom: pick an
 * adapter for every out-port (embedded defaults, or the real service when its switch is set), build
 * {@link AccessLinks}, seed the demo organization, start the delivery dispatcher and the web
 * server. Nothing else in the app names an adapter class; this is the reference for how a product
 * wires the library.
 */
public final class CompositionRoot {
  private static final System.Logger LOG = System.getLogger(CompositionRoot.class.getName());
  private static final int HTTP_THREADS = 16;

  private CompositionRoot() {}

  /**
   * Starts the app as configured and returns once it serves requests.
   *
   * @throws IOException when the port cannot be bound
   * @throws IllegalArgumentException for a malformed switch
   */
  public static RunningApp start(AppConfig config) throws IOException {
    List<AutoCloseable> resources = new ArrayList<>();
    List<String> wiring = new ArrayList<>();
    try {
      Clock clock = Clock.systemUTC();

      // The web server binds first: visitor links are built on its real port.
      HttpServer http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 128);
      int port = http.getAddress().getPort();
      URI publicUrl = config.publicUrl() != null
          ? config.publicUrl() : URI.create("http://localhost:" + port);
      ZoneId zone = config.setting("ACCESSLINK_ZONE").map(ZoneId::of).orElse(ZoneId.systemDefault());

      // ---- persistence: store, groups, organizations, audit log ----
      InMemoryAccessLinkStore store = new InMemoryAccessLinkStore();
      InMemoryGroupDirectory groupDirectory = new InMemoryGroupDirectory();
      InMemoryOrganizations organizations = new InMemoryOrganizations();
      InMemoryAccessEvents events = new InMemoryAccessEvents();
      AccessLinkStore storePort = store;
      GroupDirectory groupsPort = groupDirectory;
      Organizations organizationsPort = organizations;
      AccessEvents eventsPort = events;
      wiring.add("Database:  in memory (nothing is kept after a restart)");

      // ---- notifiers: real providers when configured, else the demo outbox ----
      DemoOutbox outbox = new DemoOutbox();
      LinkNotifier email = new OutboxLinkNotifier(DeliveryChannel.EMAIL,
          new RecordingLinkNotifier(DeliveryChannel.EMAIL)::normalize, OutboxLinkNotifier::plainEmail, outbox, clock);
      wiring.add("E-mail:    captured in the demo outbox (no SMTP server configured)");
      LinkNotifier sms = new OutboxLinkNotifier(DeliveryChannel.SMS,
          new RecordingLinkNotifier(DeliveryChannel.SMS)::normalize, OutboxLinkNotifier::plainSms, outbox, clock);
      wiring.add("SMS:       captured in the demo outbox (no Twilio account configured)");

      // ---- doors ----
      DoorController doors = new RecordingDoorController();
      wiring.add("Doors:     simulated in memory, every door opens");

      // ---- the library ----
      AccessLinks links = AccessLinks.builder()
          .store(storePort)
          .groups(groupsPort)
          .organizations(organizationsPort)
          .events(eventsPort)
          .notifier(email)
          .notifier(sms)
          .doors(doors)
          .clock(clock)
          .build();

      // ---- the demo organization ----
      organizationsPort.save(DemoSeed.organization(
          organizationsPort.find(DemoSeed.ORGANIZATION), publicUrl.resolve("/l/"), zone));
      for (Group g : DemoSeed.GROUPS) {
        groupDirectory.put(g);
      }

      // ---- the delivery dispatcher: retries and deliveries left by a crash ----
      ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor(daemon("accesslink-dispatcher"));
      long every = config.dispatchInterval().toMillis();
      dispatcher.scheduleWithFixedDelay(() -> {
        try {
          links.dispatchDue();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "dispatcher pass failed: " + e.getClass().getName() + ": " + e.getMessage());
        }
      }, every, every, TimeUnit.MILLISECONDS);
      resources.add(() -> {
        dispatcher.shutdown();
        dispatcher.awaitTermination(5, TimeUnit.SECONDS);
      });

      // ---- the web app ----
      String token = config.adminToken() != null ? config.adminToken() : AppConfig.generateToken();
      WebApp web = new WebApp(links, organizationsPort, groupsPort, eventsPort, outbox, token,
          AdminId.of(config.setting("ACCESSLINK_ADMIN_ID").orElse("admin")), clock, objectMapper(),
          config.maxBodyBytes());
      ThreadPoolExecutor workers = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 30, TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(256), daemon("accesslink-http"), new ThreadPoolExecutor.CallerRunsPolicy());
      workers.allowCoreThreadTimeOut(true);
      http.setExecutor(workers);
      http.createContext("/", web);
      http.start();
      resources.add(() -> {
        http.stop(1);
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
      });
      return new RunningApp(publicUrl, port, token, config.adminToken() == null, wiring, resources);
    } catch (IOException | RuntimeException e) {
      new RunningApp(URI.create("http://localhost/"), 0, "", false, wiring, resources).close();
      throw e;
    }
  }

  /** Jackson as the API wants it: ISO-8601 instants, strict parsing. */
  static ObjectMapper objectMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
        .build();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
