package dev.accesslink.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslink.core.application.UnlockBookkeeping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/** docs/spring-boot.md: its application.yml binds, key by key, and its application class compiles. */
@DisplayName("docs/spring-boot.md")
class DocumentedYamlTest {
  static final Path PAGE = Path.of("..", "docs", "spring-boot.md");

  @Test
  @DisplayName("every accesslink.* key of its application.yml exists, and the values bind")
  void yamlBinds() throws IOException {
    String yaml = block("## `application.yml`", "```yaml\n");
    List<PropertySource<?>> sources = new YamlPropertySourceLoader()
        .load("spring-boot.md", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
    // the page's properties alone: not the environment's (ACCESSLINK_SERVICES would be accesslink.services)
    StandardEnvironment environment = new StandardEnvironment();
    MutablePropertySources own = environment.getPropertySources();
    own.stream().map(PropertySource::getName).toList().forEach(own::remove);
    sources.forEach(own::addFirst);

    BindHandler strict = new NoUnboundElementsBindHandler(BindHandler.DEFAULT);
    AccessLinkProperties p = Binder.get(environment)
        .bind("accesslink", Bindable.of(AccessLinkProperties.class), strict).get();

    assertThat(p.getEmail().getHost()).isEqualTo("smtp.acme.example");
    assertThat(p.getEmail().getSecurity()).isEqualTo(AccessLinkProperties.SmtpSecurityMode.STARTTLS_REQUIRED);
    assertThat(p.getSms().getTwilio().getAllowedRegions()).containsExactly("US", "CA", "PR");
    assertThat(p.getMqtt().getServerUri()).isEqualTo("ssl://mqtt.acme.example:8883");
    assertThat(p.getMqtt().getCommandKeys().get("acme").get("front-door").getKeyId()).isEqualTo("k1");
    assertThat(p.getBookkeeping().getMode()).isEqualTo(UnlockBookkeeping.GUARANTEED);
    assertThat(p.getHealth().getOutbox().getOverdueAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.getDoor().getMaxWaitsTotal()).isEqualTo(32);
  }

  @Test
  @DisplayName("names every property of the configuration metadata")
  void namesEveryProperty() throws IOException {
    String metadata = Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json"));
    Matcher names = Pattern.compile("\"name\": \"(accesslink\\.[a-z0-9.-]+)\"").matcher(metadata);
    String page = Files.readString(PAGE);
    String yaml = block("## `application.yml`", "```yaml\n");
    List<String> missing = new ArrayList<>();
    int found = 0;
    while (names.find()) {
      found++;
      String name = names.group(1);
      String last = name.substring(name.lastIndexOf('.') + 1);
      if (!page.contains("`" + name + "`") && !yaml.contains(last + ":")) {
        missing.add(name);
      }
    }
    assertThat(found).as("properties in the metadata").isGreaterThan(50);
    assertThat(missing).as("properties docs/spring-boot.md does not name").isEmpty();
  }

  @Test
  @DisplayName("its application class is DoorsApplication, which the build compiles")
  void applicationClass() throws IOException {
    String shown = block("## The application", "```java\n");
    String source = Files.readString(Path.of("src/test/java/dev/accesslink/spring/boot/docs/DoorsApplication.java"));
    String fromMarker = source.substring(source.indexOf('\n', source.indexOf("// docs/spring-boot.md shows")) + 1);
    assertThat(normalized(shown)).isEqualTo(normalized(fromMarker));
  }

  private static String block(String heading, String fence) throws IOException {
    String text = Files.readString(PAGE);
    int at = text.indexOf(heading);
    assertThat(at).as("heading %s in %s", heading, PAGE).isNotNegative();
    int open = text.indexOf(fence, at);
    int close = text.indexOf("\n```", open + 1);
    return text.substring(open + fence.length(), close + 1);
  }

  private static String normalized(String code) {
    return code.replaceAll("(?m)[ \\t]+$", "").strip() + "\n";
  }
}
