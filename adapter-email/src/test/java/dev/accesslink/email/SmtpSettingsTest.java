package dev.accesslink.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SMTP settings")
class SmtpSettingsTest {
  static SmtpSettings.Builder minimal() {
    return SmtpSettings.builder().host("smtp.example.com").fromAddress("access@acme.example");
  }

  @Test
  @DisplayName("default to STARTTLS required on 587, 10 s timeouts and the identity check")
  void defaults() {
    SmtpSettings s = minimal().build();
    assertThat(s.security()).isEqualTo(SmtpSecurity.STARTTLS_REQUIRED);
    assertThat(s.port()).isEqualTo(587);
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.checkServerIdentity()).isTrue();
    assertThat(s.credentials()).isEmpty();
    assertThat(minimal().security(SmtpSecurity.IMPLICIT_TLS).build().port()).isEqualTo(465);
    assertThat(s.maxIdleConnections()).isEqualTo(4);
    assertThat(s.connectionIdleTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.maxMessagesPerConnection()).isEqualTo(100);
  }

  @Test
  @DisplayName("refuse connection-reuse settings out of range, and compare by them")
  void connectionReuseValidation() {
    assertThatThrownBy(() -> minimal().maxIdleConnections(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIdleConnections");
    assertThatThrownBy(() -> minimal().maxIdleConnections(1025).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIdleConnections");
    assertThatThrownBy(() -> minimal().maxMessagesPerConnection(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxMessagesPerConnection");
    assertThatThrownBy(() -> minimal().connectionIdleTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectionIdleTimeout");
    assertThatThrownBy(() -> minimal().connectionIdleTimeout(Duration.ofMillis(-1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectionIdleTimeout");
    SmtpSettings noReuse = minimal().maxIdleConnections(0).maxMessagesPerConnection(1)
        .connectionIdleTimeout(Duration.ofSeconds(1)).build();
    assertThat(noReuse.maxIdleConnections()).isZero();
    assertThat(noReuse).isNotEqualTo(minimal().build());
    assertThat(noReuse.toString()).contains("maxIdleConnections=0", "maxMessagesPerConnection=1");
  }

  @Test
  @DisplayName("never show the password in toString")
  void passwordHidden() {
    char[] password = "hunter2-very-secret".toCharArray();
    SmtpSettings s = minimal().credentials("mailer", password).build();
    password[0] = 'X'; // the settings keep their own copy
    assertThat(s.toString()).contains("mailer").doesNotContain("hunter2-very-secret", "unter2");
    assertThat(s.credentials().orElseThrow().toString()).doesNotContain("unter2");
    assertThat(new String(s.credentials().orElseThrow().password())).isEqualTo("hunter2-very-secret");
    assertThat(EmailLinkNotifier.create(s).toString()).doesNotContain("unter2");
    assertThat(EmailLinkNotifier.sessionProperties(s).toString()).doesNotContain("unter2");
  }

  @Test
  @DisplayName("normalize the From address and refuse invalid values")
  void validation() {
    assertThat(minimal().fromAddress(" Access@ACME.example ").build().fromAddress())
        .isEqualTo("Access@acme.example");
    assertThatThrownBy(() -> minimal().fromAddress("Acme <access@acme.example>").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email.display_name");
    assertThatThrownBy(() -> minimal().fromName("Acme\r\nBcc: x@y.example").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> minimal().host("smtp.example.com\r\n").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> minimal().port(0).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> minimal().port(65536).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> minimal().readTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> minimal().connectTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SmtpSettings.builder().fromAddress("a@b.example").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
    assertThatThrownBy(() -> SmtpSettings.builder().host("h").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("From");
    assertThatThrownBy(() -> minimal().credentials(" ", new char[0]).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("map to finite jakarta.mail timeouts and the chosen TLS mode")
  void sessionProperties() {
    SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
    Properties p = EmailLinkNotifier.sessionProperties(minimal()
        .connectTimeout(Duration.ofSeconds(3)).readTimeout(Duration.ofSeconds(4))
        .writeTimeout(Duration.ofSeconds(5)).credentials("u", "p".toCharArray()).build());
    assertThat(p).containsEntry("mail.smtp.connectiontimeout", "3000")
        .containsEntry("mail.smtp.timeout", "4000")
        .containsEntry("mail.smtp.writetimeout", "5000")
        .containsEntry("mail.smtp.auth", "true")
        .containsEntry("mail.smtp.starttls.enable", "true")
        .containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
        .containsEntry("mail.debug", "false");

    Properties tls = EmailLinkNotifier.sessionProperties(minimal()
        .security(SmtpSecurity.IMPLICIT_TLS).sslSocketFactory(factory).build());
    assertThat(tls).containsEntry("mail.smtp.ssl.enable", "true")
        .containsEntry("mail.smtp.ssl.socketFactory", factory)
        .containsEntry("mail.smtp.auth", "false")
        .doesNotContainKey("mail.smtp.starttls.enable");

    Properties optional = EmailLinkNotifier.sessionProperties(minimal()
        .security(SmtpSecurity.STARTTLS_OPTIONAL).build());
    assertThat(optional).containsEntry("mail.smtp.starttls.enable", "true")
        .containsEntry("mail.smtp.starttls.required", "false");
  }

  @Test
  @DisplayName("is a final class built only by its builder, equal by value")
  void builtOnlyByTheBuilder() {
    assertThat(SmtpSettings.class.getConstructors()).as("no public constructor").isEmpty();
    assertThat(SmtpSettings.class.isRecord()).isFalse();
    assertThat(minimal().port(2525).build()).isEqualTo(minimal().port(2525).build())
        .hasSameHashCodeAs(minimal().port(2525).build())
        .isNotEqualTo(minimal().port(2526).build());
  }
}
