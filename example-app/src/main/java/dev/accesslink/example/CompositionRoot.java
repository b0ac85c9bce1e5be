package dev.accesslink.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.DoorPolicy;
import dev.accesslink.core.application.WebhookPolicy;
import dev.accesslink.core.port.out.SecretSealer;
import dev.accesslink.webhook.AesGcmSecretSealer;
import dev.accesslink.webhook.HttpWebhookSender;
import dev.accesslink.webhook.WebhookSenderSettings;
import dev.accesslink.core.domain.AdminId;
import dev.accesslink.core.domain.InvalidInputException;
import dev.accesslink.core.domain.Language;
import dev.accesslink.core.domain.DeliveryChannel;
import dev.accesslink.core.domain.Door;
import dev.accesslink.core.domain.Group;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.core.port.out.Organizations;
import dev.accesslink.email.EmailLinkNotifier;
import dev.accesslink.email.EmailTemplate;
import dev.accesslink.email.InlineImage;
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
import dev.accesslink.sms.TwilioStatusCallbacks;
import dev.accesslink.core.port.in.DeliveryReportCommand;
import dev.accesslink.core.port.out.DeliveryResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place where the example app is wired, with plain {@code new}, top to bottom: pick an
 * adapter for every out-port (embedded defaults, or the real service when its switch is set), build
 * {@link AccessLinks} (which runs its own delivery dispatcher), seed the demo organization, start
 * the web server. Nothing else in the app names an adapter class; this is the reference for how a product
 * wires the library.
 */
public final class CompositionRoot {
  /** Unlocks that may wait for one door's answer at once; more are refused at once as busy. */
  static final int DOOR_WAITS_PER_DOOR = 8;
  /** Unlocks that may wait for any door's answer at once: well under the web server's threads. */
  static final int DOOR_WAITS_TOTAL = 32;

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

      ZoneId zone = config.setting("ACCESSLINK_ZONE").map(ZoneId::of).orElse(ZoneId.systemDefault());
      Language defaultLanguage = config.setting("ACCESSLINK_DEFAULT_LANGUAGE")
          .map(tag -> {
            try {
              return Language.of(tag).requireOneOf(Language.BUILT_IN);
            } catch (InvalidInputException e) {
              throw new IllegalArgumentException("ACCESSLINK_DEFAULT_LANGUAGE: " + e.getMessage(), e);
            }
          })
          .orElse(Language.ENGLISH);

      // ---- persistence: links, groups, organizations and the audit log in one database ----
      String dbUrl = config.setting("ACCESSLINK_DB_URL").orElseGet(() -> "jdbc:h2:file:"
          + config.dataDir().toAbsolutePath().normalize().resolve("accesslink") + ";DB_CLOSE_ON_EXIT=FALSE");
      HikariDataSource dataSource = new HikariDataSource(pool(dbUrl, config));
      resources.add(dataSource);
      JdbcAccessLinkPersistence persistence = JdbcAccessLinkPersistence.create(dataSource); // runs the migrations
      JdbcGroupDirectory groups = persistence.groups();
      Organizations organizations = persistence.organizations();
      wiring.add("Database:     " + (config.setting("ACCESSLINK_DB_URL").isPresent()
          ? redactUrl(dbUrl) : "H2 file " + config.dataDir().resolve("accesslink.mv.db")));

