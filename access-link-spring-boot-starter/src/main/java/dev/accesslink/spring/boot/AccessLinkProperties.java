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

  /** The {@code jdbc} setting (described on the field). */
  public Jdbc getJdbc() {
    return jdbc;
  }

  /** The {@code cache} setting (described on the field). */
  public Cache getCache() {
    return cache;
  }

  /** The {@code bookkeeping} setting (described on the field). */
  public Bookkeeping getBookkeeping() {
    return bookkeeping;
  }

  /** The {@code dispatch} setting (described on the field). */
  public Dispatch getDispatch() {
    return dispatch;
  }

  /** The {@code door} setting (described on the field). */
  public Door getDoor() {
    return door;
  }

  /** The {@code metrics} setting (described on the field). */
  public Metrics getMetrics() {
    return metrics;
  }

  /** The {@code health} setting (described on the field). */
  public Health getHealth() {
    return health;
  }

  /** The {@code email} setting (described on the field). */
  public Email getEmail() {
    return email;
  }

  /** The {@code sms} setting (described on the field). */
  public Sms getSms() {
    return sms;
  }

  /** The {@code mqtt} setting (described on the field). */
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
    /** The {@code migrate-on-start} setting (described on the field). */
    public boolean isMigrateOnStart() {
      return migrateOnStart;
    }

    /** Sets {@code migrate-on-start} (described on the field). */
    public void setMigrateOnStart(boolean migrateOnStart) {
      this.migrateOnStart = migrateOnStart;
    }

    /** The {@code quota-stripes} setting (described on the field). */
    public int getQuotaStripes() {
      return quotaStripes;
    }

    /** Sets {@code quota-stripes} (described on the field). */
    public void setQuotaStripes(int quotaStripes) {
      this.quotaStripes = quotaStripes;
    }

    /** The {@code max-transaction-attempts} setting (described on the field). */
    public int getMaxTransactionAttempts() {
      return maxTransactionAttempts;
    }

    /** Sets {@code max-transaction-attempts} (described on the field). */
    public void setMaxTransactionAttempts(int maxTransactionAttempts) {
      this.maxTransactionAttempts = maxTransactionAttempts;
    }
  }

  /** {@code accesslink.cache.*}: the organization and group cache. */
  public static class Cache {
    /** How long organization settings and groups are cached; 0 turns the cache off. Revocations and quotas are never cached. */
    private Duration directoryTtl = Duration.ofSeconds(1);
    /** The {@code directory-ttl} setting (described on the field). */
    public Duration getDirectoryTtl() {
      return directoryTtl;
    }

    /** Sets {@code directory-ttl} (described on the field). */
    public void setDirectoryTtl(Duration directoryTtl) {
      this.directoryTtl = directoryTtl;
    }
  }

  /** {@code accesslink.bookkeeping.*}: how unlocks are recorded. */
  public static class Bookkeeping {
    /** GUARANTEED (an intent before each door command, the rest written in batches after the answer), BEFORE_ANSWER, or MAY_LOSE_OPENINGS_ON_CRASH. Queued bookkeeping is written when the application stops. */
    private UnlockBookkeeping mode = UnlockBookkeeping.GUARANTEED;
    /** The {@code mode} setting (described on the field). */
    public UnlockBookkeeping getMode() {
      return mode;
    }

    /** Sets {@code mode} (described on the field). */
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
    /** How many claimed deliveries one instance sends at once (each on its own connection); 1 sends one at a time. */
    private int parallelism = 4;
    /** The {@code every} setting (described on the field). */
    public @Nullable Duration getEvery() {
      return every;
    }

    /** Sets {@code every} (described on the field). */
    public void setEvery(@Nullable Duration every) {
      this.every = every;
    }

    /** The {@code lease} setting (described on the field). */
    public Duration getLease() {
      return lease;
    }

    /** Sets {@code lease} (described on the field). */
    public void setLease(Duration lease) {
      this.lease = lease;
    }

    /** The {@code max-attempts} setting (described on the field). */
    public int getMaxAttempts() {
      return maxAttempts;
    }

    /** Sets {@code max-attempts} (described on the field). */
    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /** The {@code initial-backoff} setting (described on the field). */
    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /** Sets {@code initial-backoff} (described on the field). */
    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /** The {@code max-backoff} setting (described on the field). */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /** Sets {@code max-backoff} (described on the field). */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /** The {@code batch-size} setting (described on the field). */
    public int getBatchSize() {
      return batchSize;
    }

    /** Sets {@code batch-size} (described on the field). */
    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    /** The {@code parallelism} setting (described on the field). */
    public int getParallelism() {
      return parallelism;
    }

    /** Sets {@code parallelism} (described on the field). */
    public void setParallelism(int parallelism) {
      this.parallelism = parallelism;
    }
  }

  /** {@code accesslink.door.*}: unlock commands. */
  public static class Door {
    /** How long an unlock waits for the lock's answer before the door counts as unreachable. */
    private Duration timeout = Duration.ofSeconds(5);
    /**
     * How far a lock's clock may be off: a command expires this long before the wait for its answer
     * ends, so no lock acts on it after the visitor was answered. At most half the timeout; unset:
     * 1 s, or half the timeout if that is less.
     */
    private @Nullable Duration clockSkewAllowance;
    /** How many unlocks may wait for one door's answer at once; unset: no bound. */
    private @Nullable Integer maxWaitsPerDoor;
    /** How many unlocks may wait for any door's answer at once; unset: no bound. */
    private @Nullable Integer maxWaitsTotal;
    /** The {@code timeout} setting (described on the field). */
    public Duration getTimeout() {
      return timeout;
    }

    /** Sets {@code timeout} (described on the field). */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /** The {@code clock-skew-allowance} setting (described on the field). */
    public @Nullable Duration getClockSkewAllowance() {
      return clockSkewAllowance;
    }

    /** Sets {@code clock-skew-allowance} (described on the field). */
    public void setClockSkewAllowance(@Nullable Duration clockSkewAllowance) {
      this.clockSkewAllowance = clockSkewAllowance;
    }

    /** The {@code max-waits-per-door} setting (described on the field). */
    public @Nullable Integer getMaxWaitsPerDoor() {
      return maxWaitsPerDoor;
    }

    /** Sets {@code max-waits-per-door} (described on the field). */
    public void setMaxWaitsPerDoor(@Nullable Integer maxWaitsPerDoor) {
      this.maxWaitsPerDoor = maxWaitsPerDoor;
    }

    /** The {@code max-waits-total} setting (described on the field). */
    public @Nullable Integer getMaxWaitsTotal() {
      return maxWaitsTotal;
    }

    /** Sets {@code max-waits-total} (described on the field). */
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
    /** The {@code enabled} setting (described on the field). */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@code enabled} (described on the field). */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The {@code quota-organization} setting (described on the field). */
    public @Nullable String getQuotaOrganization() {
      return quotaOrganization;
    }

    /** Sets {@code quota-organization} (described on the field). */
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
    /** The {@code outbox} setting (described on the field). */
    public Outbox getOutbox() {
      return outbox;
    }

    /** The {@code mqtt} setting (described on the field). */
    public MqttHealth getMqtt() {
      return mqtt;
    }

    /** {@code accesslink.health.outbox.*}. */
    public static class Outbox {
      /** Whether the stuck-outbox health indicator is registered. */
      private boolean enabled = true;
      /** A delivery due for longer than this makes the outbox DOWN: no dispatcher took it in time. */
      private Duration overdueAfter = Duration.ofMinutes(10);
      /** The {@code enabled} setting (described on the field). */
      public boolean isEnabled() {
        return enabled;
      }

      /** Sets {@code enabled} (described on the field). */
      public void setEnabled(boolean enabled) {
        this.enabled = enabled;
      }

      /** The {@code overdue-after} setting (described on the field). */
      public Duration getOverdueAfter() {
        return overdueAfter;
      }

      /** Sets {@code overdue-after} (described on the field). */
      public void setOverdueAfter(Duration overdueAfter) {
        this.overdueAfter = overdueAfter;
      }
    }

    /** {@code accesslink.health.mqtt.*}. */
    public static class MqttHealth {
      /** Whether the MQTT connection health indicator is registered (when the starter connects to a broker). */
      private boolean enabled = true;
      /** The {@code enabled} setting (described on the field). */
      public boolean isEnabled() {
        return enabled;
      }

      /** Sets {@code enabled} (described on the field). */
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
    /** How many SMTP connections stay open for the next messages; 0: one connection per message. */
    private int maxIdleConnections = 4;
    /** How long a kept SMTP connection waits for its next message before it is closed. */
    private Duration connectionIdleTimeout = Duration.ofSeconds(10);
    /** After how many messages an SMTP connection is closed rather than kept. */
    private int maxMessagesPerConnection = 100;
    /** The {@code host} setting (described on the field). */
    public @Nullable String getHost() {
      return host;
    }

    /** Sets {@code host} (described on the field). */
    public void setHost(@Nullable String host) {
      this.host = host;
    }

    /** The {@code port} setting (described on the field). */
    public @Nullable Integer getPort() {
      return port;
    }

    /** Sets {@code port} (described on the field). */
    public void setPort(@Nullable Integer port) {
      this.port = port;
    }

    /** The {@code security} setting (described on the field). */
    public SmtpSecurityMode getSecurity() {
      return security;
    }

    /** Sets {@code security} (described on the field). */
    public void setSecurity(SmtpSecurityMode security) {
      this.security = security;
    }

    /** The {@code username} setting (described on the field). */
    public @Nullable String getUsername() {
      return username;
    }

    /** Sets {@code username} (described on the field). */
    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    /** The {@code password} setting (described on the field). */
    public @Nullable String getPassword() {
      return password;
    }

    /** Sets {@code password} (described on the field). */
    public void setPassword(@Nullable String password) {
      this.password = password;
    }

    /** The {@code from-address} setting (described on the field). */
    public @Nullable String getFromAddress() {
      return fromAddress;
    }

    /** Sets {@code from-address} (described on the field). */
    public void setFromAddress(@Nullable String fromAddress) {
      this.fromAddress = fromAddress;
    }

    /** The {@code from-name} setting (described on the field). */
    public @Nullable String getFromName() {
      return fromName;
    }

    /** Sets {@code from-name} (described on the field). */
    public void setFromName(@Nullable String fromName) {
      this.fromName = fromName;
    }

    /** The {@code timeout} setting (described on the field). */
    public Duration getTimeout() {
      return timeout;
    }

    /** Sets {@code timeout} (described on the field). */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /** The {@code maxIdleConnections} setting (described on the field). */
    public int getMaxIdleConnections() {
      return maxIdleConnections;
    }

    /** Sets {@code maxIdleConnections} (described on the field). */
    public void setMaxIdleConnections(int maxIdleConnections) {
      this.maxIdleConnections = maxIdleConnections;
    }

    /** The {@code connectionIdleTimeout} setting (described on the field). */
    public Duration getConnectionIdleTimeout() {
      return connectionIdleTimeout;
    }

    /** Sets {@code connectionIdleTimeout} (described on the field). */
    public void setConnectionIdleTimeout(Duration connectionIdleTimeout) {
      this.connectionIdleTimeout = connectionIdleTimeout;
    }

    /** The {@code maxMessagesPerConnection} setting (described on the field). */
    public int getMaxMessagesPerConnection() {
      return maxMessagesPerConnection;
    }

    /** Sets {@code maxMessagesPerConnection} (described on the field). */
    public void setMaxMessagesPerConnection(int maxMessagesPerConnection) {
      this.maxMessagesPerConnection = maxMessagesPerConnection;
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
    /** The {@code twilio} setting (described on the field). */
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
    /** The {@code account-sid} setting (described on the field). */
    public @Nullable String getAccountSid() {
      return accountSid;
    }

    /** Sets {@code account-sid} (described on the field). */
    public void setAccountSid(@Nullable String accountSid) {
      this.accountSid = accountSid;
    }

    /** The {@code auth-token} setting (described on the field). */
    public @Nullable String getAuthToken() {
      return authToken;
    }

    /** Sets {@code auth-token} (described on the field). */
    public void setAuthToken(@Nullable String authToken) {
      this.authToken = authToken;
    }

    /** The {@code from-number} setting (described on the field). */
    public @Nullable String getFromNumber() {
      return fromNumber;
    }

    /** Sets {@code from-number} (described on the field). */
    public void setFromNumber(@Nullable String fromNumber) {
      this.fromNumber = fromNumber;
    }

    /** The {@code messaging-service-sid} setting (described on the field). */
    public @Nullable String getMessagingServiceSid() {
      return messagingServiceSid;
    }

    /** Sets {@code messaging-service-sid} (described on the field). */
    public void setMessagingServiceSid(@Nullable String messagingServiceSid) {
      this.messagingServiceSid = messagingServiceSid;
    }

    /** The {@code allowed-regions} setting (described on the field). */
    public Set<String> getAllowedRegions() {
      return allowedRegions;
    }

    /** Sets {@code allowed-regions} (described on the field). */
    public void setAllowedRegions(Set<String> allowedRegions) {
      this.allowedRegions = allowedRegions;
    }

    /** The {@code api-base-url} setting (described on the field). */
    public @Nullable URI getApiBaseUrl() {
      return apiBaseUrl;
    }

    /** Sets {@code api-base-url} (described on the field). */
    public void setApiBaseUrl(@Nullable URI apiBaseUrl) {
      this.apiBaseUrl = apiBaseUrl;
    }

    /** The {@code status-callback-url} setting (described on the field). */
    public @Nullable URI getStatusCallbackUrl() {
      return statusCallbackUrl;
    }

    /** Sets {@code status-callback-url} (described on the field). */
    public void setStatusCallbackUrl(@Nullable URI statusCallbackUrl) {
      this.statusCallbackUrl = statusCallbackUrl;
    }

    /** The {@code connect-timeout} setting (described on the field). */
    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    /** Sets {@code connect-timeout} (described on the field). */
    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    /** The {@code request-timeout} setting (described on the field). */
    public Duration getRequestTimeout() {
      return requestTimeout;
    }

    /** Sets {@code request-timeout} (described on the field). */
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
    /** The {@code server-uri} setting (described on the field). */
    public @Nullable String getServerUri() {
      return serverUri;
    }

    /** Sets {@code server-uri} (described on the field). */
    public void setServerUri(@Nullable String serverUri) {
      this.serverUri = serverUri;
    }

    /** The {@code client-id} setting (described on the field). */
    public @Nullable String getClientId() {
      return clientId;
    }

    /** Sets {@code client-id} (described on the field). */
    public void setClientId(@Nullable String clientId) {
      this.clientId = clientId;
    }

    /** The {@code username} setting (described on the field). */
    public @Nullable String getUsername() {
      return username;
    }

    /** Sets {@code username} (described on the field). */
    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    /** The {@code password} setting (described on the field). */
    public @Nullable String getPassword() {
      return password;
    }

    /** Sets {@code password} (described on the field). */
    public void setPassword(@Nullable String password) {
      this.password = password;
    }

    /** The {@code session-expiry} setting (described on the field). */
    public Duration getSessionExpiry() {
      return sessionExpiry;
    }

    /** Sets {@code session-expiry} (described on the field). */
    public void setSessionExpiry(Duration sessionExpiry) {
      this.sessionExpiry = sessionExpiry;
    }

    /** The {@code keep-alive} setting (described on the field). */
    public Duration getKeepAlive() {
      return keepAlive;
    }

    /** Sets {@code keep-alive} (described on the field). */
    public void setKeepAlive(Duration keepAlive) {
      this.keepAlive = keepAlive;
    }

    /** The {@code connection-timeout} setting (described on the field). */
    public Duration getConnectionTimeout() {
      return connectionTimeout;
    }

    /** Sets {@code connection-timeout} (described on the field). */
    public void setConnectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = connectionTimeout;
    }

    /** The {@code max-reconnect-delay} setting (described on the field). */
    public Duration getMaxReconnectDelay() {
      return maxReconnectDelay;
    }

    /** Sets {@code max-reconnect-delay} (described on the field). */
    public void setMaxReconnectDelay(Duration maxReconnectDelay) {
      this.maxReconnectDelay = maxReconnectDelay;
    }

    /** The {@code message-expiry} setting (described on the field). */
    public Duration getMessageExpiry() {
      return messageExpiry;
    }

    /** Sets {@code message-expiry} (described on the field). */
    public void setMessageExpiry(Duration messageExpiry) {
      this.messageExpiry = messageExpiry;
    }

    /** The {@code command-topic} setting (described on the field). */
    public @Nullable String getCommandTopic() {
      return commandTopic;
    }

    /** Sets {@code command-topic} (described on the field). */
    public void setCommandTopic(@Nullable String commandTopic) {
      this.commandTopic = commandTopic;
    }

    /** The {@code availability-topic} setting (described on the field). */
    public @Nullable String getAvailabilityTopic() {
      return availabilityTopic;
    }

    /** Sets {@code availability-topic} (described on the field). */
    public void setAvailabilityTopic(@Nullable String availabilityTopic) {
      this.availabilityTopic = availabilityTopic;
    }

    /** The {@code reply-topic} setting (described on the field). */
    public @Nullable String getReplyTopic() {
      return replyTopic;
    }

    /** Sets {@code reply-topic} (described on the field). */
    public void setReplyTopic(@Nullable String replyTopic) {
      this.replyTopic = replyTopic;
    }

    /** The {@code track-availability} setting (described on the field). */
    public boolean isTrackAvailability() {
      return trackAvailability;
    }

    /** Sets {@code track-availability} (described on the field). */
    public void setTrackAvailability(boolean trackAvailability) {
      this.trackAvailability = trackAvailability;
    }

    /** The {@code tls} setting (described on the field). */
    public Tls getTls() {
      return tls;
    }

    /** The {@code command-keys} setting (described on the field). */
    public Map<String, Map<String, CommandKey>> getCommandKeys() {
      return commandKeys;
    }

    /** Sets {@code command-keys} (described on the field). */
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
      /** The {@code ca-file} setting (described on the field). */
      public @Nullable Path getCaFile() {
        return caFile;
      }

      /** Sets {@code ca-file} (described on the field). */
      public void setCaFile(@Nullable Path caFile) {
        this.caFile = caFile;
      }

      /** The {@code certificate-file} setting (described on the field). */
      public @Nullable Path getCertificateFile() {
        return certificateFile;
      }

      /** Sets {@code certificate-file} (described on the field). */
      public void setCertificateFile(@Nullable Path certificateFile) {
        this.certificateFile = certificateFile;
      }

      /** The {@code key-file} setting (described on the field). */
      public @Nullable Path getKeyFile() {
        return keyFile;
      }

      /** Sets {@code key-file} (described on the field). */
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
    /** The {@code key-id} setting (described on the field). */
    public @Nullable String getKeyId() {
      return keyId;
    }

    /** Sets {@code key-id} (described on the field). */
    public void setKeyId(@Nullable String keyId) {
      this.keyId = keyId;
    }

    /** The {@code secret} setting (described on the field). */
    public @Nullable String getSecret() {
      return secret;
    }

    /** Sets {@code secret} (described on the field). */
    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }
  }
}
