package dev.accesslink.sms;

import dev.accesslink.core.port.out.LinkMessage;
import dev.accesslink.core.port.out.Translations;

/**
 * Renders the body of the SMS that carries a link. Replaceable: pass another template to {@link
 * SmsLinkNotifier#withTemplate}, either a pattern ({@link #of}) or any function of the {@link
 * LinkMessage}.
 *
 * <p>Whatever the template returns, the notifier removes control characters (except line feeds)
 * and refuses to send a body without the link URL. Implementations must be thread-safe and must
 * not log the message (it holds the secret URL).
 */
@FunctionalInterface
public interface SmsTemplate {

  /** The default pattern: {@value}. */
  String DEFAULT_PATTERN = "{org}: Hi {firstName}, your access link: {url}";

  /**
   * The body for {@code message}; must contain {@code message.url().reveal()} unchanged.
   *
   * @param message what to send
   * @return the SMS text
   */
  String render(LinkMessage message);

  /**
   * The standard template, written in the link's language ({@link LinkMessage#language()}:
   * English, Spanish, French and German are built in, any other language falls back to English):
   * in English "{org}: Hi {firstName}, {issuer} sent you an access link: {url}", or {@value
   * #DEFAULT_PATTERN} when the link has no sender's name. Values are shortened so that the
   * message fits in one segment (GSM-7, 160 characters) wherever the names allow it.
   */
  static SmsTemplate standard() {
    return LocalizedSmsTemplate.DEFAULT;
  }

  /**
   * The standard template with other texts, such as {@code
   * SmsTemplate.builtInTranslations().withOverrides("com.acme.sms", Acme.class.getClassLoader())}:
   * the keys {@code sms.named} and {@code sms.anonymous} hold patterns as for {@link #of} (see
   * {@code docs/sms.md}).
   */
  static SmsTemplate standard(Translations texts) {
    return new LocalizedSmsTemplate(texts);
  }

  /** The built-in texts, {@code dev/accesslink/sms/messages*.properties} in this module's jar. */
  static Translations builtInTranslations() {
    return LocalizedSmsTemplate.BUILT_IN;
  }

  /**
   * A template from a pattern with the placeholders {@code {org}} (the organization or place),
   * {@code {firstName}}, {@code {name}} (the recipient's full name), {@code {group}}, {@code
   * {issuer}} (the sender's display name, empty when none was given) and {@code {url}}
   * (required). Placeholder values are cleaned (control characters removed, typographic
   * quotes, dashes and accents turned into GSM-7 look-alikes so the message stays GSM-7 where
   * possible) and shortened when the body would take more than two segments; the URL is never
   * changed.
   *
   * @throws IllegalArgumentException if the pattern lacks {@code {url}} or has an unknown
   *     placeholder
   */
  static SmsTemplate of(String pattern) {
    return new PatternTemplate(pattern);
  }
}
