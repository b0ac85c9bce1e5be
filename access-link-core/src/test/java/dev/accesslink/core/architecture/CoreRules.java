package dev.accesslink.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules of core, as functions of the root package so that each can also be run
 * against a deliberately broken fixture to prove it fails.
 */
final class CoreRules {
  private CoreRules() {}

  /** Core uses the JDK, JSpecify and itself; nothing else. */
  static ArchRule jdkOnly(String root) {
    return classes().that().resideInAPackage(root + "..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..", root + "..")
        .because("core is framework-free: JDK only (annotation-only jars aside)");
  }

  /** The domain knows nothing of use cases or ports. */
  static ArchRule domainIsIndependent(String root) {
    return noClasses().that().resideInAPackage(root + ".domain..")
        .should().dependOnClassesThat().resideInAnyPackage(root + ".application..", root + ".port..")
        .because("the domain is the centre of the hexagon");
  }

  /** Driving and driven ports stay apart. */
  static ArchRule inPortsIgnoreOutPorts(String root) {
    return noClasses().that().resideInAPackage(root + ".port.in..")
        .should().dependOnClassesThat().resideInAPackage(root + ".port.out..");
  }

  /** Driven ports do not know the driving side. */
  static ArchRule outPortsIgnoreInPorts(String root) {
    return noClasses().that().resideInAPackage(root + ".port.out..")
        .should().dependOnClassesThat().resideInAPackage(root + ".port.in..");
  }

  /** Ports do not depend on the services that implement them. */
  static ArchRule portsIgnoreApplication(String root) {
    return noClasses().that().resideInAPackage(root + ".port..")
        .should().dependOnClassesThat().resideInAPackage(root + ".application..");
  }

  /** The in-memory adapters implement ports; they do not reach into the use cases. */
  static ArchRule memoryAdaptersIgnoreApplication(String root) {
    return noClasses().that().resideInAPackage(root + ".memory..")
        .should().dependOnClassesThat().resideInAPackage(root + ".application..")
        .because("the in-memory adapters are adapters like any other, only shipped with core");
  }

  /** Every instant comes from an injected clock: no now(), no currentTimeMillis. */
  static ArchRule noWallClock(String root) {
    return noClasses().that().resideInAPackage(root + "..")
        .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
            com.tngtech.archunit.base.DescribedPredicate.describe("a now() of java.time or System.currentTimeMillis",
                t -> (t.getName().equals("now") && t.getOwner().getPackageName().equals("java.time"))
                    || (t.getOwner().isEquivalentTo(System.class)
                        && (t.getName().equals("currentTimeMillis") || t.getName().equals("nanoTime"))))))
        .because("time comes from the injected java.time.Clock");
  }
}
