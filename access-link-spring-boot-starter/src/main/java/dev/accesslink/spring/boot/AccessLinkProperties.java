package dev.accesslink.spring.boot;

import dev.accesslink.core.application.UnlockBookkeeping;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code accesslink.*} properties of the starter. Each adapter is configured only when its
 * module is on the classpath and its key property is set: {@code accesslink.email.host}, {@code
 * accesslink.sms.twilio.account-sid}, {@code accesslink.mqtt.server-uri}. Secrets (passwords, the
 * Twilio auth token, command key secrets) are named so that the actuator masks them, and this class
 * has no {@code toString()} that could print them.
 */
@ConfigurationProperties("accesslink")
public class AccessLinkProperties {
  /** The JDBC persistence on the application's DataSource. */
  private final Jdbc jdbc = new Jdbc();
  /** The organization and group cache. */
  private final Cache cache = new Cache();
  /** How unlocks are recorded. */
  private final Bookkeeping bookkeeping = new Bookkeeping();
  /** The delivery dispatcher and its retries. */
  private final Dispatch dispatch = new Dispatch();
  /** Unlock commands: timeouts and the bulkhead. */
  private final Door door = new Door();
  /** Micrometer metrics. */
  private final Metrics metrics = new Metrics();
  /** Actuator health indicators. */
  private final Health health = new Health();
  /** EMAIL links over SMTP (module adapter-email). */
  private final Email email = new Email();
  /** SMS links (module adapter-sms). */
  private final Sms sms = new Sms();
  /** Door control over MQTT v5 (module adapter-lock-mqtt). */
  private final Mqtt mqtt = new Mqtt();

  public Jdbc getJdbc() {
    return jdbc;
  }

  public Cache getCache() {
    return cache;
  }

  public Bookkeeping getBookkeeping() {
    return bookkeeping;
  }

  public Dispatch getDispatch() {
    return dispatch;
  }