      // ---- notifiers: the real provider when configured, else the demo outbox ----
      DemoOutbox outbox = new DemoOutbox();
      boolean demoOutbox = false;
      // ---- texts: built-in English, Spanish, French, German; a directory of bundles may override and add ----
      Optional<ClassLoader> textsDir = config.setting("ACCESSLINK_TEXTS_DIR").map(CompositionRoot::textsLoader);
      EmailTemplate emailTemplate = EmailTemplate.standard(textsDir
          .map(l -> EmailTemplate.builtInTranslations().withOverrides("email", l))
          .orElse(EmailTemplate.builtInTranslations()));
      SmsTemplate smsTemplate = SmsTemplate.standard(textsDir
          .map(l -> SmsTemplate.builtInTranslations().withOverrides("sms", l))
          .orElse(SmsTemplate.builtInTranslations()));
      VisitorTexts visitorTexts = new VisitorTexts(textsDir
          .map(l -> VisitorTexts.BUILT_IN.withOverrides("visitor", l))
          .orElse(VisitorTexts.BUILT_IN));
      textsDir.ifPresent(l -> wiring.add("Texts:        overrides from " + config.setting("ACCESSLINK_TEXTS_DIR").orElseThrow()));

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
        EmailLinkNotifier smtpNotifier = EmailLinkNotifier.create(smtp.build(), emailTemplate);
        resources.add(smtpNotifier); // closed after the library: says QUIT on the kept SMTP connections
        email = smtpNotifier;
        wiring.add("E-mail:       SMTP via " + smtpHost.get());
      } else {
        // demo: the e-mail adapter checks addresses and renders the message; the outbox keeps it
        EmailLinkNotifier addressCheck = EmailLinkNotifier.create(
            SmtpSettings.builder().host("localhost").fromAddress("access@demo.example").build());
        email = new OutboxLinkNotifier(DeliveryChannel.EMAIL, addressCheck::normalize, m -> {
          RenderedEmail r = emailTemplate.render(m);
          return new OutboxLinkNotifier.Rendered(r.subject(), r.text());
        }, outbox, clock);
        demoOutbox = true;
        wiring.add("E-mail:       captured in the demo outbox (set ACCESSLINK_SMTP_HOST to send)");
      }
      LinkNotifier sms;
      TwilioStatusCallbacks twilioCallbacks = null;
      URI twilioCallbackUrl = null;
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
        // status callbacks (delivery reports): Twilio must reach the app, so only with a public URL
        twilioCallbackUrl = config.setting("ACCESSLINK_TWILIO_STATUS_CALLBACK_URL").map(URI::create)
            .orElse(config.publicUrl() == null ? null : config.publicUrl().resolve("/api/twilio/status"));
        if (twilioCallbackUrl != null) {
          twilio.statusCallbackUrl(twilioCallbackUrl);
        }
        TwilioSettings twilioSettings = twilio.build();
        twilioCallbacks = TwilioStatusCallbacks.create(twilioSettings);
        sms = SmsLinkNotifier.create(twilioSettings).withTemplate(smsTemplate);
        wiring.add("SMS:          Twilio account " + twilioSid.get().substring(0, Math.min(6, twilioSid.get().length())) + "…"
            + (twilioCallbackUrl == null ? " (no delivery reports: set ACCESSLINK_PUBLIC_URL for Twilio's status callbacks)" : ""));
      } else {
        // demo: the SMS adapter checks numbers (US, CA, PR) and renders the text; the outbox keeps it
        PhoneNumbers phones = PhoneNumbers.defaultRegions();
        sms = new OutboxLinkNotifier(DeliveryChannel.SMS, phones::check,
            m -> new OutboxLinkNotifier.Rendered(null, smsTemplate.render(m)), outbox, clock);
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
        AppLogging.restore(); // HiveMQ installs its own logging set-up at start: the app's own comes back
        brokerUri = broker.uri();
        MqttLockSimulator simulator = MqttLockSimulator.builder(brokerUri).build();
        resources.add(simulator);
        for (Door door : DemoSeed.DOORS) {
          simulator.addLock(DemoSeed.ORGANIZATION, door.id());
        }
        wiring.add("Doors:        embedded MQTT 5 broker on " + brokerUri + ", "
            + DemoSeed.DOORS.size() + " simulated locks");
      }
      // Commands expire when the visitor's wait ends, less the clock-skew allowance; a lock's answer
      // that still comes later is recorded by the library as a late DOOR_UNLOCKED (see DoorPolicy).
      DoorPolicy doorPolicy = DoorPolicy.waitingFor(Duration.ofMillis(
          intSetting(config, "ACCESSLINK_DOOR_TIMEOUT_MS", (int) DoorPolicy.defaults().timeout().toMillis())))
          .withBulkhead(intSetting(config, "ACCESSLINK_DOOR_MAX_WAITS_PER_DOOR", DOOR_WAITS_PER_DOOR),
              intSetting(config, "ACCESSLINK_DOOR_MAX_WAITS", DOOR_WAITS_TOTAL));
      MqttDoorSettings.Builder mqtt = MqttDoorSettings.builder(brokerUri)
          .clockSkewAllowance(doorPolicy.clockSkewAllowance());
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

      // ---- webhooks: signed with per-endpoint secrets, stored sealed under a key kept outside the database ----
      SecretSealer sealer = config.setting("ACCESSLINK_WEBHOOK_KEY").map(AesGcmSecretSealer::ofBase64)
          .orElseGet(() -> AesGcmSecretSealer.of(WebhookKeyFile.readOrCreate(config.dataDir().resolve("webhook.key"))));
      // the demo accepts plain http to loopback addresses (a local receiver); everything else must be
      // https, to a public address unless ACCESSLINK_WEBHOOK_PRIVATE_ADDRESSES=true
      boolean privateAddresses = config.setting("ACCESSLINK_WEBHOOK_PRIVATE_ADDRESSES").map(v -> switch (v) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException("ACCESSLINK_WEBHOOK_PRIVATE_ADDRESSES must be true or false");
      }).orElse(false);
      HttpWebhookSender webhookSender = HttpWebhookSender.create(WebhookSenderSettings.builder()
          .plainHttpToLoopback(true).privateAddresses(privateAddresses).build());
      wiring.add("Webhooks:     " + (config.setting("ACCESSLINK_WEBHOOK_KEY").isPresent()
          ? "secrets sealed with ACCESSLINK_WEBHOOK_KEY" : "secrets sealed with " + config.dataDir().resolve("webhook.key")));

      // ---- the library ----
      AccessLinks links = AccessLinks.builder()
          .persistence(persistence)
          .notifier(email)
          .notifier(sms)
          .doors(doors)
          .doorPolicy(doorPolicy)
          .clock(clock)
          .dispatchEvery(config.dispatchInterval()) // its own thread: retries and deliveries left by a crash
          .webhooks(webhookSender, sealer) // its own thread too: announces audit events to the endpoints
          .webhookPolicy(WebhookPolicy.defaults().withPlainHttpToLoopback(true).withPrivateAddresses(privateAddresses))
          .build();
      resources.add(links); // closed after the web server: stops the dispatcher, writes queued unlock bookkeeping


      // ---- the web app ----
      String token = config.adminToken() != null ? config.adminToken() : AppConfig.generateToken();
      GuessThrottle throttle = new GuessThrottle(new GuessThrottle.Settings(
          intSetting(config, "ACCESSLINK_GUESS_BURST", GuessThrottle.Settings.defaults().burst()),
          GuessThrottle.Settings.defaults().refillEvery(), GuessThrottle.Settings.defaults().maxTracked()), clock);
      WebServer web = WebServer.start(config.bindAddress(), config.port(), WebServer.Limits.defaults(), objectMapper(),
          config.maxBodyBytes(), new StaticFiles(),
          new AdminRoutes(links, demoOutbox ? outbox : null, token,
              AdminId.of(config.setting("ACCESSLINK_ADMIN_ID").orElse("admin")), config.adminName(),
              url -> InlineImage.qrCode(InlineImage.QR_CODE_CONTENT_ID, url).data(), clock),
          new VisitorRoutes(links, throttle, visitorTexts), throttle,
          twilioCallbacks != null && twilioCallbackUrl != null
              ? TwilioRoutes.enabled(links, twilioChecker(twilioCallbacks), twilioCallbackUrl)
              : twilioCallbacks != null ? TwilioRoutes.withoutCallbackUrl(links) : TwilioRoutes.disabled(links));
      resources.add(web); // stopped first: no request reaches a closed library
      int port = web.port();

      // ---- the demo organization: visitor links are built on the server's real port ----
      URI publicUrl = config.publicUrl() != null ? config.publicUrl() : URI.create("http://localhost:" + port);
      DemoSeed.seed(organizations, publicUrl.resolve("/l/"), zone, defaultLanguage,
          config.setting("ACCESSLINK_LINK_BASE_UPDATE").map(Boolean::parseBoolean).orElse(false));
      for (Group g : DemoSeed.GROUPS) {
        groups.save(g);
      }
      return new RunningApp(publicUrl, port, token, config.adminToken() == null, wiring, resources);
    } catch (IOException | RuntimeException e) {
      new RunningApp(URI.create("http://localhost/"), 0, "", false, wiring, resources).close();
      throw e;
    }
  }

  /**
   * Twilio's status callbacks as the web layer checks them: the SMS adapter verifies the signature
   * and reads the status; an {@code undelivered} or {@code failed} one becomes a delivery report.
   */
  static TwilioRoutes.Checker twilioChecker(TwilioStatusCallbacks callbacks) {
    return (url, params, signature) -> {
      TwilioStatusCallbacks.Outcome outcome = callbacks.handle(url, params, signature);
      if (outcome instanceof TwilioStatusCallbacks.Outcome.Rejected) {
        return Optional.empty();
      }
      if (outcome instanceof TwilioStatusCallbacks.Outcome.Final f && !f.messageSid().isBlank()
          && f.messageSid().length() <= 255 && !(f.result() instanceof DeliveryResult.Sent)) {
        String reason = f.result() instanceof DeliveryResult.PermanentFailure p ? p.reason()
            : f.result() instanceof DeliveryResult.TransientFailure t ? t.reason() : "twilio.undelivered";
        return Optional.of(Optional.of(DeliveryReportCommand.undelivered(f.messageSid(), reason)));
      }
      return Optional.of(Optional.empty());
    };
  }

  /** A JDBC URL without user info or parameters that may carry a password. */
  static String redactUrl(String url) {
    int q = url.indexOf('?');
    String u = q < 0 ? url : url.substring(0, q);
    return u.replaceAll("//[^/@]*@", "//");
  }

  /** Jackson as the API wants it (see {@link Json#mapper()}). */
  static ObjectMapper objectMapper() {
    return Json.mapper();
  }

  /**
   * The connection pool, with bounded waits so that a dead or frozen database costs each request
   * seconds, not minutes: a connection within 2 s or a 503, and (PostgreSQL, MariaDB) a socket read
   * that gives up after 10 s and a statement that the server stops after 5 s.
   */
  static HikariConfig pool(String dbUrl, AppConfig config) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("accesslink");
    pool.setJdbcUrl(dbUrl);
    config.setting("ACCESSLINK_DB_USER").ifPresent(pool::setUsername);
    config.setting("ACCESSLINK_DB_PASSWORD").ifPresent(pool::setPassword);
    pool.setMaximumPoolSize(10);
    pool.setConnectionTimeout(Duration.ofSeconds(2).toMillis());
    pool.setValidationTimeout(Duration.ofSeconds(1).toMillis());
    if (dbUrl.startsWith("jdbc:postgresql:")) {
      pool.addDataSourceProperty("connectTimeout", "3");
      pool.addDataSourceProperty("socketTimeout", "10");
      pool.addDataSourceProperty("options", "-c statement_timeout=5000");
    } else if (dbUrl.startsWith("jdbc:mariadb:") || dbUrl.startsWith("jdbc:mysql:")) {
      pool.addDataSourceProperty("connectTimeout", "3000");
      pool.addDataSourceProperty("socketTimeout", "10000");
    }
    return pool;
  }

  private static int intSetting(AppConfig config, String key, int fallback) {
    return config.setting(key).map(v -> {
      try {
        int n = Integer.parseInt(v.strip());
        if (n < 1) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " is a whole number of at least 1, got '" + v + "'", e);
      }
    }).orElse(fallback);
  }

  /**
   * A class loader over the directory {@code ACCESSLINK_TEXTS_DIR} names, which holds {@code
   * email_xx.properties}, {@code sms_xx.properties} and {@code visitor_xx.properties} files (any of
   * them, UTF-8) that override and add to the built-in texts.
   */
  private static ClassLoader textsLoader(String dir) {
    java.nio.file.Path path = java.nio.file.Path.of(dir);
    if (!java.nio.file.Files.isDirectory(path)) {
      throw new IllegalArgumentException("ACCESSLINK_TEXTS_DIR is not a directory: " + dir);
    }
    try {
      return new java.net.URLClassLoader(new java.net.URL[] {path.toUri().toURL()}, null);
    } catch (java.net.MalformedURLException e) {
      throw new IllegalArgumentException("ACCESSLINK_TEXTS_DIR: " + e.getMessage(), e);
    }
  }
}
