package dev.accesslink.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Runs in a user's project against the installed jars: each published module has the module name of
 * its root package (what {@code jar --describe-module} and the module system see), and every class it
 * ships loads, with the types of its fields and methods, on the classpath this user's build resolved.
 */
class PublishedJarsTest {

  /** Every published module (artifactId) and its module name, which is also its root package. */
  static final Map<String, String> MODULE_NAMES = Map.of(
      "access-link-core", "dev.accesslink.core",
      "access-link-testkit", "dev.accesslink.testkit",
      "adapter-persistence-jdbc", "dev.accesslink.jdbc",
      "adapter-email", "dev.accesslink.email",
      "adapter-sms", "dev.accesslink.sms",
      "adapter-lock-mqtt", "dev.accesslink.mqtt",
      "adapter-webhook", "dev.accesslink.webhook",
      "access-link-micrometer", "dev.accesslink.micrometer",
      "access-link-spring-boot-starter", "dev.accesslink.spring.boot");

  @Test
  void checksEveryModuleTheBomLists() throws Exception {
    Path bom = Path.of(System.getProperty("accesslink.bom"));
    NodeList dependencies = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(bom.toFile()).getElementsByTagName("dependency");
    Set<String> listed = new TreeSet<>();
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      listed.add(dependency.getElementsByTagName("artifactId").item(0).getTextContent().strip());
    }
    assertThat(listed)
        .as("the BOM's modules; a new one needs its module name here and a dependency in this pom")
        .isEqualTo(new TreeSet<>(MODULE_NAMES.keySet()));
  }

  static Stream<String> rootPackages() {
    return MODULE_NAMES.values().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("rootPackages")
  void publishedJarHasTheModuleNameOfItsRootPackageAndAllItsClassesLoad(String rootPackage)
      throws Exception {
    Path jar = jarHolding(rootPackage);

    ModuleReference module = ModuleFinder.of(jar).findAll().iterator().next();
    ModuleDescriptor descriptor = module.descriptor();
    assertThat(descriptor.name()).as("module name of %s", jar.getFileName()).isEqualTo(rootPackage);
    assertThat(descriptor.packages())
        .isNotEmpty()
        .allMatch(p -> p.equals(rootPackage) || p.startsWith(rootPackage + "."));

    List<String> classes = classesIn(jar);
    assertThat(classes).isNotEmpty();
    ClassLoader loader = getClass().getClassLoader();
    for (String name : classes) {
      Class<?> type = Class.forName(name, false, loader);
      type.getDeclaredFields(); // resolves the field and method signature types: a missing
      type.getDeclaredMethods(); // runtime dependency fails here with NoClassDefFoundError
      type.getDeclaredConstructors();
    }
  }

  /** The one jar on the classpath that holds the package, found by its directory entry. */
  private static Path jarHolding(String rootPackage) throws IOException {
    Enumeration<URL> found =
        PublishedJarsTest.class.getClassLoader().getResources(rootPackage.replace('.', '/') + "/");
    List<Path> jars = new ArrayList<>();
    while (found.hasMoreElements()) {
      URL url = found.nextElement();
      if ("jar".equals(url.getProtocol())) {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        jars.add(Path.of(connection.getJarFileURL().getPath()));
      }
    }
    assertThat(jars).as("jars holding %s", rootPackage).hasSize(1);
    return jars.get(0);
  }

  private static List<String> classesIn(Path jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
        String entry = e.nextElement().getName();
        if (entry.endsWith(".class") && !entry.endsWith("module-info.class")) {
          names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
      }
    }
    return names;
  }
}