  public Door getDoor() {
    return door;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Health getHealth() {
    return health;
  }

  public Email getEmail() {
    return email;
  }

  public Sms getSms() {
    return sms;
  }

  public Mqtt getMqtt() {
    return mqtt;
  }

  /** {@code accesslink.jdbc.*}: the JDBC persistence. */
  public static class Jdbc {
    /** Whether the library's Flyway migrations run when the application starts (in their own history table, al_schema_history); off when the product runs them itself. */
    private boolean migrateOnStart = true;
    /** Over how many rows each quota counter is spread (1 to 256); quotas stay exact whatever the value. */
    private int quotaStripes = 16;
    /** How often a unit of work is tried in all on a serialization failure or deadlock (1 = no retry). */
    private int maxTransactionAttempts = 8;
    public boolean isMigrateOnStart() {
      return migrateOnStart;
    }

    public void setMigrateOnStart(boolean migrateOnStart) {
      this.migrateOnStart = migrateOnStart;
    }

    public int getQuotaStripes() {
      return quotaStripes;
    }

    public void setQuotaStripes(int quotaStripes) {
      this.quotaStripes = quotaStripes;
    }

    public int getMaxTransactionAttempts() {
      return maxTransactionAttempts;
    }

    public void setMaxTransactionAttempts(int maxTransactionAttempts) {
      this.maxTransactionAttempts = maxTransactionAttempts;
    }
  }

  /** {@code accesslink.cache.*}: the organization and group cache. */
  public static class Cache {
    /** How long organization settings and groups are cached; 0 turns the cache off. Revocations and quotas are never cached. */
    private Duration directoryTtl = Duration.ofSeconds(1);
    public Duration getDirectoryTtl() {
      return directoryTtl;
    }

    public void setDirectoryTtl(Duration directoryTtl) {
      this.directoryTtl = directoryTtl;
    }
  }

  /** {@code accesslink.bookkeeping.*}: how unlocks are recorded. */
  public static class Bookkeeping {
    /** GUARANTEED (an intent before each door command, the rest written in batches after the answer), BEFORE_ANSWER, or MAY_LOSE_OPENINGS_ON_CRASH. Queued bookkeeping is written when the application stops. */
    private UnlockBookkeeping mode = UnlockBookkeeping.GUARANTEED;
    public UnlockBookkeeping getMode() {
      return mode;
    }

    public void setMode(UnlockBookkeeping mode) {
      this.mode = mode;
    }
  }

  /** {@code accesslink.dispatch.*}: the delivery dispatcher. */
  public static class Dispatch {
    /** Delay between two dispatcher passes; 0 turns the instance's own dispatcher off. Unset: 5 seconds when an EMAIL or SMS notifier is configured, off otherwise. */
    private @Nullable Duration every;
    /** How long a claim on a delivery holds; longer than the slowest provider call. */
    private Duration lease = Duration.ofMinutes(2);
    /** Attempts before a transient failure counts as permanent. */
    private int maxAttempts = 8;
    /** Wait before the second attempt; doubles per attempt. */
    private Duration initialBackoff = Duration.ofSeconds(30);
    /** The longest wait between two attempts. */
    private Duration maxBackoff = Duration.ofHours(1);
    /** Deliveries claimed per dispatcher pass. */
    private int batchSize = 50;
    public @Nullable Duration getEvery() {
      return every;
    }

    public void setEvery(@Nullable Duration every) {
      this.every = every;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public int getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }
  }

  /** {@code accesslink.door.*}: unlock commands. */
  public static class Door {
    /** How long an unlock waits for the lock's answer before the door counts as unreachable. */
    private Duration timeout = Duration.ofSeconds(5);
    /** How long after issue a lock may still act on a command (at least the timeout). */
    private Duration commandLifetime = Duration.ofSeconds(10);
    /** How many unlocks may wait for one door's answer at once; unset: no bound. */
    private @Nullable Integer maxWaitsPerDoor;
    /** How many unlocks may wait for any door's answer at once; unset: no bound. */
    private @Nullable Integer maxWaitsTotal;
    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public Duration getCommandLifetime() {
      return commandLifetime;
    }

    public void setCommandLifetime(Duration commandLifetime) {
      this.commandLifetime = commandLifetime;
    }

    public @Nullable Integer getMaxWaitsPerDoor() {
      return maxWaitsPerDoor;
    }

    public void setMaxWaitsPerDoor(@Nullable Integer maxWaitsPerDoor) {
      this.maxWaitsPerDoor = maxWaitsPerDoor;
    }

    public @Nullable Integer getMaxWaitsTotal() {
      return maxWaitsTotal;
    }

    public void setMaxWaitsTotal(@Nullable Integer maxWaitsTotal) {
      this.maxWaitsTotal = maxWaitsTotal;
    }
  }

  /** {@code accesslink.metrics.*}: Micrometer metrics (module access-link-micrometer). */
  public static class Metrics {
    /** Whether the library reports metrics and observations when Micrometer is set up. */
    private boolean enabled = true;
    /** The organization whose quota use the gauges accesslink.quota.used show (one organization: it is no tag). */
    private @Nullable String quotaOrganization;
    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public @Nullable String getQuotaOrganization() {
      return quotaOrganization;
    }

    public void setQuotaOrganization(@Nullable String quotaOrganization) {
      this.quotaOrganization = quotaOrganization;
    }
  }

  /** {@code accesslink.health.*}: actuator health indicators. */
  public static class Health {
    /** The stuck-outbox indicator (accessLinkOutbox). */
    private final Outbox outbox = new Outbox();
    /** The MQTT connection indicator (accessLinkMqtt). */
    private final MqttHealth mqtt = new MqttHealth();
    public Outbox getOutbox() {
      return outbox;
    }

    public MqttHealth getMqtt() {
      return mqtt;
    }

    /** {@code accesslink.health.outbox.*}. */
    public static class Outbox {
      /** Whether the stuck-outbox health indicator is registered. */
      private boolean enabled = true;
      /** A delivery due for longer than this makes the outbox DOWN: no dispatcher took it in time. */
      private Duration overdueAfter = Duration.ofMinutes(10);
      public boolean isEnabled() {
        return enabled;
      }

      public void setEnabled(boolean enabled) {
        this.enabled = enabled;
      }

      public Duration getOverdueAfter() {
        return overdueAfter;
      }

      public void setOverdueAfter(Duration overdueAfter) {
        this.overdueAfter = overdueAfter;
      }
    }

    /** {@code accesslink.health.mqtt.*}. */
    public static class MqttHealth {
      /** Whether the MQTT connection health indicator is registered (when the starter connects to a broker). */
      private boolean enabled = true;
      public boolean isEnabled() {
        return enabled;
      }

      public void setEnabled(boolean enabled) {
        this.enabled = enabled;
      }
    }
  }

  /** {@code accesslink.email.*}: SMTP; on when {@code host} is set. */
  public static class Email {
    /** The SMTP server; setting it turns EMAIL links on. */
    private @Nullable String host;
    /** The SMTP port; unset: 465 for IMPLICIT_TLS, 587 otherwise. */
    private @Nullable Integer port;
    /** NONE, STARTTLS_REQUIRED, STARTTLS_OPTIONAL or IMPLICIT_TLS. */
    private SmtpSecurityMode security = SmtpSecurityMode.STARTTLS_REQUIRED;
    /** The SMTP user name; log in only when set. */
    private @Nullable String username;
    /** The SMTP password (masked by the actuator). */
    private @Nullable String password;
    /** The From address of the messages (required with host). */
    private @Nullable String fromAddress;
    /** The From display name. */
    private @Nullable String fromName;
    /** Connect, read and write timeout of the SMTP connection. */
    private Duration timeout = Duration.ofSeconds(10);
    public @Nullable String getHost() {
      return host;
    }

    public void setHost(@Nullable String host) {
      this.host = host;
    }

    public @Nullable Integer getPort() {
      return port;
    }

    public void setPort(@Nullable Integer port) {
      this.port = port;
    }

    public SmtpSecurityMode getSecurity() {
      return security;
    }

    public void setSecurity(SmtpSecurityMode security) {
      this.security = security;
    }

    public @Nullable String getUsername() {
      return username;
    }

    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    public @Nullable String getPassword() {
      return password;
    }

    public void setPassword(@Nullable String password) {
      this.password = password;
    }

    public @Nullable String getFromAddress() {
      return fromAddress;
    }

    public void setFromAddress(@Nullable String fromAddress) {
      this.fromAddress = fromAddress;
    }

    public @Nullable String getFromName() {
      return fromName;
    }

    public void setFromName(@Nullable String fromName) {
      this.fromName = fromName;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** How the SMTP connection is secured; the values of the email adapter's {@code SmtpSecurity}. */
  public enum SmtpSecurityMode {
    /** Plain text (tests, a local relay). */
    NONE,
    /** STARTTLS, and refuse a server without it. */
    STARTTLS_REQUIRED,
    /** STARTTLS when the server offers it. */
    STARTTLS_OPTIONAL,
    /** TLS from the first byte (port 465). */
    IMPLICIT_TLS
  }

  /** {@code accesslink.sms.*}. */
  public static class Sms {
    /** Twilio; on when {@code account-sid} is set. */
    private final Twilio twilio = new Twilio();
    public Twilio getTwilio() {
      return twilio;
    }
  }

  /** {@code accesslink.sms.twilio.*}: Twilio's Messages API. */
  public static class Twilio {
    /** The Twilio account SID; setting it turns SMS links on. */
    private @Nullable String accountSid;
    /** The Twilio auth token (masked by the actuator). */
    private @Nullable String authToken;
    /** The sending phone number, E.164; or set messaging-service-sid. */
    private @Nullable String fromNumber;
    /** The messaging service that picks the sender; or set from-number. */
    private @Nullable String messagingServiceSid;
    /** The regions (ISO 3166 codes) whose phone numbers are accepted. */
    private Set<String> allowedRegions = new LinkedHashSet<>(List.of("US", "CA", "PR"));
    /** Another API base URL (a test double); unset: Twilio's. */
    private @Nullable URI apiBaseUrl;
    /** Where Twilio reports delivery status; unset: no status callbacks. */
    private @Nullable URI statusCallbackUrl;
    /** Connect timeout of the API calls. */
    private Duration connectTimeout = Duration.ofSeconds(5);
    /** Request timeout of the API calls. */
    private Duration requestTimeout = Duration.ofSeconds(20);
    public @Nullable String getAccountSid() {
      return accountSid;
    }

    public void setAccountSid(@Nullable String accountSid) {
      this.accountSid = accountSid;
    }

    public @Nullable String getAuthToken() {
      return authToken;
    }

    public void setAuthToken(@Nullable String authToken) {
      this.authToken = authToken;
    }

    public @Nullable String getFromNumber() {
      return fromNumber;
    }

    public void setFromNumber(@Nullable String fromNumber) {
      this.fromNumber = fromNumber;
    }

    public @Nullable String getMessagingServiceSid() {
      return messagingServiceSid;
    }

    public void setMessagingServiceSid(@Nullable String messagingServiceSid) {
      this.messagingServiceSid = messagingServiceSid;
    }

    public Set<String> getAllowedRegions() {
      return allowedRegions;
    }

    public void setAllowedRegions(Set<String> allowedRegions) {
      this.allowedRegions = allowedRegions;
    }

    public @Nullable URI getApiBaseUrl() {
      return apiBaseUrl;
    }

    public void setApiBaseUrl(@Nullable URI apiBaseUrl) {
      this.apiBaseUrl = apiBaseUrl;
    }

    public @Nullable URI getStatusCallbackUrl() {
      return statusCallbackUrl;
    }

    public void setStatusCallbackUrl(@Nullable URI statusCallbackUrl) {
      this.statusCallbackUrl = statusCallbackUrl;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
      return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
    }
  }

  /** {@code accesslink.mqtt.*}: the MQTT v5 door controller; on when {@code server-uri} is set. */
  public static class Mqtt {
    /** The broker, tcp://host:1883 or ssl://host:8883 (also ws://, wss://); setting it turns the MQTT door controller on. */
    private @Nullable String serverUri;
    /** This controller's client id; unset: accesslink- and 8 random hex digits (unique per instance). */
    private @Nullable String clientId;
    /** The broker user name. */
    private @Nullable String username;
    /** The broker password (masked by the actuator). */
    private @Nullable String password;
    /** How long the broker keeps the session while disconnected; 0: a clean session on every connect. */
    private Duration sessionExpiry = Duration.ZERO;
    /** MQTT keep-alive interval. */
    private Duration keepAlive = Duration.ofSeconds(30);
    /** How long a connect may take. */
    private Duration connectionTimeout = Duration.ofSeconds(10);
    /** The longest wait between two reconnect attempts. */
    private Duration maxReconnectDelay = Duration.ofSeconds(10);
    /** The longest MQTT message expiry of a command. */
    private Duration messageExpiry = Duration.ofSeconds(10);
    /** The command topic template ({organization}, {door}); unset: the library's default. */
    private @Nullable String commandTopic;
    /** The availability topic template; unset: the library's default. */
    private @Nullable String availabilityTopic;
    /** The reply topic template ({organization}, {client}); unset: the library's default. */
    private @Nullable String replyTopic;
    /** Whether lock availability topics are followed (an offline lock is refused at once). */
    private boolean trackAvailability = true;
    /** TLS to the broker (ssl:// or wss://). */
    private final Tls tls = new Tls();
    /** HMAC signing keys of door commands, per organization id and door id. */
    private Map<String, Map<String, CommandKey>> commandKeys = new LinkedHashMap<>();
    public @Nullable String getServerUri() {
      return serverUri;
    }

    public void setServerUri(@Nullable String serverUri) {
      this.serverUri = serverUri;
    }

    public @Nullable String getClientId() {
      return clientId;
    }

    public void setClientId(@Nullable String clientId) {
      this.clientId = clientId;
    }

    public @Nullable String getUsername() {
      return username;
    }

    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    public @Nullable String getPassword() {
      return password;
    }

    public void setPassword(@Nullable String password) {
      this.password = password;
    }

    public Duration getSessionExpiry() {
      return sessionExpiry;
    }

    public void setSessionExpiry(Duration sessionExpiry) {
      this.sessionExpiry = sessionExpiry;
    }

    public Duration getKeepAlive() {
      return keepAlive;
    }

    public void setKeepAlive(Duration keepAlive) {
      this.keepAlive = keepAlive;
    }

    public Duration getConnectionTimeout() {
      return connectionTimeout;
    }

    public void setConnectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = connectionTimeout;
    }

    public Duration getMaxReconnectDelay() {
      return maxReconnectDelay;
    }

    public void setMaxReconnectDelay(Duration maxReconnectDelay) {
      this.maxReconnectDelay = maxReconnectDelay;
    }

    public Duration getMessageExpiry() {
      return messageExpiry;
    }

    public void setMessageExpiry(Duration messageExpiry) {
      this.messageExpiry = messageExpiry;
    }

    public @Nullable String getCommandTopic() {
      return commandTopic;
    }

    public void setCommandTopic(@Nullable String commandTopic) {
      this.commandTopic = commandTopic;
    }

    public @Nullable String getAvailabilityTopic() {
      return availabilityTopic;
    }

    public void setAvailabilityTopic(@Nullable String availabilityTopic) {
      this.availabilityTopic = availabilityTopic;
    }

    public @Nullable String getReplyTopic() {
      return replyTopic;
    }

    public void setReplyTopic(@Nullable String replyTopic) {
      this.replyTopic = replyTopic;
    }

    public boolean isTrackAvailability() {
      return trackAvailability;
    }

    public void setTrackAvailability(boolean trackAvailability) {
      this.trackAvailability = trackAvailability;
    }

    public Tls getTls() {
      return tls;
    }

    public Map<String, Map<String, CommandKey>> getCommandKeys() {
      return commandKeys;
    }

    public void setCommandKeys(Map<String, Map<String, CommandKey>> commandKeys) {
      this.commandKeys = commandKeys;
    }

    /** {@code accesslink.mqtt.tls.*}. */
    public static class Tls {
      /** PEM file of the CA that signed the broker's certificate; unset: the JVM's trust store. */
      private @Nullable Path caFile;
      /** PEM file of this client's certificate, for brokers that authenticate clients by certificate (with key-file and ca-file). */
      private @Nullable Path certificateFile;
      /** PEM file of this client's private key. */
      private @Nullable Path keyFile;
      public @Nullable Path getCaFile() {
        return caFile;
      }

      public void setCaFile(@Nullable Path caFile) {
        this.caFile = caFile;
      }

      public @Nullable Path getCertificateFile() {
        return certificateFile;
      }

      public void setCertificateFile(@Nullable Path certificateFile) {
        this.certificateFile = certificateFile;
      }

      public @Nullable Path getKeyFile() {
        return keyFile;
      }

      public void setKeyFile(@Nullable Path keyFile) {
        this.keyFile = keyFile;
      }
    }
  }

  /** One door's command signing key: {@code accesslink.mqtt.command-keys.<organization>.<door>.*}. */
  public static class CommandKey {
    /** The key id the lock knows it by. */
    private @Nullable String keyId;
    /** The key itself, base64, at least 32 bytes (masked by the actuator). */
    private @Nullable String secret;
    public @Nullable String getKeyId() {
      return keyId;
    }

    public void setKeyId(@Nullable String keyId) {
      this.keyId = keyId;
    }

    public @Nullable String getSecret() {
      return secret;
    }

    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }
  }
}
