package dev.accesslink.core.port.out;

import dev.accesslink.core.domain.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.Optional;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The texts of messages and pages in several languages, from resource bundles: UTF-8 {@code
 * .properties} files named as {@link ResourceBundle} names them ({@code
 * dev/accesslink/email/messages.properties} for English, the fallback, then {@code
 * messages_es.properties}, {@code messages_fr.properties}, {@code messages_pt_BR.properties} ...).
 *
 * <p>A product extends or overrides the built-in texts with bundles of its own ({@link
 * #withOverrides}): for a link in {@code es-MX}, a key is looked up in {@code _es_MX}, then {@code
 * _es}, then the base (English) file, each time in the product's bundle before the built-in one.
 * So a product's Spanish text wins over the built-in Spanish one, a product's English text over
 * the built-in English one, but a product's English text never hides a built-in Spanish one. A key
 * missing in a language falls back to English, never to the key's name; a key missing even in the
 * built-in English bundle is a programming error ({@link MissingResourceException}).
 *
 * <p>The JVM's default locale plays no part. Immutable and thread-safe; files are read once.
 */
public final class Translations {
  private static final ResourceBundle.Control NAMES =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final List<Source> sources;
  /** Texts already looked up, by locale and key: a message's rendering asks for dozens. */
  private final ConcurrentMap<Locale, ConcurrentMap<String, String>> texts = new ConcurrentHashMap<>();
  /** Parsed patterns, by locale and key; each use formats with its own clone (not thread-safe). */
  private final ConcurrentMap<Locale, ConcurrentMap<String, MessageFormat>> formats =
      new ConcurrentHashMap<>();

  private Translations(List<Source> sources) {
    this.sources = List.copyOf(sources);
  }

  /**
   * The built-in texts of {@code baseName} (such as {@code "dev.accesslink.email.messages"}),
   * whose base file is English and has every key.
   *
   * @param baseName the bundle's base name, dots between packages
   * @param loader where the files are, such as the adapter's own class loader
   */
  public static Translations of(String baseName, ClassLoader loader) {
    return new Translations(List.of(new Source(baseName, loader)));
  }

  /**
   * These texts, overridden and extended by the bundle {@code baseName}: its keys win over the
   * built-in ones of the same language (see the class comment). Its files may hold any subset of
   * the keys, in any languages.
   */
  public Translations withOverrides(String baseName, ClassLoader loader) {
    List<Source> more = new ArrayList<>();
    more.add(new Source(baseName, loader));
    more.addAll(sources);
    return new Translations(more);
  }

  /**
   * The text of {@code key} in {@code language}, else in English.
   *
   * @throws MissingResourceException when no bundle has the key, not even in English
   */
  public String text(Language language, String key) {
    Objects.requireNonNull(key, "key");
    Locale locale = language.locale();
    // a key no bundle has throws here and is not remembered
    return texts.computeIfAbsent(locale, l -> new ConcurrentHashMap<>())
        .computeIfAbsent(key, k -> lookUp(locale, k));
  }

  private String lookUp(Locale locale, String key) {
    for (Locale candidate : NAMES.getCandidateLocales("", locale)) {
      for (Source source : sources) {
        Optional<Map<String, String>> bundle = source.bundle(candidate);
        if (bundle.isPresent() && bundle.get().containsKey(key)) {
          return bundle.get().get(key);
        }
      }
    }
    throw new MissingResourceException("no text for " + key, sources.get(sources.size() - 1).baseName, key);
  }

  /**
   * The text of {@code key} with its {@link MessageFormat} arguments ({@code {0}}, {@code {1}} ...)
   * filled in, formatted in {@code language}'s locale. Arguments are inserted as they are: escape
   * them for the medium first.
   */
  public String format(Language language, String key, Object... arguments) {
    Locale locale = language.locale();
    MessageFormat parsed = formats.computeIfAbsent(locale, l -> new ConcurrentHashMap<>())
        .computeIfAbsent(key, k -> new MessageFormat(text(language, k), locale));
    return ((MessageFormat) parsed.clone()).format(arguments);
  }

  /** The bundles' base names, most specific first; no text. */
  @Override
  public String toString() {
    return "Translations" + sources.stream().map(s -> s.baseName).toList();
  }

  private static final class Source {
    final String baseName;
    final ClassLoader loader;
    final ConcurrentMap<Locale, Optional<Map<String, String>>> cache = new ConcurrentHashMap<>();

    Source(String baseName, ClassLoader loader) {
      this.baseName = Objects.requireNonNull(baseName, "baseName");
      this.loader = Objects.requireNonNull(loader, "loader");
    }

    Optional<Map<String, String>> bundle(Locale locale) {
      return cache.computeIfAbsent(locale, this::load);
    }

    private Optional<Map<String, String>> load(Locale locale) {
      String resource = NAMES.toResourceName(NAMES.toBundleName(baseName, locale), "properties");
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          return Optional.empty();
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
          PropertyResourceBundle bundle = new PropertyResourceBundle(reader);
          Map<String, String> texts = new HashMap<>();
          for (String key : bundle.keySet()) {
            texts.put(key, bundle.getString(key));
          }
          return Optional.of(Map.copyOf(texts));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
  }
}
