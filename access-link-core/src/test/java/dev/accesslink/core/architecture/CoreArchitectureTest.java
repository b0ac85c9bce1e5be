package dev.accesslink.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Core architecture")
class CoreArchitectureTest {
  static final String CORE = "dev.accesslink.core";
  static final String BROKEN = "dev.accesslink.core.architecture.fixture";

  static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(CORE);

  static final JavaClasses FIXTURE = new ClassFileImporter().importPackages(BROKEN);

  record Rule(String name, Function<String, ArchRule> rule) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Rule> rules() {
    return Stream.of(
        new Rule("core depends only on the JDK and JSpecify", CoreRules::jdkOnly),
        new Rule("domain depends on neither application nor ports", CoreRules::domainIsIndependent),
        new Rule("port.in does not depend on port.out", CoreRules::inPortsIgnoreOutPorts),
        new Rule("port.out does not depend on port.in", CoreRules::outPortsIgnoreInPorts),
        new Rule("ports do not depend on application", CoreRules::portsIgnoreApplication),
        new Rule("in-memory adapters do not depend on application", CoreRules::memoryAdaptersIgnoreApplication),
        new Rule("no wall-clock reads: time comes from the injected Clock", CoreRules::noWallClock));
  }

  @Nested
  @DisplayName("holds for the production code")
  class Production {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.accesslink.core.architecture.CoreArchitectureTest#rules")
    void holds(Rule rule) {
      rule.rule().apply(CORE).check(PRODUCTION);
    }
  }

  @Nested
  @DisplayName("fails on a deliberate violation (so the rule can fail)")
  class Proof {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.accesslink.core.architecture.CoreArchitectureTest#rules")
    void fails(Rule rule) {
      assertThat(rule.rule().apply(BROKEN).evaluate(FIXTURE).hasViolation()).isTrue();
    }
  }
}
