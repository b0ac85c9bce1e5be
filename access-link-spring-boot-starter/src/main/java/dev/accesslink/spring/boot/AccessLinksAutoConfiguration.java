package dev.accesslink.spring.boot;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.core.application.AccessLinksBuilder;
import dev.accesslink.core.application.DeliveryPolicy;
import dev.accesslink.core.application.DoorPolicy;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.AccessLinkPersistence;
import dev.accesslink.core.port.out.AccessLinkTelemetry;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.core.port.out.LinkNotifier;
import dev.accesslink.micrometer.AccessLinkMetrics;
import dev.accesslink.spring.boot.AccessLinkProperties.CommandKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Builds one {@link AccessLinks} bean from the application's beans and the {@code accesslink.*}
 * properties ({@link AccessLinkProperties}):
 *
 * <ul>
 *   <li>an {@link AccessLinkPersistence}: yours, or the JDBC persistence on the application's
 *       {@link DataSource} (migrations on start unless {@code accesslink.jdbc.migrate-on-start=false});
 *   <li>a {@link DoorController}: yours, or the MQTT one ({@code accesslink.mqtt.server-uri});
 *   <li>every {@link LinkNotifier} bean: yours, and the SMTP ({@code accesslink.email.host}) and
 *       Twilio ({@code accesslink.sms.twilio.account-sid}) ones;
 *   <li>an {@link AccessLinkTelemetry}: yours, or Micrometer's when {@code access-link-micrometer}
 *       and a {@code MeterRegistry} are there;
 *   <li>then every {@link AccessLinksCustomizer}.
 * </ul>
 *
 * <p>Each adapter is configured only when its module is on the classpath and its key property is
 * set, and every bean backs off when the application defines its own. The {@code AccessLinks}
 * bean is closed when the context closes, before the adapters it uses (they are its dependencies),
 * so the dispatcher stops and queued unlock bookkeeping is written while the store and the broker
 * connection are still open.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@EnableConfigurationProperties(AccessLinkProperties.class)
@Import({AdapterConfigurations.Jdbc.class, AdapterConfigurations.Email.class, AdapterConfigurations.Sms.class,
    AdapterConfigurations.Mqtt.class})
public class AccessLinksAutoConfiguration {

  /** Used by Spring. */
  public AccessLinksAutoConfiguration() {}

