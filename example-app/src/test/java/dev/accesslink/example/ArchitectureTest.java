package dev.accesslink.example;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * One composition root: only {@link CompositionRoot} (and the console {@link Walkthrough}, a
 * second, minimal wiring) name adapter classes; the web layer sees the library through its use
 * cases and ports alone. No main code uses the testkit. Proven to fail once by a deliberate import
 * of {@code dev.accesslink.jdbc.JdbcGroupDirectory} in the web layer (then removed).
 */
@AnalyzeClasses(packages = "dev.accesslink.example", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule only_the_composition_root_names_adapters = noClasses()
      .that().doNotHaveSimpleName("CompositionRoot").and().doNotHaveSimpleName("Walkthrough")
      .and().doNotHaveSimpleName("LockProfiles").and().resideInAPackage("dev.accesslink.example..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.accesslink.jdbc..", "dev.accesslink.email..", "dev.accesslink.sms..", "dev.accesslink.mqtt..",
          "dev.accesslink.webhook..",
          "com.zaxxer.hikari..", "org.h2..")
      .allowEmptyShould(false);

  @ArchTest
  static final ArchRule main_code_never_uses_the_testkit = noClasses()
      .that().resideInAPackage("dev.accesslink.example..")
      .should().dependOnClassesThat().resideInAPackage("dev.accesslink.testkit..")
      .allowEmptyShould(false);
}
