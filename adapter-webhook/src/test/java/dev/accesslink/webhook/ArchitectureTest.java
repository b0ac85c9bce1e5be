package dev.accesslink.webhook;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The webhook adapter depends on core and its own libraries only, never on another adapter. */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.accesslink.webhook");
  }

  @Test
  void dependsOnlyOnCoreAndItsOwnLibraries() {
    ArchRule rule =
        classes()
            .that()
            .resideInAPackage("dev.accesslink.webhook..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                "dev.accesslink.webhook..",
                "dev.accesslink.core.domain..",
                "dev.accesslink.core.port.out..",
                "java..",
                "javax.crypto..",
                "com.fasterxml.jackson..",
                "org.jspecify.annotations..");
    rule.check(production);
  }

  @Test
  void neverDependsOnAnotherAdapterOrTheTestkit() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.accesslink.webhook..")
            .should()
            .dependOnClassesThat(
                resideInAPackage("dev.accesslink..")
                    .and(not(resideInAnyPackage("dev.accesslink.webhook..", "dev.accesslink.core.."))));
    rule.check(production);
  }

  @Test
  void usesNoCoreInternalsOrApplicationServices() {
    noClasses()
        .that()
        .resideInAPackage("dev.accesslink.webhook..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.accesslink.core.internal..", "dev.accesslink.core.application..")
        .check(production);
  }
}
