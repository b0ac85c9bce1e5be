package dev.accesslink.example;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.email.EmailLinkNotifier;
import dev.accesslink.email.EmailTemplate;
import dev.accesslink.email.RenderedEmail;
import dev.accesslink.email.SmtpSecurity;
import dev.accesslink.email.SmtpSettings;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import dev.accesslink.jdbc.JdbcGroupDirectory;
import dev.accesslink.mqtt.MqttDoorController;
import dev.accesslink.mqtt.MqttDoorSettings;
import dev.accesslink.mqtt.MqttTls;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import dev.accesslink.sms.PhoneNumbers;
import dev.accesslink.sms.SmsLinkNotifier;
import dev.accesslink.sms.SmsTemplate;
import dev.accesslink.sms.TwilioSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place where the example app is wired, with plain {@code new}, top to bottom: pick an
 * adapter for every out-port (embedded defaults, or the real service when its switch is set), build
 * {@link AccessLinks} (which runs its own delivery dispatcher), seed the demo organization, start
 * the web server. Nothing else in the app names an adapter class; this is the reference for how a product
 * wires the library.
 */
public final class CompositionRoot {
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

      // ---- persistence: links, groups, organizations and the audit log in one database ----
      String dbUrl = config.setting("ACCESSLINK_DB_URL").orElseGet(() -> "jdbc:h2:file:"
          + config.dataDir().toAbsolutePath().normalize().resolve("accesslink") + ";DB_CLOSE_ON_EXIT=FALSE");
      HikariConfig pool = new HikariConfig();
      pool.setPoolName("accesslink");
      pool.setJdbcUrl(dbUrl);
      config.setting("ACCESSLINK_DB_USER").ifPresent(pool::setUsername);
      config.setting("ACCESSLINK_DB_PASSWORD").ifPresent(pool::setPassword);
      pool.setMaximumPoolSize(10);
      HikariDataSource dataSource = new HikariDataSource(pool);
      resources.add(dataSource);
      JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(dataSource); // runs the migrations
      JdbcGroupDirectory groups = persistence.groups();
      Organizations organizations = persistence.organizations();
      wiring.add("Database:     " + (config.setting("ACCESSLINK_DB_URL").isPresent()
          ? redactUrl(dbUrl) : "H2 file " + config.dataDir().resolve("accesslink.mv.db")));

      // ---- notifiers: the real provider when configured, else the demo outbox ----
      DemoOutbox outbox = new DemoOutbox();
      boolean demoOutbox = false;
      LinkNotifier email;
      Optional<String> smtpHost = config.setting("ACCESSLINK_SMTP_HOST");
      if (smtpHost.isPresent()) {
        SmtpSettings.Builder smtp = SmtpSettings.builder()
            .host(smtpHost.get())
            .fromAddress(config.setting("ACCESSLINK_SMTP_FROM").orElseThrow(() ->
                new IllegalArgumentException("ACCESSLINK_SMTP_FROM is required with ACCESSLINK_SMTP_HOST")));
        config.setting("ACCESSLINK_SMTP_SECURITY").ifPresent(v -> smtp.security(SmtpSecurity.valueOf(v.toUpperCase(Locale.ROOT))));
        config.setting("ACCESSLINK_SMTP_PORT").ifPresent(v -> smtp.port(Integer.parseInt(v)));
        config.setting("ACCESSLINK_SMTP_FROM_NAME").ifPresent(smtp::fromName);
        config.setting("ACCESSLINK_SMTP_USER").ifPresent(user -> smtp.credentials(user,
            config.setting("ACCESSLINK_SMTP_PASSWORD").orElse("").toCharArray()));
        email = EmailLinkNotifier.create(smtp.build());
        wiring.add("E-mail:       SMTP via " + smtpHost.get());
      } else {
        // demo: the e-mail adapter checks addresses and renders the message; the outbox keeps it
        EmailLinkNotifier addressCheck = EmailLinkNotifier.create(
            SmtpSettings.builder().host("localhost").fromAddress("access@demo.example").build());
        EmailTemplate template = EmailTemplate.standard();
        email = new OutboxLinkNotifier(DeliveryChannel.EMAIL, addressCheck::normalize, m -> {
          RenderedEmail r = template.render(m);
          return new OutboxLinkNotifier.Rendered(r.subject(), r.text());
        }, outbox, clock);
        demoOutbox = true;
        wiring.add("E-mail:       captured in the demo outbox (set ACCESSLINK_SMTP_HOST to send)");
      }
      LinkNotifier sms;
      Optional<String> twilioSid = config.setting("ACCESSLINK_TWILIO_ACCOUNT_SID");
      if (twilioSid.isPresent()) {
        TwilioSettings.Builder twilio = TwilioSettings.builder()
            .accountSid(twilioSid.get())
            .authToken(config.setting("ACCESSLINK_TWILIO_AUTH_TOKEN").orElseThrow(() ->
                new IllegalArgumentException("ACCESSLINK_TWILIO_AUTH_TOKEN is required with ACCESSLINK_TWILIO_ACCOUNT_SID")));
        Optional<String> service = config.setting("ACCESSLINK_TWILIO_MESSAGING_SERVICE_SID");
        if (service.isPresent()) {
          twilio.messagingServiceSid(service.get());
        } else {
          twilio.fromNumber(config.setting("ACCESSLINK_TWILIO_FROM").orElseThrow(() -> new IllegalArgumentException(
              "ACCESSLINK_TWILIO_FROM or ACCESSLINK_TWILIO_MESSAGING_SERVICE_SID is required with a Twilio account")));
        }
        config.setting("ACCESSLINK_TWILIO_API_URL").ifPresent(u -> twilio.apiBaseUrl(URI.create(u)));
        sms = SmsLinkNotifier.create(twilio.build());
        wiring.add("SMS:          Twilio account " + twilioSid.get().substring(0, Math.min(6, twilioSid.get().length())) + "…");
      } else {
        // demo: the SMS adapter checks numbers (US, CA, PR) and renders the text; the outbox keeps it
        PhoneNumbers phones = PhoneNumbers.defaultRegions();
        SmsTemplate template = SmsTemplate.standard();
        sms = new OutboxLinkNotifier(DeliveryChannel.SMS, phones::check,
            m -> new OutboxLinkNotifier.Rendered(null, template.render(m)), outbox, clock);
        demoOutbox = true;
        wiring.add("SMS:          captured in the demo outbox (set ACCESSLINK_TWILIO_ACCOUNT_SID to send)");
      }

