package dev.accesslink.spring.boot;

import dev.accesslink.core.application.AccessLinks;
import dev.accesslink.mqtt.MqttDoorController;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator health indicators, on by default when {@code spring-boot-health} is on the classpath
 * (it comes with {@code spring-boot-starter-actuator}): {@code accessLinkOutbox} (a stuck outbox,
 * {@link AccessLinkOutboxHealthIndicator}) and {@code accessLinkMqtt} (the broker connection of the
 * MQTT door controller the starter made, {@link AccessLinkMqttHealthIndicator}). Switch each off
 * with {@code accesslink.health.outbox.enabled=false} / {@code accesslink.health.mqtt.enabled=false}.
 */
@AutoConfiguration(after = AccessLinksAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
public class AccessLinksHealthAutoConfiguration {

  /** Used by Spring. */
  public AccessLinksHealthAutoConfiguration() {}

  /**
   * The stuck-outbox indicator.
   *
   * @param links the library
   * @param properties the {@code accesslink.*} properties
   * @return the indicator, named {@code accessLinkOutbox}
   */
  @Bean
  @ConditionalOnBean(AccessLinks.class)
  @ConditionalOnMissingBean(name = "accessLinkOutboxHealthIndicator")
  @ConditionalOnBooleanProperty(name = "accesslink.health.outbox.enabled", matchIfMissing = true)
  public AccessLinkOutboxHealthIndicator accessLinkOutboxHealthIndicator(AccessLinks links,
      AccessLinkProperties properties) {
    return new AccessLinkOutboxHealthIndicator(links, properties.getHealth().getOutbox().getOverdueAfter());
  }

  /** The MQTT connection indicator, when there is an MQTT door controller. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MqttDoorController.class)
  @ConditionalOnBean(MqttDoorController.class)
  @ConditionalOnBooleanProperty(name = "accesslink.health.mqtt.enabled", matchIfMissing = true)
  static class Mqtt {
    @Bean
    @ConditionalOnMissingBean(name = "accessLinkMqttHealthIndicator")
    AccessLinkMqttHealthIndicator accessLinkMqttHealthIndicator(MqttDoorController controller) {
      return new AccessLinkMqttHealthIndicator(controller);
    }
  }
}
