package dev.accesslink.spring.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An optional module is touched only by the configuration guarded by its classes: a class that
 * used it elsewhere would fail to load in an application without that module.
 */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.accesslink.spring.boot");
  }

  @Test
  @DisplayName("adapter-email only in the e-mail configuration, adapter-sms only in the SMS one")
  void notifierModules() {
    noClasses().that().haveNameNotMatching(".*\\.AdapterConfigurations\\$Email")
        .should().dependOnClassesThat().resideInAPackage("dev.accesslink.email..").check(production);
    noClasses().that().haveNameNotMatching(".*\\.AdapterConfigurations\\$Sms")
        .should().dependOnClassesThat().resideInAPackage("dev.accesslink.sms..").check(production);
  }

  @Test
  @DisplayName("adapter-lock-mqtt only in the MQTT configurations, its customizer and its health indicator")
  void mqttModule() {
    noClasses().that().haveNameNotMatching(".*\\.(AdapterConfigurations\\$Mqtt|AccessLinksHealthAutoConfiguration\\$Mqtt"
            + "|AccessLinkMqttCustomizer|AccessLinkMqttHealthIndicator)")
        .should().dependOnClassesThat().resideInAPackage("dev.accesslink.mqtt..").check(production);
  }

  @Test
  @DisplayName("Micrometer only in the metrics configuration; the actuator only in the secrets one")
  void micrometerAndActuator() {
    noClasses().that().haveNameNotMatching(".*\\.AccessLinksAutoConfiguration\\$Metrics")
        .should().dependOnClassesThat().resideInAnyPackage("dev.accesslink.micrometer..", "io.micrometer..").check(production);
    noClasses().that().haveNameNotMatching(".*\\.AccessLinksAutoConfiguration\\$Secrets")
        .should().dependOnClassesThat().resideInAPackage("org.springframework.boot.actuate..").check(production);
  }

  @Test
  @DisplayName("no library internals")
  void noInternals() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.accesslink..internal..")
        .check(production);
  }
}
