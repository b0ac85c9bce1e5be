package dev.accesslink.mqtt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.accesslink.mqtt.simulator.MqttLockSimulator;
import dev.accesslink.mqtt.simulator.SimulatedLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** This adapter depends on the core's API and its own libraries only; never on another adapter. */
class ArchitectureTest {
  private static JavaClasses adapter;

  @BeforeAll
  static void importClasses() {
    adapter = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.accesslink.mqtt");
  }

  @Test
  @DisplayName("depends only on the JDK, core's domain and ports, Paho MQTT v5, Jackson and JSpecify")
  void onlyAllowedDependencies() {
    ArchRule rule = classes().that().resideInAPackage("dev.accesslink.mqtt..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "java..", "javax.net..", "javax.crypto..", "dev.accesslink.mqtt..", "dev.accesslink.core.domain..",
            "dev.accesslink.core.port.out..", "org.eclipse.paho.mqttv5..", "com.fasterxml.jackson..",
            "org.jspecify.annotations..");
    rule.check(adapter);
  }

  @Test
  @DisplayName("never touches another adapter, the testkit, or core's application and internal packages")
  void noOtherAdapters() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.accesslink.mqtt..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.accesslink.jdbc..", "dev.accesslink.email..", "dev.accesslink.sms..",
            "dev.accesslink.example..", "dev.accesslink.testkit..",
            "dev.accesslink.core.application..", "dev.accesslink.core.internal..");
    rule.check(adapter);
  }

  @Test
  @DisplayName("the API package exposes the controller, its settings, keys, TLS helper, errors and profiles only")
  void smallPublicApi() {
    ArchRule rule = classes().that().resideInAPackage("dev.accesslink.mqtt").and().areTopLevelClasses()
        .and().arePublic()
        .should().haveSimpleNameStartingWith("MqttDoor")
        .orShould().haveSimpleName("MqttCredentials")
        .orShould().haveSimpleName("MqttTls")
        .orShould().haveSimpleName("MqttConnectionException")
        .orShould().haveSimpleName("CommandKeys")
        .orShould().haveSimpleName("LateAnswer")
        .orShould().haveSimpleNameStartingWith("Lock");
    rule.check(adapter);
  }

  @Test
  @DisplayName("the simulator lives in its own package and exposes the simulator, its locks and behaviours")
  void simulatorApart() {
    classes().that().resideInAPackage("dev.accesslink.mqtt.simulator").and().areTopLevelClasses().and().arePublic()
        .should().haveSimpleName("MqttLockSimulator").orShould().haveSimpleName("SimulatedLock")
        .orShould().haveSimpleName("LockBehaviour")
        .check(adapter);
    noClasses().that().resideInAnyPackage("dev.accesslink.mqtt", "dev.accesslink.mqtt.internal")
        .should().dependOnClassesThat().resideInAPackage("dev.accesslink.mqtt.simulator")
        .check(adapter);
  }
}
