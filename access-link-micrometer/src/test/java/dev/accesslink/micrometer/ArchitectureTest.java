package dev.accesslink.micrometer;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Micrometer module depends on core's API and Micrometer only, never on another adapter. */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.accesslink.micrometer");
  }

  @Test
  void dependsOnlyOnCoreAndMicrometer() {
    classes().that().resideInAPackage("dev.accesslink.micrometer..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "dev.accesslink.micrometer..",
            "dev.accesslink.core.domain..",
            "dev.accesslink.core.port.in..",
            "dev.accesslink.core.port.out..",
            "java..",
            "io.micrometer.common..",
            "io.micrometer.core.instrument..",
            "io.micrometer.observation..",
            "org.jspecify.annotations..")
        .check(production);
  }

  @Test
  void neverDependsOnAnotherAdapterOrTheTestkit() {
    noClasses().that().resideInAPackage("dev.accesslink.micrometer..")
        .should().dependOnClassesThat(resideInAPackage("dev.accesslink..")
            .and(not(resideInAnyPackage("dev.accesslink.micrometer..", "dev.accesslink.core.."))))
        .check(production);
  }

  @Test
  void usesNoCoreInternalsOrApplicationServices() {
    noClasses().that().resideInAPackage("dev.accesslink.micrometer..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("dev.accesslink.core.internal..", "dev.accesslink.core.application..")
        .check(production);
  }
}
