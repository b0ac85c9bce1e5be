package dev.accesslink.email;

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
        .importPackages("dev.accesslink.email");
  }

  @Test
  @DisplayName("depends only on the JDK (not java.awt or javax.imageio: the QR code's PNG is written with java.util.zip), core's domain and ports, jakarta.mail and activation, Angus Mail, qrcodegen and JSpecify")
  void onlyAllowedDependencies() {
    ArchRule rule = classes().that().resideInAPackage("dev.accesslink.email..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "java..", "javax.net.ssl..", "dev.accesslink.email..", "dev.accesslink.core.domain..",
            "dev.accesslink.core.port.out..", "jakarta.mail..", "jakarta.activation..", "org.eclipse.angus.mail..",
            "io.nayuki.qrcodegen..", "org.jspecify.annotations..");
    rule.check(adapter);
    noClasses().that().resideInAPackage("dev.accesslink.email..")
        .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.imageio..")
        .check(adapter);
  }

  @Test
  @DisplayName("never touches another adapter, the testkit, or core's application and internal packages")
  void noOtherAdapters() {
    ArchRule rule = noClasses().that().resideInAPackage("dev.accesslink.email..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.accesslink.jdbc..", "dev.accesslink.sms..", "dev.accesslink.mqtt..",
            "dev.accesslink.example..", "dev.accesslink.testkit..",
            "dev.accesslink.core.application..", "dev.accesslink.core.internal..");
    rule.check(adapter);
  }

  @Test
  @DisplayName("exposes only the entry point, its settings and the template API; the rest is package-private")
  void smallPublicApi() {
    ArchRule rule = classes().that().resideInAPackage("dev.accesslink.email..").and().areTopLevelClasses().and().arePublic()
        .should().haveSimpleNameStartingWith("EmailLinkNotifier")
        .orShould().haveSimpleNameStartingWith("Smtp")
        .orShould().haveSimpleName("EmailTemplate")
        .orShould().haveSimpleName("RenderedEmail")
        .orShould().haveSimpleName("InlineImage");
    rule.check(adapter);
  }
}
