package dev.accesslink.spring.boot;

import dev.accesslink.core.domain.DoorId;
import dev.accesslink.core.domain.OrganizationId;
import dev.accesslink.core.port.out.AccessLinkPersistence;
import dev.accesslink.core.port.out.DoorController;
import dev.accesslink.email.EmailLinkNotifier;
import dev.accesslink.email.SmtpSecurity;
import dev.accesslink.email.SmtpSettings;
import dev.accesslink.jdbc.JdbcAccessLinkPersistence;
import dev.accesslink.jdbc.JdbcSettings;
import dev.accesslink.mqtt.CommandKeys;
import dev.accesslink.mqtt.MqttDoorController;
import dev.accesslink.mqtt.MqttDoorSettings;
import dev.accesslink.mqtt.MqttTls;
import dev.accesslink.sms.SmsLinkNotifier;
import dev.accesslink.sms.TwilioSettings;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One configuration per adapter module, each guarded by its classes (the module is optional in the
 * starter) and its key property. Package-private: the conditions are the API.
 */
final class AdapterConfigurations {
  private AdapterConfigurations() {}

  /** The JDBC persistence on the application's DataSource. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(JdbcAccessLinkPersistence.class)
  @ConditionalOnBean(DataSource.class)
  static class Jdbc {
    @Bean
    @ConditionalOnMissingBean(AccessLinkPersistence.class)
    JdbcAccessLinkPersistence accessLinkPersistence(DataSource dataSource, AccessLinkProperties properties) {
      AccessLinkProperties.Jdbc jdbc = properties.getJdbc();
      return JdbcAccessLinkPersistence.create(dataSource, JdbcSettings.builder()
          .migrateOnCreate(jdbc.isMigrateOnStart())
          .quotaStripes(jdbc.getQuotaStripes())
          .maxTransactionAttempts(jdbc.getMaxTransactionAttempts())
          .build());
    }
  }

  /** EMAIL links over SMTP. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(EmailLinkNotifier.class)
  @ConditionalOnProperty(name = "accesslink.email.host")
  static class Email {
    @Bean
    @ConditionalOnMissingBean(EmailLinkNotifier.class)
    EmailLinkNotifier accessLinkEmailNotifier(AccessLinkProperties properties) {
      AccessLinkProperties.Email email = properties.getEmail();
      SmtpSettings.Builder smtp = SmtpSettings.builder()
          .host(required(email.getHost(), "accesslink.email.host"))
          .security(SmtpSecurity.valueOf(email.getSecurity().name()))
          .fromAddress(required(email.getFromAddress(), "accesslink.email.from-address"))
          .timeouts(email.getTimeout())
          .maxIdleConnections(email.getMaxIdleConnections())
          .connectionIdleTimeout(email.getConnectionIdleTimeout())
          .maxMessagesPerConnection(email.getMaxMessagesPerConnection());
      if (email.getPort() != null) {
        smtp.port(email.getPort());
      }
      if (email.getUsername() != null) {
        String password = email.getPassword() == null ? "" : email.getPassword();
        smtp.credentials(email.getUsername(), password.toCharArray());
      }
      if (email.getFromName() != null) {
        smtp.fromName(email.getFromName());
      }
      return EmailLinkNotifier.create(smtp.build());
    }
  }

  /** SMS links through Twilio. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SmsLinkNotifier.class)
  @ConditionalOnProperty(name = "accesslink.sms.twilio.account-sid")
  static class Sms {
    @Bean
    @ConditionalOnMissingBean(SmsLinkNotifier.class)
    SmsLinkNotifier accessLinkSmsNotifier(AccessLinkProperties properties) {
      AccessLinkProperties.Twilio twilio = properties.getSms().getTwilio();
      TwilioSettings.Builder settings = TwilioSettings.builder()
          .accountSid(required(twilio.getAccountSid(), "accesslink.sms.twilio.account-sid"))
          .authToken(required(twilio.getAuthToken(), "accesslink.sms.twilio.auth-token"))
          .allowedRegions(twilio.getAllowedRegions())
          .connectTimeout(twilio.getConnectTimeout())
          .requestTimeout(twilio.getRequestTimeout());
      if (twilio.getFromNumber() != null) {
        settings.fromNumber(twilio.getFromNumber());
      }
      if (twilio.getMessagingServiceSid() != null) {
        settings.messagingServiceSid(twilio.getMessagingServiceSid());
      }
      if (twilio.getApiBaseUrl() != null) {
        settings.apiBaseUrl(twilio.getApiBaseUrl());
      }
      if (twilio.getStatusCallbackUrl() != null) {
        settings.statusCallbackUrl(twilio.getStatusCallbackUrl());
      }
      return SmsLinkNotifier.create(settings.build());
    }
  }

  /** Door control over MQTT v5. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MqttDoorController.class)
  @ConditionalOnProperty(name = "accesslink.mqtt.server-uri")
  static class Mqtt {
    /** Connects when the context starts (failing the start if the broker is unreachable); closed after AccessLinks. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(DoorController.class)
    MqttDoorController accessLinkDoorController(AccessLinkProperties properties,
        ObjectProvider<AccessLinkMqttCustomizer> customizers) {
      AccessLinkProperties.Mqtt mqtt = properties.getMqtt();
      MqttDoorSettings.Builder settings = MqttDoorSettings.builder(
              required(mqtt.getServerUri(), "accesslink.mqtt.server-uri"))
          .sessionExpiry(mqtt.getSessionExpiry())
          .keepAlive(mqtt.getKeepAlive())
          .connectionTimeout(mqtt.getConnectionTimeout())
          .maxReconnectDelay(mqtt.getMaxReconnectDelay())
          .messageExpiry(mqtt.getMessageExpiry())
          .trackAvailability(mqtt.isTrackAvailability());
      if (mqtt.getClientId() != null) {
        settings.clientId(mqtt.getClientId());
      }
      if (mqtt.getUsername() != null) {
        settings.credentials(mqtt.getUsername(), mqtt.getPassword() == null ? "" : mqtt.getPassword());
      }
      if (mqtt.getCommandTopic() != null) {
        settings.commandTopic(mqtt.getCommandTopic());
      }
      if (mqtt.getAvailabilityTopic() != null) {
        settings.availabilityTopic(mqtt.getAvailabilityTopic());
      }
      if (mqtt.getReplyTopic() != null) {
        settings.replyTopic(mqtt.getReplyTopic());
      }
      AccessLinkProperties.Mqtt.Tls tls = mqtt.getTls();
      if (tls.getCaFile() != null) {
        settings.tls(tls.getCertificateFile() != null && tls.getKeyFile() != null
            ? MqttTls.withClientCertificate(tls.getCaFile(), tls.getCertificateFile(), tls.getKeyFile())
            : MqttTls.trusting(tls.getCaFile()));
      }
      for (Map.Entry<String, Map<String, AccessLinkProperties.CommandKey>> org : mqtt.getCommandKeys().entrySet()) {
        for (Map.Entry<String, AccessLinkProperties.CommandKey> door : org.getValue().entrySet()) {
          byte[] secret = AccessLinksAutoConfiguration.decodeKey(org.getKey(), door.getKey(), door.getValue());
          settings.commandKeys(OrganizationId.of(org.getKey()), DoorId.of(door.getKey()),
              CommandKeys.of(door.getValue().getKeyId(), secret));
        }
      }
      customizers.orderedStream().forEach(c -> c.customize(settings));
      return MqttDoorController.connect(settings.build());
    }
  }

  static String required(String value, String property) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(property + " is required");
    }
    return value;
  }
}
