package dev.accesslink.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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
        .importPackages("dev.accesslink.jdbc");
  }

  @Test
  @DisplayName("depends only on the JDK, core's domain and ports, Jdbi, Flyway, JSpecify and Jackson's streaming core")
  void onlyAllowedDependencies() {
    ArchRule rule = classes().that().resideInAPackage("dev.accesslink.jdbc..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "java..", "javax.sql..", "dev.accesslink.jdbc..", "dev.accesslink.core.domain..",
            "dev.accesslink.core.port.out..", "org.jdbi.v3.core..", "org.flywaydb.core..", "org.jspecify.annotations..",
            // the JSON arrays of MariaDB's bookkeeping procedure; on the classpath already for Flyway
            "com.fasterxml.jackson.core");
    rule.check(adapter);
  }

  @Test
  @DisplayName("never touches another adapter, the testkit, or core's application and internal packages")
  void noOtherAdapters() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.accesslink.jdbc..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.accesslink.email..", "dev.accesslink.sms..", "dev.accesslink.mqtt..", "dev.accesslink.example..",
            "dev.accesslink.testkit..", "dev.accesslink.core.application..", "dev.accesslink.core.internal..");
    rule.check(adapter);
  }
}
