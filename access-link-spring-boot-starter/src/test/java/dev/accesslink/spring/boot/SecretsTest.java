package dev.accesslink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("Secrets in the actuator")
class SecretsTest {
  static final String[] PROPERTIES = {
      "accesslink.email.host=smtp.acme.example", "accesslink.email.from-address=doors@acme.example",
      "accesslink.email.username=doors", "accesslink.email.password=smtp-pass-123",
      "accesslink.sms.twilio.account-sid=AC00000000000000000000000000000000",
      "accesslink.sms.twilio.auth-token=twilio-token-456", "accesslink.sms.twilio.from-number=+12025550123",
      "accesslink.mqtt.username=door-service", "accesslink.mqtt.password=mqtt-pass-789",
      "accesslink.mqtt.command-keys.acme.front.key-id=k1",
      "accesslink.mqtt.command-keys.acme.front.secret=c2VjcmV0LWtleS1ieXRlcy10aGF0LWFyZS1sb25nLWVub3VnaA=="};

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AccessLinksAutoConfiguration.class))
      .withUserConfiguration(TestBeans.Doors.class, TestBeans.InMemory.class)
      .withPropertyValues(PROPERTIES);

  @Test
  @DisplayName("configprops masks passwords, the auth token and command keys even with show-values: always")
  void configpropsMasksSecrets() {
    runner.run(context -> {
      Map<String, Object> shown = configprops(context,
          context.getBeanProvider(SanitizingFunction.class).orderedStream().toList());
      assertThat(shown).containsEntry("email.host", "smtp.acme.example")
          .containsEntry("email.username", "doors")
          .containsEntry("mqtt.username", "door-service")
          .containsEntry("email.password", SanitizableData.SANITIZED_VALUE)
          .containsEntry("sms.twilio.authToken", SanitizableData.SANITIZED_VALUE)
          .containsEntry("mqtt.password", SanitizableData.SANITIZED_VALUE)
          .containsEntry("mqtt.commandKeys.acme.front.secret", SanitizableData.SANITIZED_VALUE);
      assertThat(shown.values()).noneMatch(v -> String.valueOf(v).contains("pass-")
          || String.valueOf(v).contains("token-") || String.valueOf(v).contains("c2VjcmV0"));
    });
  }

  @Test
  @DisplayName("without the starter's sanitizer, show-values: always would print them (what the bean prevents)")
  void withoutTheSanitizer() {
    runner.run(context -> assertThat(configprops(context, List.of()))
        .containsEntry("email.password", "smtp-pass-123"));
  }

  @Test
  @DisplayName("the env endpoint's full keys are masked too; other applications' keys are left alone")
  void envKeys() {
    SanitizingFunction f = new AccessLinksAutoConfiguration.Secrets().accessLinkSecretsSanitizer();
    assertThat(f.apply(new SanitizableData(null, "accesslink.email.password", "x")).getValue())
        .isEqualTo(SanitizableData.SANITIZED_VALUE);
    assertThat(f.apply(new SanitizableData(null, "accesslink.sms.twilio.auth-token", "x")).getValue())
        .isEqualTo(SanitizableData.SANITIZED_VALUE);
    assertThat(f.apply(new SanitizableData(null, "accesslink.mqtt.command-keys.acme.front.secret", "x")).getValue())
        .isEqualTo(SanitizableData.SANITIZED_VALUE);
    assertThat(f.apply(new SanitizableData(null, "accesslink.email.host", "x")).getValue()).isEqualTo("x");
    assertThat(f.apply(new SanitizableData(null, "spring.application.name", "x")).getValue()).isEqualTo("x");
  }

  @Test
  @DisplayName("the properties object prints no secret")
  void noSecretInToString() {
    runner.run(context -> assertThat(context.getBean(AccessLinkProperties.class).getEmail().toString())
        .doesNotContain("smtp-pass-123"));
  }

  private static Map<String, Object> configprops(AssertableApplicationContext context, List<SanitizingFunction> fns) {
    ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(fns, Show.ALWAYS);
    endpoint.setApplicationContext(context);
    Map<String, Object> flat = new LinkedHashMap<>();
    endpoint.configurationPropertiesWithPrefix("accesslink").getContexts().values().forEach(c ->
        c.getBeans().values().forEach(b -> flatten("", b.getProperties(), flat)));
    return flat;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> into) {
    map.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m) {
        flatten(prefix + k + ".", (Map<String, Object>) m, into);
      } else {
        into.put(prefix + k, v);
      }
    });
  }
}