  /**
   * The library: closed (dispatcher stopped, queued bookkeeping written) when the context closes.
   *
   * @param persistence where everything is kept
   * @param doors what opens doors
   * @param notifiers the EMAIL and SMS notifiers, at most one per channel
   * @param telemetry metrics and traces, if any
   * @param customizers last changes to the builder
   * @param properties the {@code accesslink.*} properties
   * @return the one instance of the application
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public AccessLinks accessLinks(AccessLinkPersistence persistence, DoorController doors,
      ObjectProvider<LinkNotifier> notifiers, ObjectProvider<AccessLinkTelemetry> telemetry,
      ObjectProvider<AccessLinksCustomizer> customizers, AccessLinkProperties properties) {
    AccessLinksBuilder builder = AccessLinks.builder().persistence(persistence).doors(doors);
    notifiers.orderedStream().forEach(builder::notifier);
    telemetry.ifUnique(builder::telemetry);
    AccessLinkProperties.Dispatch dispatch = properties.getDispatch();
    builder.deliveryPolicy(new DeliveryPolicy(dispatch.getLease(), dispatch.getMaxAttempts(),
        dispatch.getInitialBackoff(), dispatch.getMaxBackoff(), dispatch.getBatchSize()));
    if (dispatch.getEvery() != null) {
      builder.dispatchEvery(dispatch.getEvery());
    }
    if (dispatch.getParallelism() < 1) {
      throw new IllegalArgumentException("accesslink.dispatch.parallelism must be at least 1, was " + dispatch.getParallelism());
    }
    builder.dispatchParallelism(dispatch.getParallelism());
    AccessLinkProperties.Door door = properties.getDoor();
    DoorPolicy doorPolicy = door.getClockSkewAllowance() == null ? DoorPolicy.waitingFor(door.getTimeout())
        : new DoorPolicy(door.getTimeout(), door.getClockSkewAllowance());
    if (door.getMaxWaitsPerDoor() != null || door.getMaxWaitsTotal() != null) {
      doorPolicy = doorPolicy.withBulkhead(
          door.getMaxWaitsPerDoor() != null ? door.getMaxWaitsPerDoor() : Integer.MAX_VALUE,
          door.getMaxWaitsTotal() != null ? door.getMaxWaitsTotal() : Integer.MAX_VALUE);
    }
    builder.doorPolicy(doorPolicy)
        .directoryCache(properties.getCache().getDirectoryTtl())
        .unlockBookkeeping(properties.getBookkeeping().getMode());
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  /** Micrometer metrics and observations, when access-link-micrometer and a MeterRegistry are there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({AccessLinkMetrics.class, MeterRegistry.class})
  @ConditionalOnBean(MeterRegistry.class)
  @ConditionalOnBooleanProperty(name = "accesslink.metrics.enabled", matchIfMissing = true)
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean(AccessLinkTelemetry.class)
    AccessLinkMetrics accessLinkMetrics(MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
      return AccessLinkMetrics.of(meters, observations.getIfUnique(() -> ObservationRegistry.NOOP));
    }

    /**
     * Binds the gauges that read the store: accesslink.outbox.pending (every pending delivery) and,
     * with accesslink.metrics.quota-organization, accesslink.quota.used.
     */
    @Bean
    SmartInitializingSingleton accessLinkStoreGauges(ObjectProvider<AccessLinks> links,
        ObjectProvider<AccessLinkTelemetry> telemetry, AccessLinkProperties properties) {
      return () -> {
        AccessLinks instance = links.getIfUnique();
        if (instance != null && telemetry.getIfUnique() instanceof AccessLinkMetrics metrics) {
          metrics.bindOutboxBacklog(instance);
          String organization = properties.getMetrics().getQuotaOrganization();
          if (organization != null) {
            metrics.bindQuotaUsage(instance, OrganizationId.of(organization));
          }
        }
      };
    }
  }

  /**
   * Masks the starter's secrets in the actuator's {@code configprops} and {@code env} endpoints
   * also when an application shows their values ({@code show-values: always}).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SanitizingFunction.class)
  static class Secrets {
    private static final Set<String> SECRET_WORDS = Set.of("password", "secret", "token", "key");

    @Bean
    SanitizingFunction accessLinkSecretsSanitizer() {
      return data -> isSecret(data.getKey()) ? data.withSanitizedValue() : data;
    }

    /**
     * True for an {@code accesslink.*} key (as the env endpoint names it, or the configprops
     * endpoint: {@code authToken}) whose last part names a secret, and for every command key.
     */
    static boolean isSecret(String key) {
      String lower = key.toLowerCase(Locale.ROOT);
      if (!lower.startsWith("accesslink.")) {
        return false;
      }
      String last = lower.substring(lower.lastIndexOf('.') + 1);
      return SECRET_WORDS.stream().anyMatch(last::contains)
          || lower.contains(".command-keys.") || lower.contains(".commandkeys.");
    }
  }

  static byte[] decodeKey(String organization, String door, CommandKey key) {
    if (key.getKeyId() == null || key.getSecret() == null) {
      throw new IllegalArgumentException("accesslink.mqtt.command-keys." + organization + "." + door
          + ": key-id and secret are both required");
    }
    try {
      return java.util.Base64.getDecoder().decode(key.getSecret().strip());
    } catch (IllegalArgumentException e) {
      // never quote the value: it is the key
      throw new IllegalArgumentException("accesslink.mqtt.command-keys." + organization + "." + door
          + ".secret is not valid base64");
    }
  }
}