      // ---- doors: MQTT 5; an external broker when configured, else an embedded one with simulated locks ----
      String brokerUri;
      Optional<String> externalBroker = config.setting("ACCESSLINK_MQTT_URL");
      if (externalBroker.isPresent()) {
        brokerUri = externalBroker.get();
        wiring.add("Doors:        MQTT broker " + brokerUri);
      } else {
        EmbeddedBroker broker = EmbeddedBroker.start();
        resources.add(broker);
        brokerUri = broker.uri();
        MqttLockSimulator simulator = MqttLockSimulator.builder(brokerUri).build();
        resources.add(simulator);
        for (Door door : DemoSeed.DOORS) {
          simulator.addLock(DemoSeed.ORGANIZATION, door.id());
        }
        wiring.add("Doors:        embedded MQTT 5 broker on " + brokerUri + ", "
            + DemoSeed.DOORS.size() + " simulated locks");
      }
      MqttDoorSettings.Builder mqtt = MqttDoorSettings.builder(brokerUri);
      config.setting("ACCESSLINK_MQTT_USER").ifPresent(user ->
          mqtt.credentials(user, config.setting("ACCESSLINK_MQTT_PASSWORD").orElse("")));
      // TLS: trust only this CA (PEM); a client certificate and its PKCS#8 key for mutual TLS.
      Optional<Path> mqttCa = config.setting("ACCESSLINK_MQTT_CA_FILE").map(Path::of);
      Optional<String> mqttCert = config.setting("ACCESSLINK_MQTT_CLIENT_CERT");
      if (mqttCa.isPresent() && mqttCert.isPresent()) {
        String key = config.setting("ACCESSLINK_MQTT_CLIENT_KEY").orElseThrow(() ->
            new IllegalArgumentException("ACCESSLINK_MQTT_CLIENT_CERT needs ACCESSLINK_MQTT_CLIENT_KEY"));
        mqtt.tls(MqttTls.withClientCertificate(mqttCa.get(), Path.of(mqttCert.get()), Path.of(key)));
      } else if (mqttCa.isPresent()) {
        mqtt.tls(MqttTls.trusting(mqttCa.get()));
      }
      for (Door door : DemoSeed.DOORS) {
        String key = "ACCESSLINK_LOCK_" + door.id().value().toUpperCase(Locale.ROOT).replace('-', '_');
        config.setting(key).ifPresent(p -> mqtt.door(DemoSeed.ORGANIZATION, door.id(), LockProfiles.parse(key, p)));
      }
      MqttDoorController doors = MqttDoorController.connect(mqtt.build());
      resources.add(doors);

      // ---- the library ----
      AccessLinks links = AccessLinks.builder()
          .persistence(persistence)
          .notifier(email)
          .notifier(sms)
          .doors(doors)
          .clock(clock)
          .dispatchEvery(config.dispatchInterval()) // its own thread: retries and deliveries left by a crash
          .build();
      resources.add(links); // closed after the web server: stops the dispatcher, writes queued unlock bookkeeping

      // ---- the demo organization ----
      organizations.save(DemoSeed.organization(
          organizations.find(DemoSeed.ORGANIZATION), publicUrl.resolve("/l/"), zone));
      for (Group g : DemoSeed.GROUPS) {
        groups.save(g);
      }

      // ---- the web app ----
      String token = config.adminToken() != null ? config.adminToken() : AppConfig.generateToken();
      WebApp web = new WebApp(links, demoOutbox ? outbox : null, token,
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

  /** A JDBC URL without user info or parameters that may carry a password. */
  static String redactUrl(String url) {
    int q = url.indexOf('?');
    String u = q < 0 ? url : url.substring(0, q);
    return u.replaceAll("//[^/@]*@", "//");
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
