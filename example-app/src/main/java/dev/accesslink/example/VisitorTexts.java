package dev.accesslink.example;

import dev.accesslink.core.domain.Language;
import dev.accesslink.core.port.out.Translations;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The visitor page's texts in a link's language, from {@code dev/accesslink/example/visitor*.properties}
 * and a product's overrides: the visitor API sends them with the link, and the page fills in its
 * {@code {placeholders}}. Every key of the English file is sent, falling back to English key by
 * key. Immutable, thread-safe.
 */
final class VisitorTexts {
  /** The built-in bundle's base name. */
  static final String BASE_NAME = "dev.accesslink.example.visitor";
  /** The built-in texts. */
  static final Translations BUILT_IN = Translations.of(BASE_NAME, VisitorTexts.class.getClassLoader());
  private static final List<String> KEYS = keys();

  private final Translations texts;

  VisitorTexts(Translations texts) {
    this.texts = texts;
  }

  /** Every text of the page in {@code language}. */
  Map<String, String> page(Language language) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String key : KEYS) {
      if (!key.equals("date.time")) {
        m.put(key, texts.text(language, key));
      }
    }
    return m;
  }

  /** {@code at} in the language's words and {@code zone}, such as "domingo 15 de marzo de 2026, 13:00 (Europe/Madrid)". */
  String when(Language language, Instant at, ZoneId zone) {
    return DateTimeFormatter.ofPattern(texts.text(language, "date.time"), language.locale()).format(at.atZone(zone))
        + " (" + zone.getId() + ")";
  }

  private static List<String> keys() {
    Properties english = new Properties();
    try (InputStream in = VisitorTexts.class.getResourceAsStream("visitor.properties")) {
      english.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return english.stringPropertyNames().stream().sorted().toList();
  }
}
