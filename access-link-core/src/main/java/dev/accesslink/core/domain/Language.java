package dev.accesslink.core.domain;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The language a link's messages and visitor page are written in, as a BCP 47 tag such as {@code
 * es} or {@code pt-BR}: a two- or three-letter ISO 639 language, optionally a region. The tag is
 * normalized ({@code ES} and {@code es} are the same language, {@code pt_br} becomes {@code
 * pt-BR}).
 *
 * <p>Which languages an application accepts is its choice ({@code
 * AccessLinksBuilder.languages}, by default {@link #BUILT_IN}); a tag with a region that is not
 * offered falls back to its language when that is ({@link #requireOneOf}). A tag that is not well
 * formed is an {@link InvalidInputException} with code {@code language.unsupported}, as is a
 * well-formed one that the application does not offer.
 *
 * @param tag the normalized BCP 47 tag
 */
public record Language(String tag) {
  // before the constants: static fields initialize in order
  private static final Pattern FORM = Pattern.compile("[A-Za-z]{2,3}(?:[-_][A-Za-z]{2})?");

  /** English: the language every missing translation falls back to. */
  public static final Language ENGLISH = new Language("en");
  /** Spanish. */
  public static final Language SPANISH = new Language("es");
  /** French. */
  public static final Language FRENCH = new Language("fr");
  /** German. */
  public static final Language GERMAN = new Language("de");
  /** The languages the library's adapters and demo ship translations for. */
  public static final Set<Language> BUILT_IN = Set.of(ENGLISH, SPANISH, FRENCH, GERMAN);

  /** Normalizes and checks the tag. */
  public Language {
    Objects.requireNonNull(tag, "tag");
    String t = tag.strip();
    if (!FORM.matcher(t).matches()) {
      throw unsupported(t);
    }
    try {
      tag = new Locale.Builder().setLanguageTag(t.replace('_', '-')).build().toLanguageTag();
    } catch (IllformedLocaleException e) {
      throw unsupported(t);
    }
  }

  /**
   * The tags read before, as given, and their languages: a stored link's language is read with
   * every lookup of the link (each unlock), and normalizing a tag builds a {@link Locale} (a tenth
   * of the lookup's Java time in a profile of the unlock). Only tags already in normal form, so
   * keys are at most a few characters; past {@link #KNOWN_MAX} tags it stops remembering.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, Language> KNOWN =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int KNOWN_MAX = 256;

  /** Same as the constructor (same checks, same result); reads well at call sites. */
  public static Language of(String tag) {
    Language known = tag == null ? null : KNOWN.get(tag);
    if (known != null) {
      return known;
    }
    Language made = new Language(tag);
    if (made.tag.equals(tag) && KNOWN.size() < KNOWN_MAX) { // only normalized tags: short keys
      KNOWN.putIfAbsent(tag, made);
    }
    return made;
  }

  /** The locale to format dates, times and numbers in. */
  public Locale locale() {
    return Locale.forLanguageTag(tag);
  }

  /**
   * The offered language this one is written in: itself when {@code offered} contains it, else its
   * language without the region when that is offered ({@code es-ES} or {@code es-MX} read as {@code
   * es} when only {@code es} is offered, as a browser's or a phone's language usually carries a
   * region).
   *
   * @return this language, or its region-less form
   * @throws InvalidInputException {@code language.unsupported} when neither is offered
   */
  public Language requireOneOf(Set<Language> offered) {
    if (offered.contains(this)) {
      return this;
    }
    int dash = tag.indexOf('-');
    if (dash > 0) {
      Language withoutRegion = new Language(tag.substring(0, dash));
      if (offered.contains(withoutRegion)) {
        return withoutRegion;
      }
    }
    throw unsupported(tag);
  }

  static InvalidInputException unsupported(String tag) {
    // a tag is ASCII: anything else (controls, bidi overrides, halves of pairs) is not echoed
    String shown = tag.length() > 20 ? tag.substring(0, 20) + "..." : tag;
    return new InvalidInputException("language.unsupported", "language",
        "The language \"" + shown.replaceAll("[^\\x20-\\x7E]", "?")
            + "\" is not offered; choose one of the languages messages are written in.");
  }

  @Override
  public String toString() {
    return tag;
  }
}
